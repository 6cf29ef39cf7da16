-- Media tables become rings of one-second partitions, so expiring media is a TRUNCATE of a partition
-- whose second is over, instead of per-row DELETEs. Per-row DELETEs doubled the WAL every relay's
-- walsender must decode (a DELETE record per row and per TOAST chunk) and measurably raised latency
-- under load (docs/BENCHMARKS.md, finding 4; docs/DECISIONS.md, D19).
--
-- A row's partition is its insertion second modulo 16 (the `bucket` default, evaluated by the server,
-- so every relay agrees). The TTL cleaner truncates a partition once its latest second is older than
-- the TTL and before the ring comes back to it 16 s later; TTLs too long for that fall back to DELETE.
-- MediaPartitions (relay.ingest) holds the same two numbers.
--
-- Media rows are transient by design (they live a few seconds), so the old tables are simply replaced.
-- Without a primary key: nothing reads these rows by key and the publication is INSERT-only, so an
-- index would only cost time on every insert.

DROP TABLE video_frames;
DROP TABLE audio_frames;

CREATE TABLE video_frames (
    sender      text        NOT NULL,
    recipient   text        NOT NULL,
    call_id     bigint      NOT NULL,
    seq         bigint      NOT NULL,
    capture_us  bigint      NOT NULL,
    width       smallint    NOT NULL,
    height      smallint    NOT NULL,
    payload     bytea       NOT NULL,
    inserted_at timestamptz NOT NULL DEFAULT now(),
    bucket      smallint    NOT NULL DEFAULT (floor(extract(epoch FROM now()))::bigint % 16)
) PARTITION BY LIST (bucket);

CREATE TABLE audio_frames (
    sender      text        NOT NULL,
    recipient   text        NOT NULL,
    call_id     bigint      NOT NULL,
    seq         bigint      NOT NULL,
    capture_us  bigint      NOT NULL,
    sample_rate integer     NOT NULL,
    channels    smallint    NOT NULL,
    payload     bytea       NOT NULL,
    inserted_at timestamptz NOT NULL DEFAULT now(),
    bucket      smallint    NOT NULL DEFAULT (floor(extract(epoch FROM now()))::bigint % 16)
) PARTITION BY LIST (bucket);

-- JPEG and PCM do not compress: skip pglz and store out of line directly (partitions inherit it).
ALTER TABLE video_frames ALTER COLUMN payload SET STORAGE EXTERNAL;
ALTER TABLE audio_frames ALTER COLUMN payload SET STORAGE EXTERNAL;

-- Truncation leaves no dead tuples and resets relfrozenxid, so autovacuum has nothing to do here.
CREATE TABLE video_frames_00 PARTITION OF video_frames FOR VALUES IN (0)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE video_frames_01 PARTITION OF video_frames FOR VALUES IN (1)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE video_frames_02 PARTITION OF video_frames FOR VALUES IN (2)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE video_frames_03 PARTITION OF video_frames FOR VALUES IN (3)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE video_frames_04 PARTITION OF video_frames FOR VALUES IN (4)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE video_frames_05 PARTITION OF video_frames FOR VALUES IN (5)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE video_frames_06 PARTITION OF video_frames FOR VALUES IN (6)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE video_frames_07 PARTITION OF video_frames FOR VALUES IN (7)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE video_frames_08 PARTITION OF video_frames FOR VALUES IN (8)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE video_frames_09 PARTITION OF video_frames FOR VALUES IN (9)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE video_frames_10 PARTITION OF video_frames FOR VALUES IN (10)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE video_frames_11 PARTITION OF video_frames FOR VALUES IN (11)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE video_frames_12 PARTITION OF video_frames FOR VALUES IN (12)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE video_frames_13 PARTITION OF video_frames FOR VALUES IN (13)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE video_frames_14 PARTITION OF video_frames FOR VALUES IN (14)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE video_frames_15 PARTITION OF video_frames FOR VALUES IN (15)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE audio_frames_00 PARTITION OF audio_frames FOR VALUES IN (0)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE audio_frames_01 PARTITION OF audio_frames FOR VALUES IN (1)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE audio_frames_02 PARTITION OF audio_frames FOR VALUES IN (2)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE audio_frames_03 PARTITION OF audio_frames FOR VALUES IN (3)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE audio_frames_04 PARTITION OF audio_frames FOR VALUES IN (4)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE audio_frames_05 PARTITION OF audio_frames FOR VALUES IN (5)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE audio_frames_06 PARTITION OF audio_frames FOR VALUES IN (6)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE audio_frames_07 PARTITION OF audio_frames FOR VALUES IN (7)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE audio_frames_08 PARTITION OF audio_frames FOR VALUES IN (8)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE audio_frames_09 PARTITION OF audio_frames FOR VALUES IN (9)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE audio_frames_10 PARTITION OF audio_frames FOR VALUES IN (10)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE audio_frames_11 PARTITION OF audio_frames FOR VALUES IN (11)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE audio_frames_12 PARTITION OF audio_frames FOR VALUES IN (12)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE audio_frames_13 PARTITION OF audio_frames FOR VALUES IN (13)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE audio_frames_14 PARTITION OF audio_frames FOR VALUES IN (14)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE audio_frames_15 PARTITION OF audio_frames FOR VALUES IN (15)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);

-- Changes of the partitions are published as changes of video_frames / audio_frames.
ALTER PUBLICATION waltalk_media ADD TABLE video_frames, audio_frames;
ALTER PUBLICATION waltalk_media SET (publish = 'insert', publish_via_partition_root = true);
