package com.waltalk.relay.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.waltalk.protocol.control.CallEvent;
import org.junit.jupiter.api.Test;

/**
 * The SQL built from the transition table, pinned: these are the statements {@link CallStore} wrote out by hand
 * before the table existed, in the table's terms (relay-it's CallStoreTransitionsIT runs them).
 */
class TransitionSqlTest {

    @Test
    void activeIsTheNonFinalStatesAsTheCallsActiveIndexLists() {
        assertThat(CallStateSql.ACTIVE).isEqualTo("state IN ('ringing', 'accepted')");
    }

    @Test
    void acceptIsTheCalleesOnARingingCallAndSetsAnsweredAt() {
        TransitionSql accept = TransitionSql.byParty(CallEvent.ACCEPT);
        String next = "CASE WHEN callee = ? THEN CASE state WHEN 'ringing' THEN 'accepted' END END";
        assertThat(accept.assignments()).isEqualTo("state = " + next + ", answered_at = now()");
        assertThat(accept.guard()).isEqualTo("state IN ('ringing') AND (" + next + ") IS NOT NULL");
    }

    @Test
    void declineIsTheCalleesOnARingingCallAndRecordsWhoEndedIt() {
        TransitionSql decline = TransitionSql.byParty(CallEvent.DECLINE);
        String next = "CASE WHEN callee = ? THEN CASE state WHEN 'ringing' THEN 'declined' END END";
        assertThat(decline.assignments()).isEqualTo("state = " + next + ", ended_at = now(), ended_by = ?");
        assertThat(decline.guard()).isEqualTo("state IN ('ringing') AND (" + next + ") IS NOT NULL");
    }

    @Test
    void hangUpDependsOnTheStateAndTheActorsRole() {
        TransitionSql hangUp = TransitionSql.byParty(CallEvent.HANG_UP);
        String next = "CASE"
                + " WHEN caller = ? THEN CASE state WHEN 'ringing' THEN 'cancelled' WHEN 'accepted' THEN 'ended' END"
                + " WHEN callee = ? THEN CASE state WHEN 'ringing' THEN 'declined' WHEN 'accepted' THEN 'ended' END"
                + " END";
        assertThat(hangUp.assignments()).isEqualTo("state = " + next + ", ended_at = now(), ended_by = ?");
        assertThat(hangUp.guard()).isEqualTo("state IN ('ringing', 'accepted') AND (" + next + ") IS NOT NULL");
    }

    @Test
    void aGonePartyCancelsOrMissesARingingCallAndEndsAnAcceptedOne() {
        TransitionSql gone = TransitionSql.byParty(CallEvent.PARTY_GONE);
        String next = "CASE"
                + " WHEN caller = ? THEN CASE state WHEN 'ringing' THEN 'cancelled' WHEN 'accepted' THEN 'ended' END"
                + " WHEN callee = ? THEN CASE state WHEN 'ringing' THEN 'missed' WHEN 'accepted' THEN 'ended' END"
                + " END";
        assertThat(gone.assignments()).isEqualTo("state = " + next + ", ended_at = now(), ended_by = ?");
        assertThat(gone.guard()).isEqualTo("state IN ('ringing', 'accepted') AND (" + next + ") IS NOT NULL");
    }

    @Test
    void theRingTimeoutIsTheRelaysAndNobodyEndedTheCall() {
        TransitionSql timeout = TransitionSql.byRelay(CallEvent.RING_TIMEOUT);
        String next = "CASE state WHEN 'ringing' THEN 'missed' END";
        assertThat(timeout.assignments()).isEqualTo("state = " + next + ", ended_at = now()");
        assertThat(timeout.guard()).isEqualTo("state IN ('ringing') AND (" + next + ") IS NOT NULL");
    }

    @Test
    void anEventIsEitherAPartysOrTheRelays() {
        assertThatIllegalArgumentException().isThrownBy(() -> TransitionSql.byParty(CallEvent.RING_TIMEOUT));
        assertThatIllegalArgumentException().isThrownBy(() -> TransitionSql.byRelay(CallEvent.HANG_UP));
    }
}
