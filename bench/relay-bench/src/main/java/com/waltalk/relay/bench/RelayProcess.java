package com.waltalk.relay.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A relay running as a child JVM ({@code relay serve} against the benchmark's database), so its CPU
 * and memory are measured apart from the simulated clients and the database. Output goes to a log
 * file. Thread-safe: {@link #stop()} may be called from a shutdown hook while another thread uses it.
 */
public final class RelayProcess implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int webSocketPort;
    private final int httpPort;
    private final Path logFile;

    private RelayProcess(Process process, int webSocketPort, int httpPort, Path logFile) {
        this.process = process;
        this.webSocketPort = webSocketPort;
        this.httpPort = httpPort;
        this.logFile = logFile;
    }

    /** The relay could not be started; the message says why, including the end of its log. */
    public static final class RelayProcessException extends Exception {
        RelayProcessException(String message) {
            super(message);
        }
    }

    /**
     * Launches {@code relay serve} on free loopback ports with the same JVM and class path as this
     * process; call {@link #awaitHealthy} next.
     *
     * @param launch  writers, extra JVM and {@code serve} options
     */
    public static RelayProcess launch(String jdbcUrl, String dbUser, String relayId, RelayLaunch launch,
                                      Path logFile) throws IOException {
        int ws = freePort();
        int http = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        // as the app-image does; without it `serve` would re-run itself in a child JVM, and this pid (whose CPU
        // and memory the benchmark reads) would be the idle parent's
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.addAll(launch.jvmArgs());
        cmd.add("-cp");
        cmd.add(absoluteClassPath());
        cmd.add("com.waltalk.relay.cli.RelayMain");
        cmd.addAll(List.of("serve", "--db", jdbcUrl, "--db-user", dbUser,
                "--listen", "127.0.0.1:" + ws, "--http", "127.0.0.1:" + http, "--relay-id", relayId));
        if (launch.writers() != null) {
            cmd.addAll(List.of("--writers", launch.writers().toString()));
        }
        cmd.addAll(launch.serveArgs());
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        return new RelayProcess(p, ws, http, logFile);
    }

    /**
     * Waits until {@code /healthz} answers 200 (replication streaming), at most {@link #START_TIMEOUT};
     * stops the process if it does not.
     */
    public void awaitHealthy() throws InterruptedException, RelayProcessException {
        try {
            awaitHealthy(START_TIMEOUT);
        } catch (InterruptedException | RelayProcessException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException, RelayProcessException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new RelayProcessException("relay exited with status " + process.exitValue()
                        + " before becoming healthy; its log ends with:\n" + logTail(20));
            }
            if (health(Duration.ofSeconds(2)) != null) {
                return;
            }
            Thread.sleep(200);
        }
        throw new RelayProcessException("relay did not report healthy within " + timeout.toSeconds()
                + " s; its log ends with:\n" + logTail(20));
    }

    /** The body of {@code /healthz} if it answers 200 within {@code timeout}, else null. */
    public String health(Duration timeout) throws InterruptedException {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/healthz")).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null; // not listening yet, or gone
        }
    }

    /** {@code /metrics} of the relay's health port. */
    public String metricsUri() {
        return "http://127.0.0.1:" + httpPort + "/metrics";
    }

    /** {@code /healthz} of the relay's health port. */
    public String healthUri() {
        return "http://127.0.0.1:" + httpPort + "/healthz";
    }

    public String webSocketUri() {
        return "ws://127.0.0.1:" + webSocketPort + "/";
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last {@code lines} lines of the relay's output. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, a bounded wait for the graceful shutdown, then SIGKILL. Idempotent. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL at once, for the shutdown hook: PostgreSQL stops faster without a relay attached. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The class path with relative entries made absolute (the child may resolve them differently). */
    private static String absoluteClassPath() {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                out.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, out);
    }
}
