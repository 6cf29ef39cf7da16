package com.waltalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launcher as a separate process, like the installers and CI run it. */
class LauncherIT {

    record Run(int exit, String out) {
    }

    private static Run run(List<String> jvmProps, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.addAll(jvmProps);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Launcher.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void versionAndHelpNeedNoDisplay() throws Exception {
        Run v = run(List.of(), "--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).startsWith("WalTalk ");
        Run h = run(List.of(), "--help");
        assertThat(h.exit()).isZero();
        assertThat(h.out()).contains("--demo", "--host", "--relay", "--user", "--config-dir", "--self-check");
    }

    @Test
    void aBadRelayAddressIsAClearErrorNotACrash() throws Exception {
        Run r = run(List.of(), "--relay", "http://example.org");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("--relay must look like ws://host:port").doesNotContain("Exception");
    }

    @Test
    void selfCheckPassesHeadlessAndWithAToolkit() throws Exception {
        Run headless = run(List.of("-Djava.awt.headless=true"), "--self-check");
        assertThat(headless.exit()).as(headless.out()).isZero();
        assertThat(headless.out()).containsPattern("toolkit +ok +skipped \\(no display\\)").endsWith("ok\n");

        Run monocle = run(List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw"),
                "--self-check");
        assertThat(monocle.exit()).as(monocle.out()).isZero();
        assertThat(monocle.out()).containsPattern("toolkit +ok +started, sign-in screen laid out").endsWith("ok\n");
    }
}
