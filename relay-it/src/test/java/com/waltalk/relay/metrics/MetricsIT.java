package com.waltalk.relay.metrics;

import com.waltalk.testing.RunningRelay;
import com.waltalk.testing.TestMedia;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.testing.SimulatedClient;
import com.waltalk.relay.metrics.RelayMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real relay serves its figures in Prometheus text format on the health port: a call with media
 * and a chat message move the counters, the slot gauges show this relay's slot and a dead relay's,
 * and slot statistics are read from the database at most once per probe interval however often
 * Prometheus scrapes.
 */
class MetricsIT {

    @RegisterExtension
    static final RunningRelay relay = RunningRelay.loopback("metrics_test")
            .withTtl(Duration.ofMillis(500), Duration.ofMillis(300));
    static final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aCallWithMediaAndChatMovesTheFigures() throws Exception {
        Scrape before = scrape();
        assertThat(before.value("waltalk_users_signed_in")).isZero();
        assertThat(before.value("waltalk_relay_info", "relay_id", "metrics_test", "slot", "waltalk_relay_metrics_test"))
                .isEqualTo(1);
        assertThat(before.value("waltalk_replication_connected")).isEqualTo(1);
        assertThat(before.text()).contains("jvm_memory_used_bytes", "process_cpu_usage", "jvm_threads_live_threads");

        try (SimulatedClient alice = relay.user("alice");
             SimulatedClient bob = relay.user("bob")) {
            long call = SimulatedClient.establishCall(alice, bob);
            int video = 10;
            int audio = 30;
            for (int i = 0; i < audio; i++) {
                Thread.sleep(20);
                if (i % 3 == 0) {
                    alice.sendMedia(TestMedia.video(call, i / 3, "bob"), ByteBuffer.wrap(TestMedia.jpeg(20_000, i)));
                }
                alice.sendMedia(TestMedia.audio(call, i, "bob"), ByteBuffer.wrap(TestMedia.pcm(320, i)));
            }
            int received = 0;
            while (received < video + audio && bob.nextMedia(Duration.ofSeconds(10)) != null) {
                received++;
            }
            assertThat(received).isEqualTo(video + audio);
            alice.sendChat("bob", "hello from the metrics test", "m-1");

            Scrape during = awaitScrape(s -> s.value("waltalk_chat_messages_stored_total") >= 1
                    && s.value("waltalk_calls_active", "state", "accepted") >= 1);
            assertThat(during.value("waltalk_users_signed_in")).isEqualTo(2);
            assertThat(during.value("waltalk_connections")).isGreaterThanOrEqualTo(2);
            assertThat(during.value("waltalk_media_frames_received_total", "kind", "video")
                    - before.value("waltalk_media_frames_received_total", "kind", "video")).isEqualTo(video);
            assertThat(during.value("waltalk_media_frames_received_total", "kind", "audio")
                    - before.value("waltalk_media_frames_received_total", "kind", "audio")).isEqualTo(audio);
            assertThat(during.value("waltalk_media_frames_delivered_total", "kind", "video")).isEqualTo(video);
            assertThat(during.value("waltalk_media_frames_delivered_total", "kind", "audio")).isEqualTo(audio);
            assertThat(during.value("waltalk_media_rows_written_total")).isEqualTo(video + audio);
            assertThat(during.value("waltalk_replication_rows_total"))
                    .isGreaterThan(before.value("waltalk_replication_rows_total"));
            assertThat(during.value("waltalk_media_frames_dropped_total", "kind", "video", "queue", "outbound_queue"))
                    .isZero();
            assertThat(during.value("waltalk_replication_reconnects_total")).isZero();
        }
        // media rows live 500 ms: the TTL cleaner truncates the partitions of the seconds they were sent in;
        // the clients' closes are handled on the relay's own threads, so wait for them too
        Scrape after = awaitScrape(s -> s.value("waltalk_media_partitions_truncated_total") >= 2
                && s.value("waltalk_users_signed_in") == 0);
        assertThat(after.value("waltalk_users_signed_in")).isZero();
    }

    @Test
    void slotGaugesCoverEveryRelaySlotAndTheDatabaseIsAskedAtMostOncePerInterval() throws Exception {
        try (Connection c = relay.database().pool().getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_create_logical_replication_slot('waltalk_relay_dead_one', 'pgoutput')");
            // WAL written after the dead relay's slot was created is WAL that slot holds on to
            st.execute("CREATE TABLE metrics_filler AS SELECT g, repeat('x', 200) AS pad FROM generate_series(1, 20000) g");
        }
        try {
            Scrape first = scrape();
            long queries = (long) first.value("waltalk_slot_probe_queries_total");
            for (int i = 0; i < 20; i++) {
                scrape();
            }
            assertThat((long) scrape().value("waltalk_slot_probe_queries_total"))
                    .as("20 scrapes in well under %s ask the database at most once more",
                            RelayMetrics.SLOT_PROBE_INTERVAL)
                    .isLessThanOrEqualTo(queries + 1);

            Scrape later = awaitScrape(s -> s.find("waltalk_slot_wal_retained_bytes", "slot", "waltalk_relay_dead_one")
                    .isPresent());
            assertThat(later.value("waltalk_slot_active", "slot", "waltalk_relay_dead_one")).isZero();
            assertThat(later.value("waltalk_slot_lost", "slot", "waltalk_relay_dead_one")).isZero();
            assertThat(later.value("waltalk_slot_lag_bytes", "slot", "waltalk_relay_dead_one"))
                    .as("the dead slot's consumer confirmed nothing since the 4 MB table was written")
                    .isGreaterThan(1_000_000);
            assertThat(later.value("waltalk_slot_wal_retained_bytes", "slot", "waltalk_relay_dead_one"))
                    .isGreaterThan(1_000_000);
            assertThat(later.value("waltalk_slot_active", "slot", "waltalk_relay_metrics_test")).isEqualTo(1);
            assertThat(later.value("waltalk_slot_safe_wal_size_bytes", "slot", "waltalk_relay_metrics_test"))
                    .as("the embedded database caps slots with max_slot_wal_keep_size")
                    .isPositive();
            assertThat(later.value("waltalk_slot_probe_failures_total")).isZero();
        } finally {
            try (Connection c = relay.database().pool().getConnection(); Statement st = c.createStatement()) {
                st.execute("SELECT pg_drop_replication_slot('waltalk_relay_dead_one')");
                st.execute("DROP TABLE metrics_filler");
            }
        }
    }

    @Test
    void unknownPathsAreNotFoundAndHealthStillAnswers() throws Exception {
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        var a = relay.relay().healthAddress();
        return http.send(HttpRequest.newBuilder(URI.create("http://" + a.getHostString() + ":" + a.getPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Scrape scrape() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        return Scrape.parse(r.body());
    }

    private static Scrape awaitScrape(java.util.function.Predicate<Scrape> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Scrape s = scrape();
        while (!condition.test(s) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            s = scrape();
        }
        assertThat(condition.test(s)).as("metrics reached the expected figures; last scrape:%n%s", s.text()).isTrue();
        return s;
    }

    /** A parsed Prometheus text exposition: samples by name with their labels. */
    record Scrape(String text, List<Sample> samples) {

        record Sample(String name, Map<String, String> labels, double value) {
        }

        static Scrape parse(String text) {
            List<Sample> out = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int brace = line.indexOf('{');
                int space = line.lastIndexOf(' ');
                String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
                Map<String, String> labels = new LinkedHashMap<>();
                if (brace >= 0 && brace < space) {
                    String body = line.substring(brace + 1, line.lastIndexOf('}'));
                    for (String pair : body.split(",(?=[a-zA-Z_]+=\")")) {
                        int eq = pair.indexOf('=');
                        labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
                    }
                }
                out.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
            }
            return new Scrape(text, out);
        }

        OptionalDouble find(String name, String... labelPairs) {
            for (Sample s : samples) {
                if (!s.name().equals(name)) {
                    continue;
                }
                boolean match = true;
                for (int i = 0; i < labelPairs.length; i += 2) {
                    match &= labelPairs[i + 1].equals(s.labels().get(labelPairs[i]));
                }
                if (match) {
                    return OptionalDouble.of(s.value());
                }
            }
            return OptionalDouble.empty();
        }

        double value(String name, String... labelPairs) {
            OptionalDouble v = find(name, labelPairs);
            assertThat(v).as("sample %s%s in%n%s", name, List.of(labelPairs), text).isPresent();
            return v.getAsDouble();
        }
    }
}
