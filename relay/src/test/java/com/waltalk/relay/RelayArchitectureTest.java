package com.waltalk.relay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The relay's layering, as the packages' {@code package-info.java} state it and docs/ARCHITECTURE.md
 * draws it: transport → session → (ingest, stores) → db, and replication → fanout → transport's
 * channels, with no package cycle and nothing of the desktop app or the benchmarks in the product.
 */
@AnalyzeClasses(packages = "com.waltalk.relay", importOptions = ImportOption.DoNotIncludeTests.class)
class RelayArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("com.waltalk.(**)")
            .should().beFreeOfCycles()
            .because("a cycle through the root package counts too: it holds the composition root (Relay)");

    @ArchTest
    static final ArchRule noDesktopCode = noClasses().should().dependOnClassesThat()
            .resideInAPackage("com.waltalk.desktop..")
            .because("the relay runs headless on a server; the desktop app depends on it, never the reverse");

    @ArchTest
    static final ArchRule noBenchCode = noClasses().should().resideInAPackage("..bench..")
            .because("benchmarks live in bench/relay-bench, outside the relay jar and its app-image (D35)");

    @ArchTest
    static final ArchRule noTestCode = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("com.waltalk.testing..", "org.junit..", "org.assertj..")
            .because("test-support and test libraries are never part of the product");

    @ArchTest
    static final ArchRule decoderKnowsNoConsumers = noClasses()
            .that().resideInAPackage("com.waltalk.relay.replication..")
            .should().dependOnClassesThat().resideInAnyPackage("com.waltalk.relay.session..",
                    "com.waltalk.relay.fanout..", "com.waltalk.relay.transport..", "com.waltalk.relay.state..",
                    "com.waltalk.relay.ingest..")
            .because("the replication stream (transport, decoder, event source) hands changes to ChangeHandlers "
                    + "and knows nothing of who consumes them (as in Debezium's connector)");

    @ArchTest
    static final ArchRule storesKnowNoConnections = noClasses()
            .that().resideInAnyPackage("com.waltalk.relay.accounts..", "com.waltalk.relay.calls..",
                    "com.waltalk.relay.chat..", "com.waltalk.relay.presence..", "com.waltalk.relay.ingest..",
                    "com.waltalk.relay.db..")
            .should().dependOnClassesThat().resideInAnyPackage("com.waltalk.relay.session..",
                    "com.waltalk.relay.transport..", "com.waltalk.relay.fanout..", "org.java_websocket..")
            .because("storage is written by sessions and read back through the stream; it never reaches a socket");

    @ArchTest
    static final ArchRule callAndChatStoresKnowNoMirror = noClasses()
            .that().resideInAnyPackage("com.waltalk.relay.calls..", "com.waltalk.relay.chat..")
            .should().dependOnClassesThat().resideInAPackage("com.waltalk.relay.state..")
            .because("state mirrors the stores' rows from the stream; the stores never look at the mirror");

    @ArchTest
    static final ArchRule callsKnowNoStream = noClasses()
            .that().resideInAPackage("com.waltalk.relay.calls..")
            .should().dependOnClassesThat().resideInAPackage("com.waltalk.relay.replication..")
            .because("a call's outcome is learnt from the stream by state, not by the store that wrote it");

    @ArchTest
    static final ArchRule onlyTransportTouchesTheWebSocketLibrary = noClasses()
            .that().resideOutsideOfPackages("com.waltalk.relay.transport..")
            .should().dependOnClassesThat().resideInAPackage("org.java_websocket..")
            .because("Java-WebSocket is the transport's business; sessions and fan-out see ClientChannel");

    @ArchTest
    static final ArchRule sessionsDoNotReachIntoTheTransport = noClasses()
            .that().resideInAnyPackage("com.waltalk.relay.session..", "com.waltalk.relay.fanout..")
            .should().dependOnClassesThat().resideInAPackage("com.waltalk.relay.transport..")
            .because("the transport calls the session layer, never the other way round");
}
