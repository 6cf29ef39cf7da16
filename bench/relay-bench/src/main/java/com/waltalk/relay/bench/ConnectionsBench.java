package com.waltalk.relay.bench;

import com.waltalk.protocol.media.MediaKind;
import com.waltalk.testing.SimulatedClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code relay-bench connections}: what connections cost the relay and what a slow-handshake flood does to a
 * call (docs/OPERATIONS.md 12.1). Starts an embedded PostgreSQL and a relay child, then
 * <ol>
 * <li>with {@code --per-connection}: measures the relay's heap per half-open connection (half an upgrade
 *     request sent) and per signed-in idle connection — heap after a full GC ({@code jcmd GC.run}) before and
 *     after opening them, divided by their number;</li>
 * <li>establishes one normal call (15 fps 30 KB video + 50/s audio each way), then floods the relay with
 *     {@code --sockets} half-open connections from the {@code --sources} addresses (one flood process per
 *     address, each re-opening what the relay closes) for {@code --flood-seconds}, sampling the relay's heap and
 *     {@code /healthz} every second; reports the call's latency percentiles during the flood.</li>
 * </ol>
 * Prints human-readable lines and one {@code CONNECTIONS_JSON} line.
 */
@Command(name = "relay-bench connections", mixinStandardHelpOptions = true,
        description = "Heap per connection, and a normal call's latency under a half-open connection flood.")
final class ConnectionsBench implements Callable<Integer> {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} (\\S+)$");
    private static final Pattern HEAP_MAX = Pattern.compile("(?m)^jvm_memory_max_bytes\\{area=\"heap\"[^}]*} (\\S+)$");

    @Option(names = "--sockets", defaultValue = "20000", description = "half-open sockets in all (default ${DEFAULT-VALUE})")
    int sockets;

    @Option(names = "--sources", split = ",", defaultValue = "127.0.0.1,127.0.0.2,127.0.0.3",
            description = "source addresses of the flood, one process each (default ${DEFAULT-VALUE})")
    List<String> sources;

    @Option(names = "--flood-seconds", defaultValue = "40", description = "(default ${DEFAULT-VALUE})")
    int floodSeconds;

    /** The flood JVMs' own start-up (JIT on the same 2 cores) is not what is measured. */
    @Option(names = "--warmup-seconds", defaultValue = "10",
            description = "seconds of the flood before the call's latency is measured (default ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--relay-jvm-opt", paramLabel = "OPT", description = "JVM option of the relay (default -Xmx1g)")
    List<String> relayJvmOpts = new ArrayList<>(List.of("-Xmx1g"));

    @Option(names = "--relay-opt", paramLabel = "OPT",
            description = "'relay serve' option, e.g. --relay-opt=--max-connections-per-address=100000")
    List<String> relayOpts = new ArrayList<>();

    @Option(names = "--per-connection", description = "first measure heap bytes per connection (needs the "
            + "per-address caps raised with --relay-opt)")
    boolean perConnection;

    @Option(names = "--half-open-sample", defaultValue = "2000", description = "(default ${DEFAULT-VALUE})")
    int halfOpenSample;

    @Option(names = "--signed-in-sample", defaultValue = "200", description = "(default ${DEFAULT-VALUE})")
    int signedInSample;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("waltalk-connections-bench");
        try (BenchDatabase db = BenchDatabase.start(dir.resolve("pg"));
             RelayProcess relay = RelayProcess.launch(db.endpoint().jdbcUrl(), db.endpoint().user(), "connbench",
                     new RelayLaunch(null, relayJvmOpts, relayOpts), dir.resolve("relay.log"))) {
            relay.awaitHealthy();
            System.out.printf(Locale.ROOT, "relay pid %d, jvm %s, serve %s%n", relay.pid(), relayJvmOpts, relayOpts);
            double halfOpen = Double.NaN;
            double signedIn = Double.NaN;
            if (perConnection) {
                halfOpen = halfOpenBytes(relay);
                signedIn = signedInBytes(relay);
                System.out.printf(Locale.ROOT, "heap per half-open connection: %.0f bytes (%d sockets)%n", halfOpen,
                        halfOpenSample);
                System.out.printf(Locale.ROOT, "heap per signed-in idle connection: %.0f bytes (%d clients)%n",
                        signedIn, signedInSample);
            }
            Flood flood = flood(relay);
            System.out.printf(Locale.ROOT, "(warm-up: video p99 %.1f ms)%n", flood.warmupVideoP99);
            System.out.printf(Locale.ROOT, "CONNECTIONS_JSON {\"sockets\":%d,\"sources\":%d,\"floodSeconds\":%d,"
                            + "\"halfOpenBytes\":%.0f,\"signedInBytes\":%.0f,\"videoP50Ms\":%.1f,\"videoP99Ms\":%.1f,"
                            + "\"audioP99Ms\":%.1f,\"videoLost\":%d,\"maxHeapUsedMb\":%.1f,\"heapMaxMb\":%.1f,"
                            + "\"maxRelayConnections\":%d,\"unhealthySeconds\":%d,\"relayAlive\":%b}%n",
                    sockets, sources.size(), floodSeconds, halfOpen, signedIn, flood.videoP50, flood.videoP99,
                    flood.audioP99, flood.videoLost, flood.maxHeapUsed / 1e6, flood.heapMax / 1e6,
                    flood.maxConnections, flood.unhealthySeconds, relay.isAlive());
            return 0;
        } finally {
            deleteTree(dir);
        }
    }

    private record Flood(double videoP50, double videoP99, double audioP99, long videoLost, double maxHeapUsed,
                         double heapMax, int maxConnections, int unhealthySeconds, double warmupVideoP99) {
    }

    private Flood flood(RelayProcess relay) throws Exception {
        try (CallSimulator call = CallSimulator.connect(relay.webSocketUri(), 1, 30_000, floodSeconds + 10)) {
            int port = URI.create(relay.webSocketUri()).getPort();
            List<Process> floods = new ArrayList<>();
            List<String> floodLines = new CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            call.start(start + warmupSeconds * 1_000_000_000L);
            for (String source : sources) {
                floods.add(startFlood(port, source, sockets / sources.size(), floodSeconds, floodLines));
            }
            double maxHeap = 0;
            double heapMax = 0;
            int maxConnections = 0;
            int unhealthy = 0;
            for (int s = 0; s < floodSeconds; s++) {
                Thread.sleep(1_000);
                String metrics = get(relay.metricsUri());
                double heap = sum(HEAP, metrics);
                heapMax = Math.max(heapMax, sum(HEAP_MAX, metrics));
                maxHeap = Math.max(maxHeap, heap);
                String health = relay.health(Duration.ofSeconds(2));
                int connections = health == null ? -1 : intField(health, "connections");
                maxConnections = Math.max(maxConnections, connections);
                if (health == null) {
                    unhealthy++;
                }
                System.out.printf(Locale.ROOT, "t=%2ds heap %.0f MB, relay connections %d, healthz %s, %s%n", s + 1,
                        heap / 1e6, connections, health == null ? "503/none" : "200", lastFloodLines(floodLines));
            }
            call.stopSending();
            call.awaitDrain(Duration.ofSeconds(5));
            for (Process p : floods) {
                p.waitFor();
            }
            CallSimulator.KindStats video = call.stats(MediaKind.VIDEO_JPEG);
            CallSimulator.KindStats audio = call.stats(MediaKind.AUDIO_PCM16LE);
            System.out.printf(Locale.ROOT, "call during the flood (after its first %d s): video p50 %.1f ms p99 %.1f ms max %.1f ms (%d of %d "
                            + "lost), audio p99 %.1f ms; relay heap at most %.0f of %.0f MB; relay alive %b%n",
                    warmupSeconds, video.latency().p50(), video.latency().p99(), video.latency().max(), video.lost(),
                    video.sent(),
                    audio.latency().p99(), maxHeap / 1e6, heapMax / 1e6, relay.isAlive());
            return new Flood(video.latency().p50(), video.latency().p99(), audio.latency().p99(), video.lost(),
                    maxHeap, heapMax, maxConnections, unhealthy, video.warmupLatency().p99());
        }
    }

    private static String lastFloodLines(List<String> lines) {
        StringBuilder b = new StringBuilder();
        java.util.Map<String, String> last = new java.util.TreeMap<>();
        for (String l : lines) {
            Matcher m = Pattern.compile("source=(\\S+) held=(\\d+).*closedByRelay=(\\d+)").matcher(l);
            if (m.find()) {
                last.put(m.group(1), m.group(2) + " held/" + m.group(3) + " closed");
            }
        }
        last.forEach((k, v) -> b.append(k).append(' ').append(v).append("; "));
        return b.toString();
    }

    private static Process startFlood(int port, String source, int count, int seconds, List<String> lines)
            throws IOException {
        List<String> cmd = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), BenchMain.class.getName(), HalfOpenFlood.MODE,
                "127.0.0.1", String.valueOf(port), source, String.valueOf(count), String.valueOf(seconds));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    if (line.startsWith("FLOOD_ERROR")) {
                        System.out.println(line);
                    }
                }
            } catch (IOException ignored) {
                // ended
            }
        }, "flood-output");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private double halfOpenBytes(RelayProcess relay) throws Exception {
        double before = heapAfterGc(relay);
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < halfOpenSample; i++) {
                Socket s = new Socket();
                held.add(s);
                s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0." + (10 + i % 4)), 0));
                s.connect(new InetSocketAddress("127.0.0.1", URI.create(relay.webSocketUri()).getPort()), 2_000);
                s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: relay\r\nUpgrade: websocket\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            Thread.sleep(1_000); // let the relay read them all
            double after = heapAfterGc(relay);
            return (after - before) / halfOpenSample;
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private double signedInBytes(RelayProcess relay) throws Exception {
        List<SimulatedClient> clients = new ArrayList<>();
        // sign in (and register) once first, so that the accounts themselves are not counted as connections
        for (int i = 0; i < signedInSample; i++) {
            SimulatedClient.signIn(relay.webSocketUri(), "idle" + i).close();
        }
        Thread.sleep(1_000);
        double before = heapAfterGc(relay);
        try {
            for (int i = 0; i < signedInSample; i++) {
                clients.add(SimulatedClient.signIn(relay.webSocketUri(), "idle" + i));
            }
            Thread.sleep(1_000);
            double after = heapAfterGc(relay);
            return (after - before) / signedInSample;
        } finally {
            for (SimulatedClient c : clients) {
                c.close();
            }
        }
    }

    /** The relay's used heap right after a full collection. */
    private static double heapAfterGc(RelayProcess relay) throws Exception {
        Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(relay.pid()), "GC.run")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
        Thread.sleep(300);
        return sum(HEAP, get(relay.metricsUri()));
    }

    private static String get(String uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double sum(Pattern p, String metrics) {
        double total = 0;
        Matcher m = p.matcher(metrics);
        while (m.find()) {
            double v = Double.parseDouble(m.group(1));
            if (v > 0) {
                total += v;
            }
        }
        return total;
    }

    private static int intField(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?\\d+)").matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
    }
}
