package com.waltalk.relay.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.control.Chat;
import com.waltalk.protocol.control.ChatHistory;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.relay.Relay;
import com.waltalk.relay.config.RelaySettings;
import com.waltalk.testing.RestartablePostgres;
import com.waltalk.testing.SimulatedClient;
import com.waltalk.testing.TestMedia;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator restarts PostgreSQL under a running relay with {@code pg_ctl restart -m fast}. A fast shutdown lets
 * every walsender send the rest of the WAL and then waits until its client has confirmed all of it; a replication
 * client that does not answer the server's last keepalive holds the whole shutdown until
 * {@code wal_sender_timeout} (set here to its default, 60 s, explicitly: the relay's embedded server uses 30 s). The
 * relay answers at once, so the restart takes about as long as without a relay, and the relay then resumes on the
 * restarted server with nothing lost or delivered twice: chat before and after, and a call's media, which flows
 * again once the stream is back.
 *
 * <p>Prints the measured figure: {@code grep 'pg_ctl restart' relay-it/target/failsafe-reports/*PostgresRestartIT-output.txt}.
 */
class PostgresRestartIT {

    /** A fast restart of a small idle server takes about a second; a held shutdown takes wal_sender_timeout. */
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final Duration T = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aFastRestartUnderAConnectedRelayIsQuickAndChatBeforeAndAfterIsDeliveredOnce() throws Exception {
        try (RestartablePostgres pg = startPostgres();
             Relay relay = startRelay(pg, "restart_chat");
             SimulatedClient alice = SimulatedClient.signIn(relay.webSocketUri(), "alice");
             SimulatedClient bob = SimulatedClient.signIn(relay.webSocketUri(), "bob")) {
            // a chat committed before bob's sign-in read his history would come inside chat_history, not live
            bob.awaitControl(ChatHistory.class, h -> true, T);
            List<Chat> atBob = new ArrayList<>();
            alice.sendChat("bob", "before the restart", "m1");
            atBob.add(chatAt(bob, "m1", alice, relay));

            Duration took = timedRestart(pg, "relay connected, idle");
            awaitStreamBack(relay);

            alice.sendChat("bob", "after the restart", "m2");
            atBob.add(chatAt(bob, "m2", alice, relay));
            // whatever else reaches bob in the next second must not be one of these again
            long quiet = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < quiet) {
                ControlMessage m = bob.nextControl(Duration.ofMillis(100));
                if (m instanceof Chat c) {
                    atBob.add(c);
                }
            }
            assertThat(atBob).extracting(Chat::clientMsgId).containsExactly("m1", "m2");
            assertThat(atBob).extracting(Chat::body).containsExactly("before the restart", "after the restart");
            assertThat(took).as("pg_ctl restart -m fast with the relay connected\n%s", pg.log()).isLessThan(LIMIT);
            printIdleCpu("replication-waltalk_relay_restart_chat");
        }
    }

    @Test
    void aFastRestartDuringACallWithMediaFlowingIsQuickAndMediaResumes() throws Exception {
        try (RestartablePostgres pg = startPostgres();
             Relay relay = startRelay(pg, "restart_media");
             SimulatedClient alice = SimulatedClient.signIn(relay.webSocketUri(), "alice");
             SimulatedClient bob = SimulatedClient.signIn(relay.webSocketUri(), "bob")) {
            long call = SimulatedClient.establishCall(alice, bob);
            ConcurrentLinkedQueue<Long> seqAtBob = new ConcurrentLinkedQueue<>();
            bob.onMedia(r -> seqAtBob.add(r.frame().header().seq()));
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicLong sent = new AtomicLong();
            byte[] audio = TestMedia.pcm(320, 7);
            byte[] video = TestMedia.jpeg(20_000, 7);
            // 50 audio and 10 video frames a second, as a call sends, all through the restart
            Thread sender = new Thread(() -> {
                for (long seq = 0; sending.get(); seq++) {
                    alice.sendMedia(TestMedia.audio(call, seq, "bob"), ByteBuffer.wrap(audio));
                    if (seq % 5 == 0) {
                        alice.sendMedia(TestMedia.video(call, seq, "bob"), ByteBuffer.wrap(video));
                    }
                    sent.set(seq);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "test-media-sender");
            sender.start();
            try {
                awaitMedia(seqAtBob, 25);

                Duration took = timedRestart(pg, "relay connected, media flowing in a call");
                awaitStreamBack(relay);

                long afterReconnect = sent.get();
                long deadline = System.nanoTime() + T.toNanos();
                while (seqAtBob.stream().noneMatch(s -> s > afterReconnect + 25) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(seqAtBob).as("media reaches bob again after the restart")
                        .anyMatch(s -> s > afterReconnect + 25);
                assertThat(took).as("pg_ctl restart -m fast with media flowing\n%s", pg.log()).isLessThan(LIMIT);
            } finally {
                sending.set(false);
                sender.join(5_000);
            }
            // each audio frame once, each video frame once: nothing replayed from before the restart
            List<Long> received = new ArrayList<>(seqAtBob);
            List<Long> audioAndVideo = received.stream().filter(s -> s % 5 == 0).toList();
            assertThat(received.stream().filter(s -> s % 5 != 0).distinct().count())
                    .as("no audio frame delivered twice")
                    .isEqualTo(received.stream().filter(s -> s % 5 != 0).count());
            // a seq divisible by 5 names an audio and a video frame: at most two deliveries
            assertThat(audioAndVideo.stream().collect(java.util.stream.Collectors.groupingBy(s -> s,
                    java.util.stream.Collectors.counting())).values())
                    .as("no frame delivered twice").allMatch(n -> n <= 2);
        }
    }

    @Test
    void withoutARelayTheSameRestartTakesAboutAsLong() throws Exception {
        // the baseline for the figure: the same server, nobody connected
        try (RestartablePostgres pg = startPostgres()) {
            Duration took = timedRestart(pg, "no relay: the baseline");
            assertThat(took).isLessThan(LIMIT);
        }
    }

    private RestartablePostgres startPostgres() throws Exception {
        return RestartablePostgres.start(dir.resolve("pg"), Map.of("wal_sender_timeout", "60s"));
    }

    private Relay startRelay(RestartablePostgres pg, String id) throws Exception {
        return com.waltalk.testing.TestContacts.inContact(Relay.start(RelaySettings.forLoopback(dir.resolve("relay"), id).withDatabase(pg.jdbcUrl(), pg.user(),
                null)));
    }

    private static Duration timedRestart(RestartablePostgres pg, String situation) throws Exception {
        // pg_ctl's own wait is longer than wal_sender_timeout, so a held shutdown shows as a number, not a failure
        System.out.print("PostgresRestartIT: walsenders before the restart:\n" + pg.walSenders());
        Duration took = pg.restartFast(Duration.ofSeconds(120));
        System.out.printf("PostgresRestartIT: pg_ctl restart -m fast took %.2f s (%s)%n", took.toMillis() / 1000.0,
                situation);
        // the shutdown's milestones, to see where the time went
        pg.log().lines().filter(l -> l.contains("shut") || l.contains("walsender") || l.contains("ready to accept"))
                .forEach(l -> System.out.println("PostgresRestartIT:   " + l));
        return took;
    }

    /** The relay has noticed the restart and streams from the restarted server. */
    private static void awaitStreamBack(Relay relay) throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        while ((relay.replication().reconnects() < 1 || !relay.replication().isConnected())
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(relay.replication().reconnects()).as("replication stream reconnected").isGreaterThanOrEqualTo(1);
        assertThat(relay.replication().isConnected()).as("replication stream connected").isTrue();
    }

    private static Chat chatAt(SimulatedClient recipient, String clientMsgId, SimulatedClient sender, Relay relay)
            throws Exception {
        try {
            return recipient.awaitControl(Chat.class, c -> clientMsgId.equals(c.clientMsgId()), T);
        } catch (java.io.IOException e) {
            StringBuilder threads = new StringBuilder();
            Thread.getAllStackTraces().forEach((t, stack) -> {
                if (t.getName().startsWith("replication") || t.getName().startsWith("session-worker")) {
                    threads.append(t.getName()).append(' ').append(t.getState()).append('\n');
                    for (StackTraceElement el : stack) {
                        threads.append("    at ").append(el).append('\n');
                    }
                }
            });
            throw new AssertionError("chat " + clientMsgId + " not delivered; errors to the sender: "
                    + sender.errorsSeen() + "; stream: rows " + relay.replication().rowsReceived() + ", transactions "
                    + relay.replication().transactions() + ", connected " + relay.replication().isConnected()
                    + "\n" + threads, e);
        }
    }

    /** What the stream thread's wait (1 ms peeks while nothing arrives) costs on an idle relay. */
    private static void printIdleCpu(String threadName) throws InterruptedException {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Thread thread = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(threadName))
                .findFirst().orElseThrow();
        long cpu = mx.getThreadCpuTime(thread.getId());
        long wall = System.nanoTime();
        Thread.sleep(3_000);
        double share = (mx.getThreadCpuTime(thread.getId()) - cpu) / (double) (System.nanoTime() - wall);
        System.out.printf("PostgresRestartIT: idle stream thread uses %.2f %% of a core%n", share * 100);
    }

    private static void awaitMedia(ConcurrentLinkedQueue<Long> received, int count) throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(received.size()).as("media reaches bob before the restart").isGreaterThanOrEqualTo(count);
    }
}
