package com.waltalk.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.waltalk.protocol.Limits;

/**
 * The desktop app's layering, as the packages' {@code package-info.java} state it: the UI works on the
 * session model and the media pipelines, never on sockets; the network layer and the model know nothing of
 * JavaFX; only hosting reaches into the relay; no package cycle; no benchmark code in the app.
 */
@AnalyzeClasses(packages = "com.waltalk.desktop", importOptions = ImportOption.DoNotIncludeTests.class)
class DesktopArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("com.waltalk.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule uiDoesNotReachIntoNet = noClasses()
            .that().resideInAPackage("com.waltalk.desktop.ui..")
            .should().dependOnClassesThat().resideInAPackage("com.waltalk.desktop.net..")
            .because("the UI never touches the connection: it sends commands to SessionModel and reads its events");

    @ArchTest
    static final ArchRule uiSeesThePipelinesOnlyThroughTheRoot = noClasses()
            .that().resideInAPackage("com.waltalk.desktop.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("com.waltalk.desktop.audio..",
                    "com.waltalk.desktop.capture..", "com.waltalk.desktop.playback..", "com.waltalk.desktop.video..",
                    "com.waltalk.desktop.media..")
            .because("the screens drive the media pipelines through the interfaces the composition root implements "
                    + "(CallMediaHooks, MediaDevices)");

    @ArchTest
    static final ArchRule uiUsesOnlyTheProtocolsLimits = noClasses()
            .that().resideInAPackage("com.waltalk.desktop.ui..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("com.waltalk.protocol..")
                    .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(Limits.class))))
            .because("the screens see the relay through the session model; of the protocol only its limits "
                    + "(e.g. the chat box's length)");

    @ArchTest
    static final ArchRule connectionValuesUseNothingOfTheApp = usesNothingElseOfTheApp("com.waltalk.desktop.connection");

    @ArchTest
    static final ArchRule mediaValuesUseNothingOfTheApp = usesNothingElseOfTheApp("com.waltalk.desktop.media");

    /** Plain value packages everything else builds on: they use no other package of the app. */
    private static ArchRule usesNothingElseOfTheApp(String valuePackage) {
        return noClasses().that().resideInAPackage(valuePackage + "..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("com.waltalk.desktop..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(valuePackage + ".."))))
                .because("connection values and media frames are plain values everything else builds on");
    }

    @ArchTest
    static final ArchRule onlyNetTouchesWebSockets = noClasses()
            .that().resideOutsideOfPackages("com.waltalk.desktop.net..")
            .should().dependOnClassesThat().resideInAnyPackage("org.glassfish..", "jakarta.websocket..",
                    "org.java_websocket..")
            .because("the WebSocket client (Tyrus) is the network layer's business");

    @ArchTest
    static final ArchRule modelAndNetworkKnowNoJavaFx = noClasses()
            .that().resideInAnyPackage("com.waltalk.desktop.session..", "com.waltalk.desktop.net..",
                    "com.waltalk.desktop.call..", "com.waltalk.desktop.audio..", "com.waltalk.desktop.playback..",
                    "com.waltalk.desktop.capture..", "com.waltalk.desktop.media..", "com.waltalk.desktop.host..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the model and the pipelines are tested and used without a JavaFX toolkit");

    @ArchTest
    static final ArchRule onlyHostingReachesIntoTheRelay = noClasses()
            .that().resideOutsideOfPackages("com.waltalk.desktop.host..", "com.waltalk.desktop")
            .should().dependOnClassesThat().resideInAPackage("com.waltalk.relay..")
            .because("the app talks to relays over the protocol; only \"Host on this computer\" (and demo mode, "
                    + "which hosts one) runs the bundled relay in process");

    @ArchTest
    static final ArchRule nothingUsesTheLaunchPackage = noClasses()
            .that().resideOutsideOfPackage("com.waltalk.desktop")
            .should().dependOnClassesThat().resideInAPackage("com.waltalk.desktop")
            .because("the root package starts the app and wires it together (Launcher, WalTalkApp, demo mode); "
                    + "the features it wires know nothing of it");

    @ArchTest
    static final ArchRule noBenchCode = noClasses().should().resideInAPackage("..bench..")
            .because("benchmarks live in bench/desktop-bench, outside the app jar and its installers (D35)");

    @ArchTest
    static final ArchRule noTestCode = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("com.waltalk.testing..", "org.junit..", "org.assertj..", "org.testfx..")
            .because("test-support and test libraries are never part of the product");
}
