-- Presence, calls and chat: state that travels exactly like media — a row change in PostgreSQL,
-- delivered to every relay by its logical replication stream.

-- Relays announce themselves with a heartbeat; presence rows of a relay whose lease has run out
-- (a crashed relay) are removed by any live relay, or by the same relay when it restarts.
CREATE TABLE relays (
    relay_id     text        PRIMARY KEY,
    started_at   timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now()
);

-- One row per signed-in user: which relay and which connection holds the user's session.
-- A newer sign-in (on any relay) overwrites the row; the relay holding the older session sees the
-- change in its stream and closes that session. Deletes are conditional on session_id.
CREATE TABLE presence (
    user_name    text        PRIMARY KEY,
    relay_id     text        NOT NULL,
    session_id   uuid        NOT NULL,
    connected_at timestamptz NOT NULL DEFAULT now()
);
-- DELETEs must carry relay_id and session_id, not only the key.
ALTER TABLE presence REPLICA IDENTITY FULL;
CREATE INDEX presence_relay ON presence (relay_id);

-- Calls are never deleted: the row is the call's history (who, when, duration, outcome).
-- Names, not foreign keys: history outlives a removed account.
CREATE TABLE calls (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    caller       text        NOT NULL,
    callee       text        NOT NULL,
    state        text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    answered_at  timestamptz,
    ended_at     timestamptz,
    ended_by     text,
    caller_video boolean     NOT NULL DEFAULT true,
    caller_audio boolean     NOT NULL DEFAULT true,
    callee_video boolean     NOT NULL DEFAULT true,
    callee_audio boolean     NOT NULL DEFAULT true,
    CONSTRAINT calls_state CHECK (state IN ('ringing', 'accepted', 'ended', 'declined', 'cancelled', 'missed', 'busy')),
    CONSTRAINT calls_parties CHECK (caller <> callee)
);
CREATE INDEX calls_active ON calls (state) WHERE state IN ('ringing', 'accepted');
CREATE INDEX calls_by_caller ON calls (caller, id DESC);
CREATE INDEX calls_by_callee ON calls (callee, id DESC);

CREATE TABLE chat_messages (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sender        text        NOT NULL,
    recipient     text        NOT NULL,
    body          text        NOT NULL,
    client_msg_id text,
    sent_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chat_body_length CHECK (char_length(body) BETWEEN 1 AND 4000)
);
CREATE INDEX chat_by_sender ON chat_messages (sender, id DESC);
CREATE INDEX chat_by_recipient ON chat_messages (recipient, id DESC);
-- A client that resends after a reconnect (same client_msg_id) does not create a duplicate.
CREATE UNIQUE INDEX chat_idempotency ON chat_messages (sender, client_msg_id) WHERE client_msg_id IS NOT NULL;

CREATE PUBLICATION waltalk_state FOR TABLE presence, calls, chat_messages
    WITH (publish = 'insert, update, delete');
