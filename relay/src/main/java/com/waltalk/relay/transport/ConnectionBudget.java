package com.waltalk.relay.transport;

import java.lang.management.ManagementFactory;

/**
 * The relay-wide connection cap when the operator sets none: what the heap and the file-descriptor limit can
 * carry.
 *
 * <p>Heap: {@link #HEAP_SHARE} of {@code Runtime.maxMemory()} divided by {@link #BYTES_PER_CONNECTION}, the
 * heap of one signed-in connection with a margin: see docs/OPERATIONS.md 12.1 and {@code relay-bench connections}. The rest of the heap
 * stays for media, sessions' queues and the stores.
 *
 * <p>Descriptors: a socket is a file descriptor, and when {@code accept()} fails for want of one Java-WebSocket
 * cancels its listening key, i.e. stops accepting for good; so the cap stays {@link #FD_RESERVE} below the
 * process's limit.
 *
 * <p>Stateless; thread-safe.
 */
final class ConnectionBudget {

    /**
     * Heap budgeted per connection. Measured ({@code relay-bench connections --per-connection}, plain ws://):
     * 645 bytes half-open, 3.4 KB signed-in idle; this leaves room for a busy session's queues and a TLS
     * engine's buffers (tens of KB, not measured).
     */
    static final long BYTES_PER_CONNECTION = 16 * 1024;
    /** Share of the heap that connections may take. */
    static final double HEAP_SHARE = 0.5;
    /** Descriptors kept for the database, the health port, jars and logs. */
    static final long FD_RESERVE = 256;
    static final int MIN_CAP = 64;

    private ConnectionBudget() {
    }

    /** {@code configured} if positive, else the cap derived from this JVM's heap and descriptor limit. */
    static int cap(int configured) {
        return configured > 0 ? configured : fromLimits(Runtime.getRuntime().maxMemory(), maxFileDescriptors());
    }

    static int fromLimits(long maxHeapBytes, long maxFileDescriptors) {
        long byHeap = (long) (maxHeapBytes * HEAP_SHARE) / BYTES_PER_CONNECTION;
        long byFds = maxFileDescriptors > 0 ? maxFileDescriptors - FD_RESERVE : Long.MAX_VALUE;
        return (int) Math.max(MIN_CAP, Math.min(Integer.MAX_VALUE, Math.min(byHeap, byFds)));
    }

    /** The process's descriptor limit, or -1 where the platform does not say. */
    static long maxFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            return u.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
