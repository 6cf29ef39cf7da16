package com.waltalk.relay.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waltalk.protocol.media.MediaKind;
import com.waltalk.relay.replication.pgoutput.PgOutputException;
import com.waltalk.relay.replication.pgoutput.Relation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The media tables' one description: the INSERTs are the ones the write path always used, and the column
 * positions are found by name in a replicated Relation whatever its column order.
 */
class MediaTableTest {

    private static final int TEXT = 25;
    private static final int INT2 = 21;
    private static final int INT4 = 23;
    private static final int INT8 = 20;
    private static final int BYTEA = 17;

    @Test
    void theInsertsNameEveryWrittenColumnInBindOrder() {
        assertThat(MediaTable.VIDEO.insertSql()).isEqualTo("INSERT INTO video_frames "
                + "(sender, recipient, call_id, seq, capture_us, width, height, payload) VALUES (?,?,?,?,?,?,?,?)");
        assertThat(MediaTable.AUDIO.insertSql()).isEqualTo("INSERT INTO audio_frames "
                + "(sender, recipient, call_id, seq, capture_us, sample_rate, channels, payload) VALUES (?,?,?,?,?,?,?,?)");
    }

    @Test
    void tablesAreFoundByKindAndByRelationName() {
        assertThat(MediaTable.of(MediaKind.VIDEO_JPEG)).isSameAs(MediaTable.VIDEO);
        assertThat(MediaTable.of(MediaKind.AUDIO_PCM16LE)).isSameAs(MediaTable.AUDIO);
        assertThat(MediaTable.forRelation("video_frames")).isSameAs(MediaTable.VIDEO);
        assertThat(MediaTable.forRelation("audio_frames")).isSameAs(MediaTable.AUDIO);
        assertThat(MediaTable.forRelation("video_frames_03")).isNull();
        assertThat(MediaTable.forRelation("calls")).isNull();
    }

    @Test
    void columnPositionsComeFromTheRelationNotFromTheInsert() throws Exception {
        // the published column order of V4's table, with the server-filled columns in between
        Relation video = relation("video_frames", List.of(col("bucket", INT2), col("sender", TEXT),
                col("recipient", TEXT), col("call_id", INT8), col("seq", INT8), col("capture_us", INT8),
                col("inserted_at", 1184), col("width", INT2), col("height", INT2), col("payload", BYTEA)));
        MediaTable.Columns c = MediaTable.VIDEO.columnsIn(video);
        assertThat(c).isEqualTo(new MediaTable.Columns(MediaTable.VIDEO, 1, 2, 3, 4, 5, 7, 8, 9));

        Relation audio = relation("audio_frames", List.of(col("payload", BYTEA), col("channels", INT2),
                col("sample_rate", INT4), col("capture_us", INT8), col("seq", INT8), col("call_id", INT8),
                col("recipient", TEXT), col("sender", TEXT)));
        assertThat(MediaTable.AUDIO.columnsIn(audio))
                .isEqualTo(new MediaTable.Columns(MediaTable.AUDIO, 7, 6, 5, 4, 3, 2, 1, 0));
    }

    @Test
    void aRelationWithoutAColumnIsRefused() {
        List<Relation.Column> columns = new ArrayList<>(List.of(col("sender", TEXT), col("recipient", TEXT),
                col("call_id", INT8), col("seq", INT8), col("capture_us", INT8), col("sample_rate", INT4),
                col("payload", BYTEA)));
        assertThatThrownBy(() -> MediaTable.AUDIO.columnsIn(relation("audio_frames", columns)))
                .isInstanceOf(PgOutputException.class).hasMessageContaining("channels");
    }

    private static Relation relation(String name, List<Relation.Column> columns) {
        return new Relation(16_384, "public", name, 'd', columns);
    }

    private static Relation.Column col(String name, int type) {
        return new Relation.Column(false, name, type, -1);
    }
}
