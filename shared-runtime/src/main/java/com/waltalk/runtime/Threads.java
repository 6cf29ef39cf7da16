package com.waltalk.runtime;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way WalTalk makes threads. Every thread is a daemon (a forgotten one never keeps the JVM,
 * the app or the relay, from exiting), has a name that says what it runs (thread dumps, JFR and
 * docs/ARCHITECTURE.md's thread tables use these names), and logs the exception that kills it at
 * ERROR through SLF4J instead of the JVM's default print to stderr, which a service's log never
 * sees.
 *
 * <p>Thread-safety: stateless apart from the counters of {@link #numbered}; safe to use from any thread.
 */
public final class Threads {

    private static final Logger log = LoggerFactory.getLogger(Threads.class);

    /** Logs an uncaught exception with the thread's name. */
    static final Thread.UncaughtExceptionHandler LOG_UNCAUGHT =
            (thread, e) -> log.error("thread {} died of an uncaught exception", thread.getName(), e);

    private Threads() {
    }

    /**
     * A new, not yet started daemon thread.
     *
     * @param name the thread's name, e.g. {@code "video-capture"}
     * @param task what it runs
     */
    public static Thread daemon(String name, Runnable task) {
        Objects.requireNonNull(name, "name");
        Thread t = new Thread(Objects.requireNonNull(task, "task"), name);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler(LOG_UNCAUGHT);
        return t;
    }

    /** A new daemon thread, already started. */
    public static Thread startDaemon(String name, Runnable task) {
        Thread t = daemon(name, task);
        t.start();
        return t;
    }

    /**
     * A factory whose every thread is called {@code name}: for single-thread executors and
     * schedulers, where one name is one job.
     */
    public static ThreadFactory named(String name) {
        Objects.requireNonNull(name, "name");
        return task -> daemon(name, task);
    }

    /** A factory whose threads are called {@code prefix-1}, {@code prefix-2}, …: for pools. */
    public static ThreadFactory numbered(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        AtomicInteger n = new AtomicInteger();
        return task -> daemon(prefix + "-" + n.incrementAndGet(), task);
    }

    /**
     * A JVM shutdown hook (not a daemon: the JVM waits for hooks anyway), named and logging like
     * the others, registered with {@link Runtime#addShutdownHook}.
     */
    public static Thread addShutdownHook(String name, Runnable task) {
        Thread t = new Thread(Objects.requireNonNull(task, "task"), Objects.requireNonNull(name, "name"));
        t.setUncaughtExceptionHandler(LOG_UNCAUGHT);
        Runtime.getRuntime().addShutdownHook(t);
        return t;
    }
}
