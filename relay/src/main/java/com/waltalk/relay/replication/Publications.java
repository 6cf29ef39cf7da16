package com.waltalk.relay.replication;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the publications the relay streams exist. The migrations create them; this repairs a
 * database where someone dropped one, instead of failing later with an obscure walsender error.
 * Stateless apart from its data source.
 */
public final class Publications {

    private static final Logger log = LoggerFactory.getLogger(Publications.class);

    /** Media is published for INSERT only (see docs/DECISIONS.md, D4). */
    public static final String MEDIA = "waltalk_media";
    /** The user directory, without password hashes (a column list). */
    public static final String DIRECTORY = "waltalk_directory";
    /** Presence, calls, chat and contacts. */
    public static final String STATE = "waltalk_state";
    /** Everything a relay streams. */
    public static final List<String> ALL = List.of(MEDIA, DIRECTORY, STATE);

    /** Same definitions as the migrations (V1–V4). */
    private static final Map<String, String> DEFINITIONS = new LinkedHashMap<>();

    static {
        DEFINITIONS.put(MEDIA, "CREATE PUBLICATION " + MEDIA
                + " FOR TABLE video_frames, audio_frames WITH (publish = 'insert', publish_via_partition_root = true)");
        DEFINITIONS.put(DIRECTORY, "CREATE PUBLICATION " + DIRECTORY
                + " FOR TABLE users (id, name, created_at) WITH (publish = 'insert, update, delete')");
        DEFINITIONS.put(STATE, "CREATE PUBLICATION " + STATE
                + " FOR TABLE presence, calls, chat_messages, contacts WITH (publish = 'insert, update, delete')");
    }

    private final DataSource dataSource;

    public Publications(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Recreates any missing publication; returns true if one was missing. A slot positioned before a
     * publication was recreated cannot decode the WAL in between, so the caller recreates the slot then.
     */
    public boolean ensure() throws SQLException {
        boolean repaired = false;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            for (Map.Entry<String, String> p : DEFINITIONS.entrySet()) {
                ps.setString(1, p.getKey());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
                log.warn("publication {} was missing; recreating it", p.getKey());
                try (Statement st = c.createStatement()) {
                    st.execute(p.getValue());
                }
                repaired = true;
            }
        }
        return repaired;
    }
}
