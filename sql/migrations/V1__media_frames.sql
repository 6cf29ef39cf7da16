-- Media frames: short-lived rows whose only purpose is to travel through the WAL.
-- A row is INSERTed by the relay that received the frame and delivered by every relay's
-- logical replication stream to the recipient's socket. Rows older than a few seconds are
-- deleted by the TTL cleaner; nothing else reads these tables.

CREATE TABLE video_frames (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sender      text        NOT NULL,
    recipient   text        NOT NULL,
    call_id     bigint      NOT NULL,
    seq         bigint      NOT NULL,
    capture_us  bigint      NOT NULL,
    width       smallint    NOT NULL,
    height      smallint    NOT NULL,
    payload     bytea       NOT NULL,
    inserted_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audio_frames (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sender      text        NOT NULL,
    recipient   text        NOT NULL,
    call_id     bigint      NOT NULL,
    seq         bigint      NOT NULL,
    capture_us  bigint      NOT NULL,
    sample_rate integer     NOT NULL,
    channels    smallint    NOT NULL,
    payload     bytea       NOT NULL,
    inserted_at timestamptz NOT NULL DEFAULT now()
);

-- JPEG and PCM do not compress: skip pglz and store out of line directly.
ALTER TABLE video_frames ALTER COLUMN payload SET STORAGE EXTERNAL;
ALTER TABLE audio_frames ALTER COLUMN payload SET STORAGE EXTERNAL;

-- The TTL cleaner deletes thousands of rows every 2 s; default autovacuum (20 % scale factor)
-- lets the tables swing to ~1 GB. Vacuum early and without cost delay so they stay ~200 MB.
ALTER TABLE video_frames SET (
    autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 500,
    autovacuum_vacuum_cost_delay = 0, autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 5000,
    toast.autovacuum_vacuum_scale_factor = 0, toast.autovacuum_vacuum_threshold = 5000,
    toast.autovacuum_vacuum_cost_delay = 0);
ALTER TABLE audio_frames SET (
    autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
    autovacuum_vacuum_cost_delay = 0, autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 10000,
    toast.autovacuum_vacuum_scale_factor = 0, toast.autovacuum_vacuum_threshold = 5000,
    toast.autovacuum_vacuum_cost_delay = 0);

-- No index on inserted_at: the live heap is a few seconds of small tuples (payloads are in TOAST),
-- so the cleaner's sequential scan is cheaper than maintaining an index on every insert.

-- Media is published for INSERT only: the TTL DELETEs are not news to anyone, and leaving them out
-- keeps ~5,000 delete messages per second out of every relay's stream.
CREATE PUBLICATION waltalk_media FOR TABLE video_frames, audio_frames WITH (publish = 'insert');
