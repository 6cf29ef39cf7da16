package com.waltalk.relay.accounts;

import com.waltalk.testing.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code waltalk_directory} publication streams users' id, name and creation time (inserts,
 * updates and deletes) and never the password hash. Checked on the catalog and on the actual
 * {@code pgoutput} messages of a logical slot.
 */
class DirectoryPublicationIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void thePublicationListsOnlyIdNameAndCreationTimeAndPublishesDeletes() throws Exception {
        try (Connection c = db.pool().getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT tablename, attnames FROM pg_publication_tables"
                    + " WHERE pubname = 'waltalk_directory'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("users");
                Array cols = rs.getArray(2);
                assertThat((String[]) cols.getArray()).containsExactly("id", "name", "created_at");
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = st.executeQuery("SELECT pubinsert, pubupdate, pubdelete, pubtruncate FROM pg_publication"
                    + " WHERE pubname = 'waltalk_directory'")) {
                assertThat(rs.next()).isTrue();
                assertThat(List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)))
                        .containsExactly(true, true, true, false);
            }
        }
    }

    @Test
    void aSlotSeesInsertUpdateAndDeleteWithoutThePasswordHash() throws Exception {
        AccountStore store = new AccountStore(db.pool());
        String hash = "$2a$04$SECRETSECRETSECRETSECRE.HASHHASHHASHHASHHASHHASHHASHHA";
        try (Connection slotConnection = db.endpoint().open("directory-test")) {
            try (Statement st = slotConnection.createStatement()) {
                st.execute("SELECT pg_create_logical_replication_slot('directory_test', 'pgoutput', true)");
            }
            Account wes = store.create("Wes", hash);
            try (Connection c = db.pool().getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?")) {
                ps.setString(1, hash + "2");
                ps.setLong(2, wes.id());
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            assertThat(store.remove("wes")).isTrue();

            List<byte[]> messages = new ArrayList<>();
            try (Statement st = slotConnection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT data FROM pg_logical_slot_peek_binary_changes('directory_test',"
                         + " NULL, NULL, 'proto_version', '1', 'publication_names', 'waltalk_directory', 'binary', 'true')")) {
                while (rs.next()) {
                    messages.add(rs.getBytes(1));
                }
            }

            List<String> kinds = new ArrayList<>();
            for (byte[] m : messages) {
                ByteBuffer b = ByteBuffer.wrap(m);
                char kind = (char) b.get();
                assertThat(new String(m, StandardCharsets.ISO_8859_1)).doesNotContain("SECRET");
                switch (kind) {
                    case 'R' -> {
                        b.getInt();
                        assertThat(cString(b)).isEqualTo("public");
                        assertThat(cString(b)).isEqualTo("users");
                        assertThat((char) b.get()).as("replica identity: default (primary key)").isEqualTo('d');
                        List<String> columns = new ArrayList<>();
                        for (int i = b.getShort(); i > 0; i--) {
                            b.get();
                            columns.add(cString(b));
                            b.getInt();
                            b.getInt();
                        }
                        assertThat(columns).containsExactly("id", "name", "created_at");
                        kinds.add("R");
                    }
                    case 'I' -> {
                        b.getInt();
                        assertThat((char) b.get()).isEqualTo('N');
                        List<byte[]> tuple = tuple(b);
                        assertThat(tuple).hasSize(3);
                        assertThat(ByteBuffer.wrap(tuple.get(0)).getLong()).isEqualTo(wes.id());
                        assertThat(new String(tuple.get(1), StandardCharsets.UTF_8)).isEqualTo("Wes");
                        kinds.add("I");
                    }
                    case 'U' -> {
                        b.getInt();
                        assertThat((char) b.get()).as("no old tuple: the key did not change").isEqualTo('N');
                        assertThat(tuple(b)).hasSize(3);
                        kinds.add("U");
                    }
                    case 'D' -> {
                        b.getInt();
                        assertThat((char) b.get()).as("old key").isEqualTo('K');
                        List<byte[]> key = tuple(b);
                        assertThat(key).hasSize(3);
                        assertThat(ByteBuffer.wrap(key.get(0)).getLong()).isEqualTo(wes.id());
                        kinds.add("D");
                    }
                    default -> {
                        // Begin, Commit and others carry no row data
                    }
                }
            }
            assertThat(kinds).containsExactly("R", "I", "U", "D");
        }
    }

    private static String cString(ByteBuffer b) {
        int start = b.position();
        while (b.get() != 0) {
            // scan to the terminator
        }
        return new String(b.array(), start, b.position() - start - 1, StandardCharsets.UTF_8);
    }

    /** A pgoutput TupleData; null and unchanged columns as null entries. */
    private static List<byte[]> tuple(ByteBuffer b) {
        List<byte[]> values = new ArrayList<>();
        for (int i = b.getShort(); i > 0; i--) {
            char kind = (char) b.get();
            if (kind == 't' || kind == 'b') {
                byte[] v = new byte[b.getInt()];
                b.get(v);
                values.add(v);
            } else {
                values.add(null);
            }
        }
        return values;
    }
}
