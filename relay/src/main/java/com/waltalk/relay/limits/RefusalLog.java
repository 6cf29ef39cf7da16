package com.waltalk.relay.limits;

import com.waltalk.runtime.Threads;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed, throttled and rate-limited requests, logged as one INFO line per source address per
 * window (one minute by default) instead of one per attempt: a guesser used to write 12.8 MB of log
 * a minute; now it writes one line a minute. The line says what was refused and how often:
 * {@code refused from 203.0.113.7 in the last 60 s: 812 (sign-in bad_credentials 40, sign-in throttled 772)}.
 *
 * <p>Memory is bounded: at most {@link #MAX_ADDRESSES} addresses per window are counted on their own;
 * beyond that their attempts count under {@code other addresses}.
 *
 * <p>Thread-safe: {@link #record} is lock-free and may be called from any thread; the summary runs
 * on the log's own thread (or {@link #flush} in tests).
 */
public final class RefusalLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RefusalLog.class);

    static final int MAX_ADDRESSES = 10_000;
    static final String OTHER = "other addresses";

    private final Duration window;
    private final ScheduledExecutorService scheduler;
    private volatile ConcurrentHashMap<String, ConcurrentHashMap<String, AtomicLong>> current = new ConcurrentHashMap<>();

    public RefusalLog(Duration window) {
        this.window = window;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Threads.named("refusal-log"));
    }

    public void start() {
        long ms = window.toMillis();
        scheduler.scheduleAtFixedRate(this::flushSafely, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Counts one refused attempt from {@code address} ({@link SourceAddress} form or as the transport
     * gives it); {@code what} is a short fixed label such as {@code "sign-in bad_credentials"}.
     */
    public void record(String address, String what) {
        String subject = SourceAddress.of(address);
        ConcurrentHashMap<String, ConcurrentHashMap<String, AtomicLong>> counts = current;
        ConcurrentHashMap<String, AtomicLong> perAddress = counts.get(subject);
        if (perAddress == null) {
            perAddress = counts.size() >= MAX_ADDRESSES
                    ? counts.computeIfAbsent(OTHER, k -> new ConcurrentHashMap<>())
                    : counts.computeIfAbsent(subject, k -> new ConcurrentHashMap<>());
        }
        perAddress.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    /** Logs the window's summary lines and starts a new window; returns how many lines it logged. */
    public int flush() {
        ConcurrentHashMap<String, ConcurrentHashMap<String, AtomicLong>> done = current;
        current = new ConcurrentHashMap<>();
        int lines = 0;
        for (Map.Entry<String, ConcurrentHashMap<String, AtomicLong>> e : new TreeMap<>(done).entrySet()) {
            long total = 0;
            StringBuilder detail = new StringBuilder();
            for (Map.Entry<String, AtomicLong> kind : new TreeMap<>(e.getValue()).entrySet()) {
                total += kind.getValue().get();
                detail.append(detail.length() == 0 ? "" : ", ").append(kind.getKey()).append(' ')
                        .append(kind.getValue().get());
            }
            log.info("refused from {} in the last {} s: {} ({})", e.getKey(), window.toSeconds(), total, detail);
            lines++;
        }
        return lines;
    }

    private void flushSafely() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("refusal log summary failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        flush();
    }
}
