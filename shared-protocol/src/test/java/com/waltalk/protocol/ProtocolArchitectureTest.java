package com.waltalk.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The protocol module is the wire format and nothing else: no sockets, JDBC, JavaFX, relay or app. */
@AnalyzeClasses(packages = "com.waltalk.protocol", importOptions = ImportOption.DoNotIncludeTests.class)
class ProtocolArchitectureTest {

    @ArchTest
    static final ArchRule knowsNoTransportStorageOrUi = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..", "javafx..", "java.awt..", "javax.swing..",
                    "org.java_websocket..", "org.glassfish..", "jakarta.websocket..", "org.postgresql..",
                    "com.waltalk.relay..", "com.waltalk.desktop..")
            .because("both sides speak the protocol; it must not pull either side's transport, storage or UI in");

    @ArchTest
    static final ArchRule opensNoSockets = noClasses().should().dependOnClassesThat()
            .haveFullyQualifiedName("java.net.Socket")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.ServerSocket")
            .orShould().dependOnClassesThat().resideInAPackage("java.nio.channels..");

    @ArchTest
    static final ArchRule theRootPackageUsesNoSubpackage = noClasses()
            .that().resideInAPackage("com.waltalk.protocol")
            .should().dependOnClassesThat().resideInAnyPackage("com.waltalk.protocol.control..",
                    "com.waltalk.protocol.media..")
            .because("control and media build on the shared vocabulary (package-info), not the reverse");

    @ArchTest
    static final ArchRule controlKnowsNoMedia = noClasses()
            .that().resideInAPackage("com.waltalk.protocol.control..")
            .should().dependOnClassesThat().resideInAPackage("com.waltalk.protocol.media..")
            .because("the two message families are independent (package-info)");

    @ArchTest
    static final ArchRule mediaKnowsNoControl = noClasses()
            .that().resideInAPackage("com.waltalk.protocol.media..")
            .should().dependOnClassesThat().resideInAPackage("com.waltalk.protocol.control..")
            .because("the two message families are independent (package-info)");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("com.waltalk.(**)").should().beFreeOfCycles();
}
