package com.waltalk.relay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.media.MediaHeader;
import com.waltalk.testing.TestDatabase;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The writer's commit interval against a real PostgreSQL: frames that arrive within the interval after a
 * commit share the next commit, and a writer that has been idle for longer commits at once.
 */
class MediaWriterIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void framesArrivingWithinTheIntervalShareOneCommitThatWaitsForTheInterval() throws Exception {
        Duration interval = Duration.ofMillis(400);
        try (MediaWriter writer = new MediaWriter(db.endpoint(), 1, interval, 64L * 1024 * 1024)) {
            writer.start();
            long start = System.nanoTime();
            assertThat(writer.submit(1, frame("ann", "bob", 1))).isTrue();
            awaitAtLeast(writer::rowsWritten, 1);
            for (int seq = 2; seq <= 21; seq++) {
                assertThat(writer.submit(1, frame("ann", "bob", seq))).isTrue();
            }
            awaitAtLeast(writer::rowsWritten, 21);
            long elapsed = System.nanoTime() - start;

            assertThat(writer.commits()).as("the 20 frames queued behind the first commit share one commit")
                    .isEqualTo(2);
            assertThat(elapsed).as("the second commit starts no earlier than the interval after the first")
                    .isGreaterThanOrEqualTo(interval.toNanos());
            assertThat(seqsOf("ann")).as("one sender's rows, in the order they were submitted")
                    .containsExactly(range(1, 21));
        }
    }

    @Test
    void aWriterIdleForLongerThanTheIntervalCommitsAtOnce() throws Exception {
        Duration interval = Duration.ofSeconds(2);
        try (MediaWriter writer = new MediaWriter(db.endpoint(), 1, interval, 64L * 1024 * 1024)) {
            writer.start();
            assertThat(writer.submit(7, frame("cy", "dee", 1))).isTrue();
            awaitAtLeast(writer::rowsWritten, 1);
            Thread.sleep(interval.toMillis() + 100);

            long submitted = System.nanoTime();
            assertThat(writer.submit(7, frame("cy", "dee", 2))).isTrue();
            awaitAtLeast(writer::rowsWritten, 2);
            long waited = System.nanoTime() - submitted;

            assertThat(writer.commits()).isEqualTo(2);
            assertThat(waited).as("a frame after a quiet period does not wait for the interval")
                    .isLessThan(interval.toNanos() / 2);
        }
    }

    private static InboundMedia frame(String sender, String recipient, long seq) {
        byte[] payload = new byte[30_000];
        payload[0] = (byte) 0xFF;
        payload[1] = (byte) 0xD8;
        return new InboundMedia(sender, MediaHeader.video(1, seq, seq * 66_667, 640, 360, recipient),
                ByteBuffer.wrap(payload).asReadOnlyBuffer(), System.nanoTime());
    }

    private static void awaitAtLeast(LongSupplier counter, long target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (counter.getAsLong() < target) {
            assertThat(System.nanoTime()).as("waiting for %d rows", target).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Sequence numbers of a sender's rows in the order the server stored them within each transaction. */
    private static List<Long> seqsOf(String sender) throws Exception {
        List<Long> seqs = new ArrayList<>();
        try (Connection c = db.endpoint().open("test");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT seq FROM video_frames WHERE sender = '" + sender
                     + "' ORDER BY xmin::text::bigint, ctid")) {
            while (rs.next()) {
                seqs.add(rs.getLong(1));
            }
        }
        return seqs;
    }

    private static Long[] range(long from, long to) {
        Long[] r = new Long[(int) (to - from + 1)];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
