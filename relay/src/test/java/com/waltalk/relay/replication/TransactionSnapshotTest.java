package com.waltalk.relay.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransactionSnapshotTest {

    @Test
    void committedBeforeTheSnapshotIsSeenAndEverythingElseIsNot() {
        // xmin 100, xmax 110, 103 and 107 were in progress; the WAL insert position was 5000
        TransactionSnapshot s = TransactionSnapshot.parse("100:110:103,107", 5_000);
        assertThat(s.sawCommitted(99, 4_000)).as("below xmin").isTrue();
        assertThat(s.sawCommitted(105, 4_000)).as("between, not in progress").isTrue();
        assertThat(s.sawCommitted(103, 4_000)).as("in progress at the snapshot").isFalse();
        assertThat(s.sawCommitted(107, 4_900)).as("in progress at the snapshot").isFalse();
        assertThat(s.sawCommitted(110, 4_900)).as("at xmax: started after").isFalse();
        assertThat(s.sawCommitted(120, 4_900)).isFalse();
        assertThat(s.sawCommitted(99, 5_000)).as("committed at/after the snapshot's WAL position").isFalse();
    }

    @Test
    void emptyInProgressListParses() {
        TransactionSnapshot s = TransactionSnapshot.parse("731:731:", 1);
        assertThat(s.sawCommitted(730, 0)).isTrue();
        assertThat(s.sawCommitted(731, 0)).isFalse();
    }

    @Test
    void thirtyTwoBitXidsAreWidenedAcrossTheEpochBoundary() {
        long epoch1 = 1L << 32;
        // xmax just past the wrap into epoch 1: xid 0xFFFFFFF0 belongs to epoch 0
        TransactionSnapshot s = TransactionSnapshot.parse((epoch1 + 5) + ":" + (epoch1 + 10) + ":", 100);
        assertThat(s.widen(0xFFFF_FFF0L)).isEqualTo(epoch1 - 16);
        assertThat(s.widen(7)).isEqualTo(epoch1 + 7);
        assertThat(s.sawCommitted(0xFFFF_FFF0L, 50)).isTrue();
        assertThat(s.sawCommitted(12, 50)).isFalse();
    }

    @Test
    void garbageIsRejected() {
        assertThatThrownBy(() -> TransactionSnapshot.parse("1:2", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
