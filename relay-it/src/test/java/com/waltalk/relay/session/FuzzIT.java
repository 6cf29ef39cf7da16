package com.waltalk.relay.session;

import com.waltalk.testing.RunningRelay;
import com.waltalk.testing.TestMedia;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.waltalk.protocol.control.CallHangup;
import com.waltalk.protocol.control.CallState;
import com.waltalk.protocol.control.CallUpdate;
import com.waltalk.protocol.control.Chat;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.SignIn;
import com.waltalk.protocol.control.SignedIn;
import com.waltalk.protocol.media.MediaCodec;
import com.waltalk.protocol.media.MediaHeader;
import com.waltalk.testing.SimulatedClient;
import com.waltalk.testing.SimulatedClient.Received;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Thousands of random and mutated messages, from a signed-in and from an unauthenticated client,
 * against a live relay while alice and bob are in a call: no stored row a legit user is party to changes
 * (calls, chat, media, account, tokens, presence), every row written during the fuzz is written as the
 * fuzzer or a user it registered, the relay stays healthy and responsive, and alice and bob can still sign
 * in, call, exchange media and chat afterwards. The seed is printed; {@code -Dfuzz.seed=...} replays the
 * same messages.
 */
class FuzzIT {

    private static final long SEED = Long.getLong("fuzz.seed", 0x5EED_F022L);
    private static final int MESSAGES = Integer.getInteger("fuzz.messages", 5_000);
    private static final Duration FUZZ_TIME = Duration.ofSeconds(15);
    private static final Duration T = Duration.ofSeconds(10);
    /** Users the fuzzer must not be able to touch: the call's parties, carol (offline) and the chat probe's peer. */
    private static final Set<String> LEGIT = Set.of("alice", "bob", "carol", "prober");
    /** Alice's chat probes to prober during the fuzz: the only rows a legit user writes meanwhile. */
    private static final String PROBE_BODY = "probe";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningRelay relay = RunningRelay.loopback("fuzz_test")
            // media rows are kept for the whole test, so the check afterwards sees every one the fuzz wrote
            .withTtl(Duration.ofMinutes(10), Duration.ofSeconds(2));

    /** What the fuzzers know and use: the names and the call id of others. */
    private record Targets(long aliceBobCall, String fuzzerToken) {
    }

    @Test
    void randomAndMutatedMessagesChangeNothingOfOthersAndTheRelayKeepsServing() throws Exception {
        System.out.println("FuzzIT seed " + SEED + " (replay with -Dfuzz.seed=" + SEED + ")");
        String uri = relay.webSocketUri();

        // --- a normal world: alice and bob in a call, some chat, carol offline with history
        SimulatedClient alice = SimulatedClient.signIn(uri, "alice");
        SimulatedClient bob = SimulatedClient.signIn(uri, "bob");
        String aliceToken = alice.signedIn().token();
        String bobToken = bob.signedIn().token();
        try (SimulatedClient carol = SimulatedClient.signIn(uri, "carol")) {
            carol.sendChat("alice", "carol was here", "c-1");
            carol.awaitControl(Chat.class, m -> "c-1".equals(m.clientMsgId()), T);
        }
        long call = SimulatedClient.establishCall(alice, bob);
        alice.sendChat("bob", "hi bob", "a-1");
        bob.sendChat("alice", "hi alice", "b-1");
        alice.awaitControl(Chat.class, m -> "b-1".equals(m.clientMsgId()), T);
        bob.awaitControl(Chat.class, m -> "a-1".equals(m.clientMsgId()), T);
        String fuzzerToken;
        try (SimulatedClient f = SimulatedClient.signIn(uri, "fuzzer");
             SimulatedClient prober = SimulatedClient.signIn(uri, "prober")) {
            fuzzerToken = f.signedIn().token();
        }
        Thread.sleep(300);
        while (alice.nextControl(Duration.ofMillis(50)) != null || bob.nextControl(Duration.ofMillis(50)) != null) {
            // forget the set-up traffic
        }
        Snapshot before = Snapshot.take();

        // alice and bob watch for anything touching their call; alice measures chat round trips meanwhile
        AtomicInteger callUpdatesOfTheirCall = new AtomicInteger();
        AtomicInteger errorsToLegit = new AtomicInteger();
        AtomicLong worstChatMillis = new AtomicLong();
        AtomicBoolean fuzzing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Future<Integer> probe = pool.submit(() -> probeChat(alice, bob, call, fuzzing, worstChatMillis,
                callUpdatesOfTheirCall, errorsToLegit));

        // --- fuzz
        Targets targets = new Targets(call, fuzzerToken);
        Stats stats = new Stats();
        long deadline = System.nanoTime() + FUZZ_TIME.toNanos();
        Future<?> signedIn = pool.submit(() -> fuzz(new Random(SEED), true, MESSAGES * 64 / 100, deadline, targets,
                stats));
        Future<?> anonymous = pool.submit(() -> fuzz(new Random(SEED + 1), false, MESSAGES * 34 / 100, deadline,
                targets, stats));
        Future<?> raw = pool.submit(() -> rawFrames(new Random(SEED + 2), MESSAGES * 6 / 100, deadline, stats));
        signedIn.get(FUZZ_TIME.toSeconds() + 30, TimeUnit.SECONDS);
        anonymous.get(FUZZ_TIME.toSeconds() + 30, TimeUnit.SECONDS);
        raw.get(FUZZ_TIME.toSeconds() + 30, TimeUnit.SECONDS);
        fuzzing.set(false);
        int probes = probe.get(30, TimeUnit.SECONDS);
        pool.shutdown();
        System.out.println("fuzz: " + stats);

        assertThat(stats.sent.get()).as("messages sent").isGreaterThanOrEqualTo(MESSAGES / 2);
        assertThat(stats.errors).as("no failure the relay did not expect").doesNotContainKey("internal");
        assertThat(stats.errors).as("the fuzz reached the session layer").containsKeys("bad_json", "bad_field",
                "unknown_call", "not_in_call", "not_signed_in");

        // --- the relay is healthy and nothing of others changed
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + relay.relay().healthAddress().getPort() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"");
        Thread.sleep(500); // let in-flight database work of closed fuzz sessions finish
        assertNothingOfOthersChanged(before, probes);
        assertThat(callUpdatesOfTheirCall.get()).as("call updates of alice and bob's call").isZero();
        assertThat(errorsToLegit.get()).as("errors sent to alice and bob").isZero();
        assertThat(alice.isOpen() && bob.isOpen()).as("alice and bob still connected").isTrue();
        assertThat(relay.relay().state().activeCall(call).accepted()).isTrue();
        System.out.println("fuzz: slowest chat round trip of alice during the fuzz " + worstChatMillis.get() + " ms");
        assertThat(worstChatMillis.get()).as("others are still served while the fuzz runs").isLessThan(5_000);

        // --- alice and bob: the running call still carries media both ways; then a new sign-in, call and chat
        exchangeMedia(alice, bob, call, 0);
        alice.sendControl(new CallHangup(call));
        bob.awaitControl(CallUpdate.class, u -> u.callId() == call && u.state() == CallState.ENDED, T);
        alice.close();
        bob.close();
        try (SimulatedClient a = SimulatedClient.resume(uri, aliceToken);
             SimulatedClient b = SimulatedClient.resume(uri, bobToken)) {
            long next = SimulatedClient.establishCall(a, b);
            exchangeMedia(a, b, next, 100);
            a.sendChat("bob", "still here?", "a-2");
            assertThat(b.awaitControl(Chat.class, m -> "a-2".equals(m.clientMsgId()), T).from()).isEqualTo("alice");
            b.sendChat("alice", "yes", "b-2");
            assertThat(a.awaitControl(Chat.class, m -> "b-2".equals(m.clientMsgId()), T).body()).isEqualTo("yes");
        }
        // with the password too, unless the fuzzer's guesses got the name throttled (which the protocol prescribes)
        for (String user : List.of("alice", "bob")) {
            try (SimulatedClient c = SimulatedClient.connect(uri)) {
                c.hello();
                c.sendControl(SignIn.withPassword(user, SimulatedClient.defaultPassword(user)));
                ControlMessage reply = c.awaitControl(ControlMessage.class,
                        m -> m instanceof SignedIn || m instanceof ErrorMessage, T);
                if (reply instanceof ErrorMessage e) {
                    assertThat(e.code()).isEqualTo("throttled");
                    assertThat(e.retryAfterMs()).isNotNull().isPositive();
                    System.out.println("fuzz: " + user + "'s password sign-in is throttled for " + e.retryAfterMs()
                            + " ms after the fuzzer's guesses");
                } else {
                    assertThat(((SignedIn) reply).user()).isEqualTo(user);
                }
            }
        }
    }

    private static void exchangeMedia(SimulatedClient a, SimulatedClient b, long call, int seq) throws Exception {
        byte[] jpeg = TestMedia.jpeg(30_000, seq);
        byte[] pcm = TestMedia.pcm(320, seq);
        a.sendMedia(TestMedia.video(call, seq, "bob"), ByteBuffer.wrap(jpeg));
        b.sendMedia(TestMedia.audio(call, seq, "alice"), ByteBuffer.wrap(pcm));
        Received v = b.nextMedia(T);
        Received s = a.nextMedia(T);
        assertThat(v).isNotNull();
        assertThat(s).isNotNull();
        assertThat(v.frame().header().peer()).isEqualTo("alice");
        assertThat(TestMedia.bytes(v.frame().payload())).isEqualTo(jpeg);
        assertThat(s.frame().header().peer()).isEqualTo("bob");
        assertThat(TestMedia.bytes(s.frame().payload())).isEqualTo(pcm);
    }

    /** Alice chats with bob once a second while the fuzz runs; both report anything about their call. */
    private static Integer probeChat(SimulatedClient alice, SimulatedClient bob, long call, AtomicBoolean fuzzing,
                                     AtomicLong worst, AtomicInteger callUpdates, AtomicInteger errors) throws Exception {
        int n = 0;
        while (fuzzing.get()) {
            String id = "probe-" + n++;
            long start = System.nanoTime();
            alice.sendChat("prober", PROBE_BODY, id); // the check afterwards expects exactly these rows of alice
            boolean confirmed = false;
            while (!confirmed && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20)) {
                ControlMessage m = alice.nextControl(Duration.ofMillis(50));
                confirmed = m instanceof Chat c && id.equals(c.clientMsgId());
                watch(m, call, callUpdates, errors);
                watch(bob.nextControl(Duration.ZERO), call, callUpdates, errors);
            }
            worst.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
            if (bob.mediaQueued() > 0 || alice.mediaQueued() > 0) {
                throw new AssertionError("media reached alice or bob during the fuzz");
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < until) {
                watch(alice.nextControl(Duration.ofMillis(20)), call, callUpdates, errors);
                watch(bob.nextControl(Duration.ZERO), call, callUpdates, errors);
            }
        }
        return n;
    }

    private static void watch(ControlMessage m, long call, AtomicInteger callUpdates, AtomicInteger errors) {
        if (m instanceof CallUpdate u && u.callId() == call) {
            callUpdates.incrementAndGet();
        } else if (m instanceof ErrorMessage e) {
            System.out.println("fuzz: error sent to a legit user: " + e);
            errors.incrementAndGet();
        }
    }

    // ------------------------------------------------------------------ fuzzers

    /** What the fuzzers did and what they got back. */
    private static final class Stats {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger rawConnections = new AtomicInteger();
        final Map<String, Integer> errors = new ConcurrentHashMap<>();
        final Map<Integer, Integer> closeCodes = new ConcurrentHashMap<>();
        final Map<String, Integer> rawOutcomes = new ConcurrentHashMap<>();
        final AtomicLong closeNanos = new AtomicLong();
        final AtomicLong connectNanos = new AtomicLong();

        void record(SimulatedClient c) {
            for (ErrorMessage e : c.errorsSeen()) {
                errors.merge(e.code(), 1, Integer::sum);
            }
            if (!c.isOpen()) {
                closeCodes.merge(c.closeCode(), 1, Integer::sum);
            }
        }

        @Override
        public String toString() {
            return sent + " messages over " + connections + " connections (+" + rawConnections
                    + " raw: " + new TreeMap<>(rawOutcomes) + "); errors " + new TreeMap<>(errors) + "; closes "
                    + new TreeMap<>(closeCodes) + "; closing " + closeNanos.get() / 1_000_000 + " ms, connecting "
                    + connectNanos.get() / 1_000_000 + " ms";
        }
    }

    private static Void fuzz(Random r, boolean signIn, int budget, long deadline, Targets t, Stats stats)
            throws Exception {
        String uri = relay.webSocketUri();
        String token = t.fuzzerToken();
        SimulatedClient c = null;
        int leftOnConnection = 0;
        int sent = 0;
        try {
            while (sent < budget && System.nanoTime() < deadline) {
                if (c == null || !c.isOpen() || leftOnConnection <= 0) {
                    long t0 = System.nanoTime();
                    if (c != null) {
                        c.close();
                        stats.record(c);
                    }
                    long t1 = System.nanoTime();
                    c = signIn ? signedInFuzzer(uri, token) : anonymousFuzzer(uri, r);
                    stats.closeNanos.addAndGet(t1 - t0);
                    stats.connectNanos.addAndGet(System.nanoTime() - t1);
                    if (signIn) {
                        token = c.signedIn().token();
                    }
                    stats.connections.incrementAndGet();
                    leftOnConnection = 20 + r.nextInt(60);
                }
                try {
                    if (r.nextInt(4) == 0) {
                        c.sendRaw(ByteBuffer.wrap(binary(r, t)));
                    } else {
                        c.sendRaw(text(r, t));
                    }
                    sent++;
                    stats.sent.incrementAndGet();
                    leftOnConnection--;
                } catch (WebsocketNotConnectedException closed) {
                    leftOnConnection = 0;
                }
                if (sent % 8 == 0) {
                    Thread.sleep(1);
                }
            }
        } finally {
            if (c != null) {
                c.close();
                stats.record(c);
            }
        }
        return null;
    }

    private static SimulatedClient signedInFuzzer(String uri, String token) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return SimulatedClient.resume(uri, token);
            } catch (IOException e) {
                // the fuzzer signed itself out (token revoked), or sign-ins are busy: fall back to the password
                SimulatedClient c = SimulatedClient.connect(uri);
                try {
                    c.hello();
                    c.sendControl(SignIn.withPassword("fuzzer", SimulatedClient.defaultPassword("fuzzer")));
                    SignedIn in = c.awaitControl(SignedIn.class, x -> true, T);
                    return SimulatedClient.resume(uri, in.token());
                } catch (IOException again) {
                    if (attempt >= 5) {
                        throw again;
                    }
                    Thread.sleep(500);
                } finally {
                    c.close();
                }
            }
        }
    }

    private static SimulatedClient anonymousFuzzer(String uri, Random r) throws Exception {
        SimulatedClient c = SimulatedClient.connect(uri);
        if (r.nextInt(10) < 7) {
            c.hello();
        }
        return c;
    }

    private static final String[] NAMES = {"alice", "bob", "carol", "fuzzer", "Alice", "BOB", "nobody", "x",
        "a".repeat(32), "a".repeat(33), "bad name", "", "al\u0000ice", "\u00e4lice", "fuzz_new", "../alice",
        "alice'--", "alice\"", "\uD800"};
    private static final String INSERTS = "{}[],:\"\\0a- \u0000\uFFFF\uD800";
    private static final String[] CLIENT_TYPES = {"hello", "register", "sign_in", "call_start", "call_accept",
        "call_decline", "call_hangup", "chat_send", "media_state", "sign_out", "ping"};
    private static final String[] SERVER_TYPES = {"welcome", "signed_in", "directory", "presence", "call",
        "call_history", "chat", "chat_history", "error", "pong"};

    private static String name(Random r) {
        return r.nextInt(5) == 0 ? "fz" + r.nextInt(1_000_000) : NAMES[r.nextInt(NAMES.length)];
    }

    private static long callId(Random r, Targets t) {
        return switch (r.nextInt(8)) {
            case 0, 1, 2 -> t.aliceBobCall();
            case 3 -> t.aliceBobCall() + 1 + r.nextInt(5);
            case 4 -> 0;
            case 5 -> -1 - r.nextInt(10);
            case 6 -> Long.MAX_VALUE;
            default -> 1 + r.nextInt(50);
        };
    }

    /** A well-formed client message of a random type, aimed at others' names and calls. */
    private static ObjectNode valid(Random r, Targets t) {
        ObjectNode o = JSON.createObjectNode();
        String type = CLIENT_TYPES[r.nextInt(CLIENT_TYPES.length)];
        if (type.equals("sign_out") && r.nextInt(4) != 0) {
            type = "ping"; // a real sign-out costs the fuzzer a password sign-in: keep them rarer
        }
        o.put("type", type);
        switch (type) {
            case "hello" -> o.put("protocol", r.nextInt(4) == 0 ? 2 : 1).put("client", "fuzz");
            case "register" -> o.put("user", name(r)).put("password", r.nextBoolean() ? "pw" : "long enough pw " + r.nextInt());
            case "sign_in" -> {
                if (r.nextBoolean()) {
                    // guesses at others' passwords (not the fuzzer's own: it must be able to sign in again)
                    String user = r.nextBoolean() ? "alice" : name(r);
                    o.put("user", user.equals("fuzzer") ? "bob" : user).put("password", "guess-" + r.nextInt(100));
                } else {
                    o.put("token", r.nextBoolean() ? "A".repeat(16 + r.nextInt(30)) : "short");
                }
            }
            case "call_start" -> o.put("to", name(r));
            case "call_accept", "call_decline", "call_hangup" -> o.put("callId", callId(r, t));
            case "chat_send" -> {
                o.put("to", name(r)).put("body", "fuzz " + "z".repeat(r.nextInt(5) == 0 ? 4_001 : r.nextInt(50)));
                if (r.nextBoolean()) {
                    o.put("clientMsgId", r.nextBoolean() ? "a-1" : "fz-" + r.nextInt(100));
                }
            }
            case "media_state" -> o.put("callId", callId(r, t)).put("videoOn", r.nextBoolean())
                    .put("audioOn", r.nextBoolean());
            case "ping" -> o.put("id", r.nextLong());
            default -> {
            }
        }
        return o;
    }

    private static JsonNode randomValue(Random r, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (r.nextInt(depth > 3 ? 9 : 11)) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(r.nextBoolean());
            case 2 -> f.numberNode(r.nextLong());
            case 3 -> f.numberNode(r.nextDouble() * 1e6);
            case 4 -> f.textNode(String.valueOf(r.nextLong()));
            case 5 -> f.textNode("");
            case 6 -> f.textNode(name(r));
            case 7 -> f.numberNode(new java.math.BigInteger("9223372036854775808"));
            case 8 -> f.textNode("\uDC00 lone");
            case 9 -> {
                ArrayNode a = f.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.add(randomValue(r, depth + 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = f.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    o.set("k" + i, randomValue(r, depth + 1));
                }
                yield o;
            }
        };
    }

    /** A text message: a valid one, one with a field of the wrong type, a syntactic mutation, or junk. */
    private static String text(Random r, Targets t) throws Exception {
        ObjectNode o = valid(r, t);
        switch (r.nextInt(10)) {
            case 0, 1 -> {
                return o.toString();
            }
            case 2, 3 -> { // a property with a wrong type or value, or missing
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                String field = names.get(r.nextInt(names.size()));
                if (r.nextInt(4) == 0) {
                    o.remove(field);
                } else {
                    o.set(field, randomValue(r, 0));
                }
                return o.toString();
            }
            case 4 -> { // unknown properties, nested deep or not
                JsonNode nested = randomValue(r, 0);
                for (int i = r.nextInt(20); i > 0; i--) {
                    nested = JSON.createArrayNode().add(nested);
                }
                o.set("extra", nested);
                return o.toString();
            }
            case 5 -> { // a server-only type
                o.put("type", SERVER_TYPES[r.nextInt(SERVER_TYPES.length)]);
                return o.toString();
            }
            case 6 -> { // duplicate keys, type case, trailing content, arrays
                String s = o.toString();
                return switch (r.nextInt(5)) {
                    case 0 -> s.substring(0, s.length() - 1) + ",\"type\":\"ping\"}";
                    case 1 -> s.replace("\"type\":\"", "\"type\":\"X");
                    case 2 -> s + " {}";
                    case 3 -> "[" + s + "]";
                    default -> s.toUpperCase();
                };
            }
            case 7, 8 -> { // byte-level mutation of the text
                char[] chars = o.toString().toCharArray();
                StringBuilder b = new StringBuilder(new String(chars));
                for (int i = 1 + r.nextInt(3); i > 0 && b.length() > 0; i--) {
                    int at = r.nextInt(b.length());
                    switch (r.nextInt(3)) {
                        case 0 -> b.deleteCharAt(at);
                        case 1 -> b.insert(at, INSERTS.charAt(r.nextInt(INSERTS.length())));
                        default -> b.setLength(at);
                    }
                }
                return b.toString();
            }
            default -> { // junk and extremes
                return switch (r.nextInt(6)) {
                    case 0 -> "[".repeat(5_000) + "]".repeat(5_000);
                    case 1 -> "{\"type\":\"chat_send\",\"body\":\"" + "x".repeat(20_000) + "\"}";
                    case 2 -> "";
                    case 3 -> "null";
                    case 4 -> "{\"type\":" + "1".repeat(400) + "}";
                    default -> {
                        byte[] junk = new byte[r.nextInt(200)];
                        r.nextBytes(junk);
                        yield new String(junk, StandardCharsets.ISO_8859_1);
                    }
                };
            }
        }
    }

    /** A binary message: random bytes, a valid frame (to others, to nobody), or a mutated one. */
    private static byte[] binary(Random r, Targets t) {
        String peer = new String[] {"alice", "bob", "fuzzer", "nobody", "carol"}[r.nextInt(5)];
        long seq = r.nextInt() & 0xFFFF_FFFFL;
        boolean video = r.nextBoolean();
        int channels = 1 + r.nextInt(2);
        MediaHeader header = video
                ? MediaHeader.video(callId(r, t), seq, r.nextLong(), 1 + r.nextInt(4096), 1 + r.nextInt(4096), peer)
                : MediaHeader.audio(callId(r, t), seq, r.nextLong(), 8000 + r.nextInt(40_001), channels, peer);
        byte[] payload = video
                ? TestMedia.jpeg(2 + r.nextInt(3_000), r.nextLong())
                : TestMedia.pcm(channels * (1 + r.nextInt(400)), r.nextLong());
        byte[] frame = TestMedia.bytes(MediaCodec.encode(header, ByteBuffer.wrap(payload)));
        switch (r.nextInt(8)) {
            case 0, 1 -> {
                return frame; // well-formed: must be refused as not_in_call, never delivered
            }
            case 2, 3 -> { // a few bytes changed
                for (int i = 1 + r.nextInt(3); i > 0; i--) {
                    frame[r.nextInt(Math.min(frame.length, r.nextBoolean() ? 40 : frame.length))] = (byte) r.nextInt();
                }
                return frame;
            }
            case 4 -> { // header declares more than there is, or a bad body
                byte[] cut = Arrays.copyOf(frame, 4 + r.nextInt(Math.max(1, frame.length - 4)));
                if (r.nextBoolean()) {
                    cut[3] = (byte) (r.nextBoolean() ? 255 : 33);
                }
                return cut;
            }
            case 5 -> { // audio with an odd length, video without SOI
                byte[] b = Arrays.copyOf(frame, frame.length + 1);
                b[32 + peer.length()] = 0;
                return b;
            }
            case 6 -> { // bigger than any frame may be
                return r.nextInt(10) == 0 ? new byte[300_000] : Arrays.copyOf(frame, 32 + peer.length()
                        + 262_145);
            }
            default -> {
                byte[] junk = new byte[r.nextInt(3_000)];
                r.nextBytes(junk);
                if (junk.length > 1 && r.nextBoolean()) {
                    junk[0] = 1;
                }
                return junk;
            }
        }
    }

    // ------------------------------------------------------------------ raw WebSocket frames

    /** Hand-made WebSocket frames the client library would never send: huge declared lengths, bad framing. */
    private static Void rawFrames(Random r, int budget, long deadline, Stats stats) throws Exception {
        InetSocketAddress a = relay.relay().webSocketAddress();
        for (int i = 0; i < budget && System.nanoTime() < deadline; i++) {
            try (Socket s = new Socket(a.getAddress(), a.getPort())) {
                s.setSoTimeout(300);
                stats.rawConnections.incrementAndGet();
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                if (r.nextInt(8) == 0) {
                    // a broken upgrade request
                    byte[] junk = new byte[r.nextInt(2_000)];
                    r.nextBytes(junk);
                    out.write(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(junk);
                    out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    drain(in);
                    stats.sent.incrementAndGet();
                    continue;
                }
                out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String response = readHeaders(in);
                assertThat(response).startsWith("HTTP/1.1 101");
                int kind = r.nextInt(7);
                out.write(badFrame(kind));
                out.flush();
                stats.sent.incrementAndGet();
                long start = System.nanoTime();
                boolean closed = drain(in);
                stats.rawOutcomes.merge("frame " + kind + (closed ? " closed" : " left open"), 1, Integer::sum);
                if (kind <= 1 || kind == 6) {
                    // huge declared or accumulated lengths: refused at once, never buffered
                    assertThat(closed).as("connection after raw frame %d", kind).isTrue();
                    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(300);
                }
            } catch (IOException expected) {
                // reset by the relay
            }
        }
        return null;
    }

    private static byte[] badFrame(int kind) {
        byte[] mask = {1, 2, 3, 4};
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        switch (kind) {
            case 0 -> { // a binary frame declaring 2^63-1 bytes
                b.write(0x82);
                b.write(0x80 | 127);
                b.writeBytes(new byte[] {0x7F, -1, -1, -1, -1, -1, -1, -1});
                b.writeBytes(mask);
                b.writeBytes(new byte[64]);
            }
            case 1 -> { // declaring 2 GiB, then nothing
                b.write(0x81);
                b.write(0x80 | 127);
                b.writeBytes(new byte[] {0, 0, 0, 0, (byte) 0x80, 0, 0, 0});
                b.writeBytes(mask);
            }
            case 2 -> { // unmasked client frame
                b.write(0x81);
                b.write(2);
                b.writeBytes("{}".getBytes(StandardCharsets.US_ASCII));
            }
            case 3 -> { // reserved bits and an unknown opcode
                b.write(0xF3);
                b.write(0x80);
                b.writeBytes(mask);
            }
            case 4 -> { // a ping with a 126-byte payload (control frames are at most 125)
                b.write(0x89);
                b.write(0x80 | 126);
                b.writeBytes(new byte[] {0, 126});
                b.writeBytes(mask);
                b.writeBytes(new byte[126]);
            }
            case 5 -> { // invalid UTF-8 in a text frame
                byte[] payload = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
                b.write(0x81);
                b.write(0x80 | payload.length);
                b.writeBytes(mask);
                for (int i = 0; i < payload.length; i++) {
                    b.write(payload[i] ^ mask[i % 4]);
                }
            }
            default -> { // fragments that add up to more than any message may be
                byte[] chunk = new byte[65_535];
                for (int i = 0; i < 6; i++) {
                    b.write(i == 0 ? 0x02 : 0x00);
                    b.write(0x80 | 126);
                    b.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF});
                    b.writeBytes(mask);
                    b.writeBytes(chunk);
                }
            }
        }
        return b.toByteArray();
    }

    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        while (!s.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            s.append((char) c);
        }
        return s.toString();
    }

    /** Reads until the relay closes the connection (true) or the read times out (false). */
    private static boolean drain(InputStream in) {
        byte[] buf = new byte[4096];
        try {
            while (in.read(buf) >= 0) {
                // until the relay closes
            }
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    // ------------------------------------------------------------------ database snapshot

    /**
     * Every stored row a legit user is a party of (caller or callee, sender or recipient; their accounts,
     * tokens and presence), every column as text, and the highest ids at the time, so rows written later can
     * be told apart.
     */
    private record Snapshot(Map<String, List<String>> rows, long maxUserId, long maxCallId, long maxChatId) {

        static Snapshot take() throws Exception {
            // prober has just signed out: its presence row goes a moment later
            long deadline = System.nanoTime() + T.toNanos();
            try (Connection c = relay.database().pool().getConnection()) {
                while (!query(c, "SELECT 1 FROM presence WHERE user_name = 'prober'").isEmpty()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }
            Snapshot s = take(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
            assertThat(s.rows().get("users")).hasSize(LEGIT.size());
            assertThat(s.rows().get("calls")).isNotEmpty();
            assertThat(s.rows().get("chat_messages")).hasSize(3);
            assertThat(s.rows().get("auth_tokens")).isNotEmpty();
            assertThat(s.rows().get("presence")).as("alice and bob online").hasSize(2);
            return s;
        }

        /** The legit rows among those with ids up to the given ones (rows without ids: all). */
        static Snapshot take(long userIds, long callIds, long chatIds) throws Exception {
            Map<String, String> queries = Map.of(
                    "users", "SELECT id, name, password_hash, created_at FROM users WHERE name = ANY (?) AND id <= "
                            + userIds + " ORDER BY id",
                    "calls", "SELECT * FROM calls WHERE (caller = ANY (?) OR callee = ANY (?)) AND id <= " + callIds
                            + " ORDER BY id",
                    "chat_messages", "SELECT * FROM chat_messages WHERE (sender = ANY (?) OR recipient = ANY (?)) "
                            + "AND id <= " + chatIds + " ORDER BY id",
                    "auth_tokens", "SELECT t.* FROM auth_tokens t JOIN users u ON u.id = t.user_id "
                            + "WHERE u.name = ANY (?) ORDER BY t.token_hash",
                    "presence", "SELECT * FROM presence WHERE user_name = ANY (?) ORDER BY user_name",
                    "video_frames", "SELECT * FROM video_frames WHERE sender = ANY (?) OR recipient = ANY (?) "
                            + "ORDER BY inserted_at, seq",
                    "audio_frames", "SELECT * FROM audio_frames WHERE sender = ANY (?) OR recipient = ANY (?) "
                            + "ORDER BY inserted_at, seq");
            Map<String, List<String>> out = new TreeMap<>();
            try (Connection c = relay.database().pool().getConnection()) {
                for (var q : queries.entrySet()) {
                    out.put(q.getKey(), query(c, q.getValue(), LEGIT.toArray(String[]::new)));
                }
                return new Snapshot(out, max(c, "users"), max(c, "calls"), max(c, "chat_messages"));
            }
        }

        private static long max(Connection c, String table) throws Exception {
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(id), 0) FROM " + table);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Runs {@code sql}, binding the text array {@code names} to every parameter, and renders each row as text. */
    private static List<String> query(Connection c, String sql, Object... names) throws Exception {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
                ps.setArray(i, c.createArrayOf("text", names));
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        row.append(md.getColumnName(i)).append('=')
                                .append(v instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : v).append(' ');
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }

    /**
     * Nothing stored that belongs to a legit user changed, and everything written since {@code before} was
     * written by the fuzzer: as {@code fuzzer} or as a user it registered, never as alice, bob, carol or
     * prober — except alice's {@code probes} chat probes, which must all be there and nothing else of hers.
     */
    private static void assertNothingOfOthersChanged(Snapshot before, int probes) throws Exception {
        Snapshot after = Snapshot.take(before.maxUserId(), before.maxCallId(), before.maxChatId());
        SoftAssertions softly = new SoftAssertions();
        for (String table : before.rows().keySet()) {
            softly.assertThat(after.rows().get(table)).as("%s rows of %s that existed before the fuzz", table, LEGIT)
                    .containsExactlyElementsOf(before.rows().get(table));
        }
        try (Connection c = relay.database().pool().getConnection()) {
            List<String> fuzzNames = new ArrayList<>(List.of("fuzzer"));
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM users WHERE id > ?")) {
                ps.setLong(1, before.maxUserId());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        fuzzNames.add(rs.getString(1));
                    }
                }
            }
            System.out.println("fuzz: names the fuzzer wrote as: " + fuzzNames);
            assertThat(fuzzNames).as("the fuzz registered no legit name").doesNotContainAnyElementsOf(LEGIT);
            Object[] fuzz = fuzzNames.toArray();
            softly.assertThat(query(c, "SELECT * FROM calls WHERE id > " + before.maxCallId()
                    + " AND NOT (caller = ANY (?) AND (ended_by IS NULL OR ended_by = ANY (?))) ORDER BY id", fuzz))
                    .as("calls made since, not by the fuzzer or ended by someone else").isEmpty();
            softly.assertThat(query(c, "SELECT * FROM chat_messages WHERE id > " + before.maxChatId()
                    + " AND NOT sender = ANY (?) AND NOT (sender = 'alice' AND recipient = 'prober' AND body = '"
                    + PROBE_BODY + "' AND client_msg_id LIKE 'probe-%') ORDER BY id", fuzz))
                    .as("chat messages written since, not by the fuzzer nor alice's probes").isEmpty();
            softly.assertThat(query(c, "SELECT count(DISTINCT client_msg_id) FROM chat_messages WHERE id > "
                    + before.maxChatId() + " AND sender = 'alice'"))
                    .as("alice's probes, each stored once").containsExactly("count=" + probes + " ");
            for (String media : List.of("video_frames", "audio_frames")) {
                softly.assertThat(query(c, "SELECT sender, recipient, call_id, seq FROM " + media
                        + " WHERE NOT sender = ANY (?)", fuzz)).as("%s rows not sent by the fuzzer", media).isEmpty();
            }
        }
        softly.assertAll();
    }
}
