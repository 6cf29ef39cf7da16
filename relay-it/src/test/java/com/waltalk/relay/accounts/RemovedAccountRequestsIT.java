package com.waltalk.relay.accounts;

import com.waltalk.testing.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.relay.refusal.RequestRefused;
import com.waltalk.relay.calls.CallStore;
import com.waltalk.relay.chat.ChatStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Between an operator's {@code relay user remove} and the relay closing that user's session (when the
 * delete arrives through the stream) the session can still send requests. Chat and calls check the
 * sender's account inside their own statement, locked, so nothing is stored on behalf of a removed
 * account — also when the removal is committing at that very moment. Real PostgreSQL.
 */
class RemovedAccountRequestsIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static AccountStore accounts;
    private static ChatStore chat;
    private static CallStore calls;

    @BeforeAll
    static void open() {
        accounts = new AccountStore(db.pool());
        chat = new ChatStore(db.pool());
        calls = new CallStore(db.pool());
    }

    @Test
    void aRemovedAccountCanNeitherChatNorCall() throws Exception {
        accounts.create("gone1", "hash");
        accounts.create("peer1", "hash");
        chat.send("gone1", "peer1", "before", null);
        assertThat(rows("SELECT count(*) FROM chat_messages WHERE sender = 'gone1'")).isEqualTo(1);
        assertThat(accounts.remove("gone1")).isTrue();

        assertThatThrownBy(() -> chat.send("gone1", "peer1", "after", null))
                .isInstanceOf(RequestRefused.class).extracting(e -> ((RequestRefused) e).code())
                .isEqualTo(ErrorCode.ACCOUNT_REMOVED);
        assertThatThrownBy(() -> calls.start("gone1", "peer1"))
                .isInstanceOf(RequestRefused.class).extracting(e -> ((RequestRefused) e).code())
                .isEqualTo(ErrorCode.ACCOUNT_REMOVED);
        // issue 12: accounts are identities, and a removed account's history goes with it (ON DELETE CASCADE),
        // so the message sent before the removal is gone too, and nothing was stored after it
        assertThat(rows("SELECT count(*) FROM chat_messages WHERE sender = 'gone1'")).isZero();
        assertThat(rows("SELECT count(*) FROM calls WHERE caller = 'gone1'")).isZero();
        assertThatThrownBy(() -> chat.send("peer1", "gone1", "to nobody", null))
                .isInstanceOf(RequestRefused.class).extracting(e -> ((RequestRefused) e).code())
                .isEqualTo(ErrorCode.UNKNOWN_PEER);
    }

    @Test
    void aMessageSentWhileTheRemovalCommitsWaitsForItAndIsRefused() throws Exception {
        accounts.create("gone2", "hash");
        accounts.create("peer2", "hash");
        try (Connection operator = db.pool().getConnection()) {
            operator.setAutoCommit(false);
            try (PreparedStatement ps = operator.prepareStatement("DELETE FROM users WHERE name = 'gone2'")) {
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
                try {
                    chat.send("gone2", "peer2", "racing the removal", null);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Thread.sleep(300);
            assertThat(send).as("the message waits for the removal's transaction").isNotDone();
            operator.commit();
            assertThatThrownBy(() -> send.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(RequestRefused.class)
                    .extracting(e -> ((RequestRefused) e).code()).isEqualTo(ErrorCode.ACCOUNT_REMOVED);
        }
        assertThat(rows("SELECT count(*) FROM chat_messages WHERE sender = 'gone2'")).isZero();
    }

    private static long rows(String sql) throws Exception {
        try (Connection c = db.pool().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
