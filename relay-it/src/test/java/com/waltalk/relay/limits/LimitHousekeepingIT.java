package com.waltalk.relay.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Chat is kept for the retention and up to the quota per sender; what the limits store stays bounded. */
class LimitHousekeepingIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static long user(String name) throws SQLException {
        try (Connection c = db.pool().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO users (name, password_hash) VALUES (?, 'x') RETURNING id")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** {@code count} messages of {@code bodyChars} ASCII characters, the first {@code ageDays} old, each a second newer. */
    private static void messages(String from, long fromId, String to, long toId, int count, int bodyChars, int ageDays)
            throws SQLException {
        try (Connection c = db.pool().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO chat_messages "
                     + "(sender, recipient, sender_id, recipient_id, body, sent_at) SELECT ?, ?, ?, ?, repeat('x', ?), "
                     + "now() - ? * interval '1 day' + g * interval '1 second' FROM generate_series(1, ?) g")) {
            ps.setString(1, from);
            ps.setString(2, to);
            ps.setLong(3, fromId);
            ps.setLong(4, toId);
            ps.setInt(5, bodyChars);
            ps.setInt(6, ageDays);
            ps.setInt(7, count);
            ps.executeUpdate();
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.pool().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void messagesOlderThanTheRetentionAndBeyondASendersQuotaAreDeletedOldestFirst() throws Exception {
        long old = user("oldtimer");
        long heavy = user("heavy");
        long light = user("light");
        // 2,500 messages past a 30-day retention (more than two batches) and 10 within it
        messages("oldtimer", old, "light", light, 2_500, 10, 40);
        messages("oldtimer", old, "light", light, 10, 10, 1);
        // heavy: 300 messages of 1,000 bytes = 300,000 bytes against a 100,000-byte quota
        messages("heavy", heavy, "light", light, 300, 1_000, 2);
        messages("light", light, "heavy", heavy, 5, 1_000, 2);
        assertThat(count("SELECT bytes FROM chat_usage WHERE sender_id = " + heavy)).isEqualTo(300_000);

        LimitSettings settings = LimitSettings.DEFAULT.withChat(Duration.ofDays(30), 100_000);
        LimitHousekeeping housekeeping = new LimitHousekeeping(db.pool(), new SharedLimiter(db.pool(), settings));
        LimitHousekeeping.Report report = housekeeping.runOnce();

        assertThat(report.expiredChat()).isEqualTo(2_500);
        assertThat(count("SELECT count(*) FROM chat_messages WHERE sender_id = " + old)).isEqualTo(10);
        assertThat(count("SELECT (min(sent_at) > now() - interval '30 days')::int FROM chat_messages WHERE sender_id = " + old))
                .isEqualTo(1);
        assertThat(report.overQuotaChat()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM chat_messages WHERE sender_id = " + heavy)).isEqualTo(100);
        assertThat(count("SELECT bytes FROM chat_usage WHERE sender_id = " + heavy)).isEqualTo(100_000);
        // the newest are kept: the oldest 200 went
        assertThat(count("SELECT count(*) FROM chat_messages WHERE sender_id = " + heavy
                + " AND sent_at < (SELECT min(sent_at) + interval '200 seconds' FROM chat_messages WHERE sender_id = "
                + heavy + ")")).isEqualTo(100);
        assertThat(count("SELECT count(*) FROM chat_messages WHERE sender_id = " + light)).as("within quota").isEqualTo(5);

        assertThat(housekeeping.runOnce()).isEqualTo(new LimitHousekeeping.Report(0, 0, 0, 0));
    }

    @Test
    void removingAnAccountRemovesItsUsageWithItsMessages() throws Exception {
        long gone = user("leaver");
        long peer = user("stayer");
        messages("leaver", gone, "stayer", peer, 3, 100, 1);
        try (Connection c = db.pool().getConnection(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM users WHERE id = " + gone);
        }
        assertThat(count("SELECT count(*) FROM chat_usage WHERE sender_id = " + gone)).isZero();
    }
}
