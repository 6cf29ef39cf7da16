package com.waltalk.relay.bench;

import com.waltalk.testing.SimulatedClient;
import com.waltalk.protocol.control.CallAccept;
import com.waltalk.protocol.control.CallHangup;
import com.waltalk.protocol.control.CallHistory;
import com.waltalk.protocol.control.CallStart;
import com.waltalk.protocol.control.CallState;
import com.waltalk.protocol.control.CallUpdate;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.media.MediaHeader;
import com.waltalk.protocol.media.MediaKind;
import com.waltalk.testing.SimulatedClient.Received;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Simulates N one-to-one calls against a relay: two signed-in {@link SimulatedClient}s per call
 * ({@code c<i>a} calls {@code c<i>b}, who accepts; accounts are registered on first use), each sending its peer 15 fps of video and 50 packets/s of audio
 * (PCM16LE mono 16 kHz, 20 ms = 640 bytes), and recording what each receives: distinct frames,
 * order, duplicates and latency (receive {@code nanoTime} − the send {@code nanoTime} carried in the
 * payload; both clients live in this JVM).
 *
 * <p>Use: {@link #connect}, {@link #start}, {@link #stopSending}, {@link #awaitDrain}, then read the
 * statistics and {@link #close}. Thread-safe: receivers run on the clients' threads, pacers on a
 * small scheduled pool, control on the caller's thread.
 */
public final class CallSimulator implements AutoCloseable {

    public static final int VIDEO_FPS = 15;
    public static final int AUDIO_PACKETS_PER_SECOND = 50;
    public static final int AUDIO_BYTES = 640;
    static final int PACER_THREADS = 2;
    static final Duration HANGUP_TIMEOUT = Duration.ofSeconds(5);
    static final Duration STALE_CALL_TIMEOUT = Duration.ofSeconds(5);
    static final Duration CALL_SETUP_TIMEOUT = Duration.ofSeconds(20);
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);
    /** Latency samples kept per kind at most (2 × 8 bytes each); more are counted as overflow. */
    static final long MAX_SAMPLES = 8_000_000;

    private final List<Participant> participants = new ArrayList<>();
    private final LatencyRecorder videoLatency;
    private final LatencyRecorder audioLatency;
    private final StreamPacer.PacingStats videoPacing = new StreamPacer.PacingStats();
    private final StreamPacer.PacingStats audioPacing = new StreamPacer.PacingStats();
    private final AtomicLong unexpectedFrames = new AtomicLong();
    private final Map<String, Integer> setupRetries = new TreeMap<>();
    private final ScheduledExecutorService pacers = Executors.newScheduledThreadPool(PACER_THREADS,
            daemonThreads("bench-pacer-"));
    private volatile long measureFromNanos = Long.MAX_VALUE;
    private volatile long startedNanos;
    private volatile long stoppedNanos = Long.MAX_VALUE;

    private CallSimulator(int calls, int expectedSeconds) {
        int streams = 2 * calls;
        long slack = expectedSeconds + 10L;
        videoLatency = new LatencyRecorder((int) Math.min(MAX_SAMPLES, streams * VIDEO_FPS * slack + 1024));
        audioLatency = new LatencyRecorder((int) Math.min(MAX_SAMPLES, streams * AUDIO_PACKETS_PER_SECOND * slack + 1024));
    }

    /**
     * Connects and signs in {@code 2 × calls} clients, with their payloads generated.
     *
     * @param expectedSeconds how long streams will run in total (sizes the latency arrays)
     * @throws IOException if a client cannot connect or sign in; those already connected are closed
     */
    public static CallSimulator connect(String webSocketUri, int calls, int videoBytes, int expectedSeconds)
            throws IOException, InterruptedException {
        CallSimulator sim = new CallSimulator(calls, expectedSeconds);
        try {
            for (int c = 0; c < calls; c++) {
                String a = "c" + c + "a";
                String b = "c" + c + "b";
                SimulatedClient ca = SimulatedClient.signIn(webSocketUri, a);
                SimulatedClient cb;
                try {
                    cb = SimulatedClient.signIn(webSocketUri, b);
                } catch (IOException | InterruptedException | RuntimeException e) {
                    ca.close();
                    throw e;
                }
                long callId;
                try {
                    // calls need contacts: the pair asks and accepts, as people do (at once on later runs)
                    com.waltalk.testing.TestContacts.befriend(ca, cb, java.time.Duration.ofSeconds(15));
                    endStaleCalls(ca);
                    endStaleCalls(cb);
                    // media is accepted only within an accepted call, and must carry its id
                    callId = sim.establishCall(ca, a, cb, b);
                } catch (IOException | InterruptedException | RuntimeException e) {
                    ca.close();
                    cb.close();
                    throw e;
                }
                sim.participants.add(sim.new Participant(ca, a, b, callId, true, videoBytes));
                sim.participants.add(sim.new Participant(cb, b, a, callId, false, videoBytes));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            sim.close();
            throw e;
        }
        return sim;
    }

    /**
     * Hangs up calls a user is still a party to (from an earlier run on the same database whose
     * hang-up did not complete), as listed in the {@code call_history} the relay sends after sign-in;
     * a user in a call cannot start or accept another one.
     */
    private static void endStaleCalls(SimulatedClient client) throws IOException, InterruptedException {
        CallHistory history;
        try {
            history = client.awaitControl(CallHistory.class, h -> true, STALE_CALL_TIMEOUT);
        } catch (IOException noHistory) {
            return; // nothing to clean up, as far as we can tell
        }
        for (CallUpdate call : history.calls()) {
            if (call.state() == CallState.ACCEPTED || call.state() == CallState.RINGING) {
                client.sendControl(new CallHangup(call.callId()));
                client.awaitControl(CallUpdate.class, u -> u.callId() == call.callId()
                        && u.state() != CallState.ACCEPTED && u.state() != CallState.RINGING, STALE_CALL_TIMEOUT);
            }
        }
    }

    /**
     * {@code caller} calls {@code callee}, who accepts. A call that does not ring (e.g. {@code missed}
     * because the relay has not seen the callee's sign-in yet, or {@code busy}) is retried for up to
     * {@link #CALL_SETUP_TIMEOUT}.
     *
     * @return the id of the accepted call
     * @throws IOException if no call could be established, saying what the relay answered
     */
    private long establishCall(SimulatedClient caller, String callerName, SimulatedClient callee,
                               String calleeName) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CALL_SETUP_TIMEOUT.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            caller.sendControl(new CallStart(calleeName));
            ControlMessage reply = await(caller, callerName, m -> m instanceof ErrorMessage || m instanceof CallUpdate u
                    && u.caller().equals(callerName) && u.callee().equals(calleeName), seen);
            if (reply instanceof CallUpdate u && (u.state() == CallState.RINGING || u.state() == CallState.ACCEPTED)) {
                long id = u.callId();
                if (u.state() == CallState.RINGING) {
                    await(callee, calleeName, m -> m instanceof CallUpdate c && c.callId() == id
                            && c.state() == CallState.RINGING, seen);
                    callee.sendControl(new CallAccept(id));
                }
                await(caller, callerName, m -> m instanceof CallUpdate c && c.callId() == id
                        && c.state() == CallState.ACCEPTED, seen);
                return id;
            }
            setupRetries.merge(reply instanceof CallUpdate u ? u.state().wire()
                    : reply instanceof ErrorMessage e ? e.code() : "other", 1, Integer::sum);
            Thread.sleep(200);
        }
        throw new IOException("could not establish a call from " + callerName + " to " + calleeName
                + " within " + CALL_SETUP_TIMEOUT.toSeconds() + " s; control messages seen: " + seen);
    }

    /**
     * The next control message on {@code client} matching {@code wanted}; the others are noted in
     * {@code seen} (for the error message) and dropped.
     */
    private static ControlMessage await(SimulatedClient client, String name, Predicate<ControlMessage> wanted,
                                        List<String> seen) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("no expected answer within " + STEP_TIMEOUT.toSeconds() + " s on " + name
                        + "'s connection; control messages seen: " + seen);
            }
            ControlMessage m = client.nextControl(Duration.ofNanos(left));
            if (m == null) {
                continue;
            }
            if (wanted.test(m)) {
                return m;
            }
            if (seen.size() < 40) {
                seen.add(name + "<-" + m);
            }
        }
    }

    /**
     * Starts every stream, staggered evenly across its period so frames do not go out in bursts.
     * Frames sent before {@code measureFromNanos} ({@link System#nanoTime()} scale) are warm-up:
     * they count for delivery, and their latency is reported apart from the measured window's.
     */
    public void start(long measureFromNanos) {
        this.measureFromNanos = measureFromNanos;
        this.startedNanos = System.nanoTime();
        int n = participants.size();
        long videoPeriod = TimeUnit.SECONDS.toNanos(1) / VIDEO_FPS;
        long audioPeriod = TimeUnit.SECONDS.toNanos(1) / AUDIO_PACKETS_PER_SECOND;
        for (int i = 0; i < n; i++) {
            Participant p = participants.get(i);
            p.errorsBeforeStart = p.client.errorsSeen().size();
            p.video.start(pacers, videoPeriod * i / n);
            p.audio.start(pacers, audioPeriod * i / n);
        }
    }

    /** Stops all pacers and waits (bounded) for frames being sent right now. */
    public void stopSending() throws InterruptedException {
        stoppedNanos = System.nanoTime();
        for (Participant p : participants) {
            p.video.stop();
            p.audio.stop();
        }
        pacers.shutdown();
        pacers.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Waits until every frame sent has been received, or {@code max} has passed; true if all arrived. */
    public boolean awaitDrain(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            if (allDelivered()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(20);
        }
    }

    /** Participants are added in call order, a then b, so the peer of participant i is i ^ 1. */
    private boolean allDelivered() {
        for (int i = 0; i < participants.size(); i++) {
            Participant receiver = participants.get(i);
            Participant sender = participants.get(i ^ 1);
            if (receiver.videoIn.delivered() < sender.video.sent()
                    || receiver.audioIn.delivered() < sender.audio.sent()) {
                return false;
            }
        }
        return true;
    }

    /** Frames sent so far of one kind, over all senders. */
    public long sent(MediaKind kind) {
        long total = 0;
        for (Participant p : participants) {
            total += (kind == MediaKind.VIDEO_JPEG ? p.video : p.audio).sent();
        }
        return total;
    }

    /** The statistics of one kind so far. */
    public KindStats stats(MediaKind kind) {
        boolean video = kind == MediaKind.VIDEO_JPEG;
        long sent = 0;
        long delivered = 0;
        long ooo = 0;
        long dup = 0;
        long failures = 0;
        for (Participant p : participants) {
            StreamPacer out = video ? p.video : p.audio;
            StreamTracker in = video ? p.videoIn : p.audioIn;
            sent += out.sent();
            failures += out.sendFailures();
            delivered += in.delivered();
            ooo += in.outOfOrder();
            dup += in.duplicates();
        }
        StreamPacer.PacingStats pacing = video ? videoPacing : audioPacing;
        LatencyRecorder latency = video ? videoLatency : audioLatency;
        long end = Math.min(stoppedNanos, System.nanoTime());
        return new KindStats(sent, delivered, sent - delivered, ooo, dup, failures,
                latency.percentilesOfSent(measureFromNanos, Long.MAX_VALUE),
                latency.percentilesOfSent(Long.MIN_VALUE, measureFromNanos),
                latency.perSecond(startedNanos, end),
                latency.overflowed(), pacing.maxLagMillis(), pacing.lateByAPeriod());
    }

    /**
     * Writes every latency sample as CSV ({@code kind,sent_ms,latency_ms}; {@code sent_ms} relative to
     * {@code originNanos}, negative for the warm-up), for finding when during a run latency went up.
     */
    public void writeTrace(Writer out, long originNanos) throws IOException {
        StringBuilder csv = new StringBuilder("kind,sent_ms,latency_ms\n");
        for (MediaKind kind : List.of(MediaKind.VIDEO_JPEG, MediaKind.AUDIO_PCM16LE)) {
            String name = kind == MediaKind.VIDEO_JPEG ? "video" : "audio";
            (kind == MediaKind.VIDEO_JPEG ? videoLatency : audioLatency).forEach((sent, latency) ->
                    csv.append(name).append(',').append(millis(sent - originNanos)).append(',')
                            .append(millis(latency)).append('\n'));
        }
        out.write(csv.toString());
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    /** Calls that had to be started again during set-up, by what the relay answered (e.g. {@code missed}). */
    public Map<String, Integer> callSetupRetries() {
        return Map.copyOf(setupRetries);
    }

    /** Error messages the relay sent the clients since {@link #start}, counted by code (should be empty). */
    public Map<String, Integer> relayErrors() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Participant p : participants) {
            List<ErrorMessage> errors = p.client.errorsSeen();
            for (ErrorMessage e : errors.subList(Math.min(p.errorsBeforeStart, errors.size()), errors.size())) {
                counts.merge(e.code(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Frames that arrived from someone other than the recipient's call peer (should be 0). */
    public long unexpectedFrames() {
        return unexpectedFrames.get();
    }

    /** Clients whose connection is no longer open (closed by the relay, e.g. as too slow). */
    public int closedClients() {
        int closed = 0;
        for (Participant p : participants) {
            if (!p.client.isOpen()) {
                closed++;
            }
        }
        return closed;
    }

    /**
     * Hangs up every call (so the users are free for the next run on the same database) and closes
     * the connections. Waits at most {@link #HANGUP_TIMEOUT} in total for the hang-ups to be confirmed.
     */
    @Override
    public void close() {
        pacers.shutdownNow();
        long deadline = System.nanoTime() + HANGUP_TIMEOUT.toNanos();
        for (Participant p : participants) {
            if (p.caller && p.client.isOpen()) {
                try {
                    p.client.sendControl(new CallHangup(p.callId));
                } catch (RuntimeException e) {
                    // connection going away: the relay ends the call after its grace period
                }
            }
        }
        for (Participant p : participants) {
            long left = deadline - System.nanoTime();
            if (p.caller && p.client.isOpen() && left > 0) {
                try {
                    p.client.awaitControl(CallUpdate.class, u -> u.callId() == p.callId && u.state() != CallState.ACCEPTED,
                            Duration.ofNanos(left));
                } catch (IOException e) {
                    break; // not confirmed in time; close anyway
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (Participant p : participants) {
            p.client.close();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Per-kind outcome of a run.
     *
     * @param sent            frames handed to the senders' WebSockets
     * @param delivered       distinct frames received by the right recipient
     * @param lost            {@code sent − delivered}
     * @param outOfOrder      frames that arrived with a lower sequence number than one already seen
     * @param duplicates      frames that arrived more than once
     * @param sendFailures    scheduled frames that could not be sent (connection gone)
     * @param latency         latency percentiles of frames sent after the warm-up
     * @param warmupLatency   latency percentiles of frames sent during the warm-up
     * @param perSecond       latency percentiles of each second of sending, warm-up included (element 0
     *                        is the first second after sending started)
     * @param latencyOverflow samples that did not fit the preallocated array (should be 0)
     * @param pacerMaxLagMs   largest delay of a send behind its schedule
     * @param pacerLateFrames frames sent more than one period late (the simulated clients fell behind)
     */
    public record KindStats(long sent, long delivered, long lost, long outOfOrder, long duplicates,
                            long sendFailures, LatencyRecorder.Percentiles latency,
                            LatencyRecorder.Percentiles warmupLatency, List<LatencyRecorder.Percentiles> perSecond,
                            int latencyOverflow,
                            double pacerMaxLagMs, long pacerLateFrames) {
        public KindStats {
            perSecond = List.copyOf(perSecond);
        }
    }

    /** One simulated user: its connection, its two outgoing streams and what it receives from its peer. */
    private final class Participant {
        final SimulatedClient client;
        final String peer;
        final long callId;
        final boolean caller;
        final StreamPacer video;
        final StreamPacer audio;
        final StreamTracker videoIn = new StreamTracker();
        final StreamTracker audioIn = new StreamTracker();
        volatile int errorsBeforeStart;

        Participant(SimulatedClient client, String user, String peer, long callId, boolean caller, int videoBytes) {
            this.client = client;
            this.peer = peer;
            this.callId = callId;
            this.caller = caller;
            Random random = new Random(user.hashCode());
            byte[] jpeg = new byte[videoBytes];
            random.nextBytes(jpeg);
            jpeg[0] = (byte) 0xFF; // JPEG start-of-image marker, required by the protocol
            jpeg[1] = (byte) 0xD8;
            byte[] pcm = new byte[AUDIO_BYTES];
            random.nextBytes(pcm);
            long periodVideo = TimeUnit.SECONDS.toNanos(1) / VIDEO_FPS;
            long periodAudio = TimeUnit.SECONDS.toNanos(1) / AUDIO_PACKETS_PER_SECOND;
            this.video = new StreamPacer(client, peer, MediaKind.VIDEO_JPEG, callId, jpeg, periodVideo, videoPacing);
            this.audio = new StreamPacer(client, peer, MediaKind.AUDIO_PCM16LE, callId, pcm, periodAudio, audioPacing);
            client.onMedia(this::onMedia);
        }

        /** Runs on the client's WebSocket thread. */
        private void onMedia(Received r) {
            MediaHeader h = r.frame().header();
            if (!peer.equals(h.peer())) {
                unexpectedFrames.incrementAndGet();
                return;
            }
            boolean isVideo = h.kind() == MediaKind.VIDEO_JPEG;
            ByteBuffer payload = r.frame().payload();
            long sentNanos = payload.getLong(isVideo
                    ? StreamPacer.VIDEO_TIMESTAMP_OFFSET : StreamPacer.AUDIO_TIMESTAMP_OFFSET);
            if ((isVideo ? videoIn : audioIn).accept(h.seq())) {
                (isVideo ? videoLatency : audioLatency).record(sentNanos, r.receivedNanos() - sentNanos);
            }
        }
    }
}
