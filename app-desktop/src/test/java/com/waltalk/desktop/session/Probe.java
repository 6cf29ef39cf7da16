package com.waltalk.desktop.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.desktop.connection.RelayEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A real {@link SessionModel} plus a record of every event it published, for tests: wait for an event or a
 * state, then look at the model's getters.
 */
final class Probe implements AutoCloseable {

    static final Duration T = Duration.ofSeconds(15);

    final SessionModel model;
    private final List<SessionEvent> events = new ArrayList<>();
    private final List<Thread> eventThreads = new ArrayList<>();

    Probe(SessionOptions options) {
        model = SessionModel.create(options);
        model.addListener(e -> {
            synchronized (events) {
                events.add(e);
                eventThreads.add(Thread.currentThread());
                events.notifyAll();
            }
        });
    }

    Probe() {
        this(SessionOptions.DEFAULT);
    }

    static Probe register(RelayEndpoint relay, String user) throws Exception {
        Probe p = new Probe();
        p.model.register(relay, user, "password-" + user).get(T.toSeconds(), TimeUnit.SECONDS);
        p.awaitTrue("signed in", () -> p.model.connection().signedIn());
        return p;
    }

    /**
     * Makes every pair of the signed-in probes contacts over the protocol (one asks, the other accepts), as
     * the relay lets only contacts see presence, call and chat.
     */
    static void contacts(Probe... probes) throws Exception {
        for (int i = 0; i < probes.length; i++) {
            for (int j = i + 1; j < probes.length; j++) {
                ContactHandshake.connect(probes[i].model, probes[j].model, T.toMillis())
                        .get(T.toSeconds() + 5, TimeUnit.SECONDS);
            }
        }
    }

    /** Waits for the first event (from the start) matching {@code type} and {@code test}; returns it. */
    <E extends SessionEvent> E await(Class<E> type, Predicate<E> test) throws InterruptedException {
        return awaitAfter(0, type, test);
    }

    /** Waits for an event published at or after index {@code from}. */
    <E extends SessionEvent> E awaitAfter(int from, Class<E> type, Predicate<E> test) throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        synchronized (events) {
            while (true) {
                for (int i = from; i < events.size(); i++) {
                    SessionEvent e = events.get(i);
                    if (type.isInstance(e) && test.test(type.cast(e))) {
                        return type.cast(e);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type.getSimpleName() + " matching within " + T + "; events: "
                            + events);
                }
                events.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** The number of events so far (an index for {@link #awaitAfter}). */
    int mark() {
        synchronized (events) {
            return events.size();
        }
    }

    List<SessionEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    List<Thread> eventThreads() {
        synchronized (events) {
            return List.copyOf(eventThreads);
        }
    }

    CallView awaitCall(CallPhase phase) throws InterruptedException {
        return await(SessionEvent.CallChanged.class, e -> e.call().phase() == phase).call();
    }

    CallView awaitCallAfter(int from, CallPhase phase) throws InterruptedException {
        return awaitAfter(from, SessionEvent.CallChanged.class, e -> e.call().phase() == phase).call();
    }

    ConnectionStatus awaitState(int from, ConnectionState state) throws InterruptedException {
        return awaitAfter(from, SessionEvent.ConnectionChanged.class, e -> e.status().state() == state).status();
    }

    static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                assertThat(condition.getAsBoolean()).as(what).isTrue();
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
