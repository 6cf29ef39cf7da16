package com.waltalk.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.Register;
import com.waltalk.testing.SimulatedClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real command line: {@code relay serve} starts, logs one line, answers /healthz and stops on
 * SIGTERM; with {@code --registration closed} it refuses registrations, and {@code relay user} cannot
 * use its embedded database until it has stopped (docs/OPERATIONS.md, "Users").
 */
class ServeCommandIT {

    private static final Duration T = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;

    @Test
    void serveWithClosedRegistrationStartsRefusesRegisteringKeepsItsDatabaseAndStopsCleanlyOnSigterm()
            throws Exception {
        int wsPort = freePort();
        int httpPort = freePort();
        String pgData = dataDir.resolve("pg").toString();
        Process p = relayCommand("serve", "--listen", "127.0.0.1:" + wsPort,
                "--http", "127.0.0.1:" + httpPort, "--data-dir", pgData,
                "--relay-id", "cli_test", "--registration", "closed")
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

            try (SimulatedClient c = SimulatedClient.connect("ws://127.0.0.1:" + wsPort + "/")) {
                assertThat(c.hello().registrationOpen()).isFalse();
                c.sendControl(new Register("newcomer", "long enough password"));
                ErrorMessage refused = c.nextError(T);
                assertThat(refused.code()).isEqualTo("registration_closed");
                assertThat(refused.fatal()).isFalse();
            }

            // the embedded database belongs to the running relay: `relay user` says so and changes nothing
            Command add = run("erin's password\n", "user", "add", "erin", "--data-dir", pgData);
            assertThat(add.exitCode).isEqualTo(1);
            assertThat(add.output).contains("relay user add: cannot start the embedded database in " + pgData)
                    .contains("if the relay is running, stop it or use --db");
            assertThat(p.isAlive()).isTrue();
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("the relay is unharmed").isEqualTo(200);

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stops after SIGTERM").isTrue();
            assertThat(p.exitValue()).isIn(0, 143);
            reader.join(5_000);
            assertThat(dataDir.resolve("pg").resolve("postmaster.pid")).as("embedded PostgreSQL shut down").doesNotExist();
            assertThat(lines).as("no stack traces on a clean stop").noneMatch(l -> l.startsWith("\tat "));

            // stopped: now the operator can add the user
            add = run("erin's password\n", "user", "add", "erin", "--data-dir", pgData);
            assertThat(add.exitCode).as(add.output).isZero();
            assertThat(add.output).contains("added user erin");
            Command list = run("", "user", "list", "--data-dir", pgData);
            assertThat(list.exitCode).as(list.output).isZero();
            assertThat(list.output).containsPattern("(?m)^erin +\\d{4}-");
        } finally {
            p.destroyForcibly();
        }
    }

    private record Command(int exitCode, String output) {
    }

    private static ProcessBuilder relayCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "com.waltalk.relay.cli.RelayMain"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** Runs `relay ARGS` to completion with {@code stdin} as its standard input (no terminal). */
    private static Command run(String stdin, String... args) throws Exception {
        Process p = relayCommand(args).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("relay %s finished", String.join(" ", args)).isTrue();
        return new Command(p.exitValue(), output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
