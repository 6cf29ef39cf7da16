package com.waltalk.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A relay in its own JVM (`relay serve`), so tests can SIGTERM or SIGKILL it like a real process. */
public final class ChildRelay implements AutoCloseable {

    final Process process;
    final int wsPort;
    final int httpPort;
    public final List<String> output = new CopyOnWriteArrayList<>();

    private ChildRelay(Process process, int wsPort, int httpPort) {
        this.process = process;
        this.wsPort = wsPort;
        this.httpPort = httpPort;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "child-relay-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts `relay serve` against an external database and waits until /healthz answers 200. The JVM gets
     * {@code -XX:+ExitOnOutOfMemoryError} as the app-image's does, so `serve` runs in this very process (without
     * it, `serve` would start itself again in a child JVM that has it).
     */
    public static ChildRelay start(String jdbcUrl, String user, String relayId, String... extraArgs) throws Exception {
        return startWith(List.of("-XX:+ExitOnOutOfMemoryError"), jdbcUrl, user, relayId, extraArgs);
    }

    /** {@link #start} with these JVM options instead (e.g. a small -Xmx and no ExitOnOutOfMemoryError). */
    public static ChildRelay startWith(List<String> jvmOptions, String jdbcUrl, String user, String relayId,
                                       String... extraArgs) throws Exception {
        return startUnder(List.of(), jvmOptions, jdbcUrl, user, relayId, extraArgs);
    }

    /** {@link #startWith} run by {@code launcher}, e.g. {@code prlimit --nofile=400} for a small descriptor limit. */
    public static ChildRelay startUnder(List<String> launcher, List<String> jvmOptions, String jdbcUrl, String user,
                                        String relayId, String... extraArgs) throws Exception {
        int ws = freePort();
        int http = freePort();
        List<String> cmd = new java.util.ArrayList<>(launcher);
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of(
                "-cp", System.getProperty("java.class.path"), "com.waltalk.relay.cli.RelayMain", "serve",
                "--db", jdbcUrl, "--db-user", user, "--relay-id", relayId,
                "--listen", "127.0.0.1:" + ws, "--http", "127.0.0.1:" + http));
        cmd.addAll(List.of(extraArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // Tests register and sign in many users from 127.0.0.1: the per-address limits a public relay ships with
        // would refuse them (as RelaySettings.forLoopback does in-process); an option in extraArgs still wins.
        for (String limit : List.of("REGISTRATIONS", "SIGN_IN_PAIR", "SIGN_IN_ADDRESS", "SIGN_IN_ACCOUNT",
                "RINGS_PER_CALLEE", "RINGS", "CHAT_SENT", "CHAT_RECEIVED", "CONTACT_REQUESTS")) {
            pb.environment().putIfAbsent("WALTALK_LIMIT_" + limit, "1000000/1s");
        }
        pb.environment().putIfAbsent("WALTALK_MAX_CONNECTIONS_PER_ADDRESS", "100000");
        pb.environment().putIfAbsent("WALTALK_NEW_CONNECTIONS_PER_ADDRESS", "100000");
        ChildRelay child = new ChildRelay(pb.start(), ws, http);
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && child.process.isAlive()) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + http + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return child;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        child.close();
        throw new IOException("child relay did not become healthy:\n" + String.join("\n", child.output));
    }

    /** Waits for the process to end; its exit status, or null if it is still running after {@code timeout}. */
    public Integer awaitExit(java.time.Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    public java.net.InetSocketAddress webSocketAddress() {
        return new java.net.InetSocketAddress("127.0.0.1", wsPort);
    }

    public String healthUri() {
        return "http://127.0.0.1:" + httpPort + "/healthz";
    }

    public String uri() {
        return "ws://127.0.0.1:" + wsPort + "/";
    }

    /** SIGKILL: no shutdown hook, no goodbye — a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
