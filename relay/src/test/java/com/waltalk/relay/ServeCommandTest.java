package com.waltalk.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real command line: {@code relay serve} starts, logs one line, answers /healthz and stops on SIGTERM. */
class ServeCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void serveStartsAnswersHealthAndStopsCleanlyOnSigterm() throws Exception {
        int wsPort = freePort();
        int httpPort = freePort();
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "com.waltalk.relay.cli.RelayMain", "serve", "--listen", "127.0.0.1:" + wsPort,
                "--http", "127.0.0.1:" + httpPort, "--data-dir", dataDir.resolve("pg").toString(),
                "--relay-id", "cli_test")
                .redirectErrorStream(true)
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (lines.stream().noneMatch(l -> l.contains("listening on")) && p.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(lines).as("start-up log").anyMatch(l -> l.contains(
                    "listening on ws://127.0.0.1:" + wsPort) && l.contains("slot waltalk_relay_cli_test"));

            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stops after SIGTERM").isTrue();
            assertThat(p.exitValue()).isIn(0, 143);
            reader.join(5_000);
            assertThat(dataDir.resolve("pg").resolve("postmaster.pid")).as("embedded PostgreSQL shut down").doesNotExist();
            assertThat(lines).as("no stack traces on a clean stop").noneMatch(l -> l.startsWith("\tat "));
        } finally {
            p.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
