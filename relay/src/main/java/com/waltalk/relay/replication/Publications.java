package com.waltalk.relay.replication;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the publications the relay streams exist. Migration V1 creates them; this repairs a
 * database where someone dropped one, instead of failing later with an obscure walsender error.
 * Stateless apart from its data source.
 */
public final class Publications {

    private static final Logger log = LoggerFactory.getLogger(Publications.class);

    /** Media is published for INSERT only (see docs/DECISIONS.md, D4). */
    public static final String MEDIA = "waltalk_media";
    static final String CREATE_MEDIA =
            "CREATE PUBLICATION " + MEDIA + " FOR TABLE video_frames, audio_frames WITH (publish = 'insert')";

    private final DataSource dataSource;

    public Publications(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void ensure() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            ps.setString(1, MEDIA);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            log.warn("publication {} was missing; recreating it", MEDIA);
            try (Statement st = c.createStatement()) {
                st.execute(CREATE_MEDIA);
            }
        }
    }
}
