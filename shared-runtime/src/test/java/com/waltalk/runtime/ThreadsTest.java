package com.waltalk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadsTest {

    @Test
    void daemonThreadsAreNamedDaemonsThatLogWhatKillsThem() {
        Thread t = Threads.daemon("video-capture", () -> { });
        assertThat(t.getName()).isEqualTo("video-capture");
        assertThat(t.isDaemon()).isTrue();
        assertThat(t.getState()).isEqualTo(Thread.State.NEW);
        assertThat(t.getUncaughtExceptionHandler()).isSameAs(Threads.LOG_UNCAUGHT);
    }

    @Test
    void startDaemonRunsTheTask() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<String> name = new AtomicReference<>();
        Threads.startDaemon("probe", () -> {
            name.set(Thread.currentThread().getName());
            ran.countDown();
        });
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(name.get()).isEqualTo("probe");
    }

    @Test
    void namedFactoryGivesEveryThreadTheSameName() {
        ThreadFactory f = Threads.named("housekeeping");
        assertThat(f.newThread(() -> { }).getName()).isEqualTo("housekeeping");
        assertThat(f.newThread(() -> { }).getName()).isEqualTo("housekeeping");
        assertThat(f.newThread(() -> { }).isDaemon()).isTrue();
    }

    @Test
    void numberedFactoryCountsFromOne() {
        ThreadFactory f = Threads.numbered("session-worker");
        assertThat(f.newThread(() -> { }).getName()).isEqualTo("session-worker-1");
        assertThat(f.newThread(() -> { }).getName()).isEqualTo("session-worker-2");
        assertThat(Threads.numbered("other").newThread(() -> { }).getName()).isEqualTo("other-1");
    }

    @Test
    void anUncaughtExceptionIsHandledNotPrintedByTheJvmDefault() throws InterruptedException {
        Thread t = Threads.daemon("dies", () -> {
            throw new IllegalStateException("boom");
        });
        t.start();
        t.join(5_000);
        assertThat(t.isAlive()).isFalse();
    }
}
