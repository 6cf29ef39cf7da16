-- Abuse limits shared by every relay on this database (issue 12, docs/DECISIONS.md D37).

-- 1. Rate limits: one row per bucket, keyed by a string such as 'chat.sender:42' or
--    'signin.pair:alice|203.0.113.7' (com.waltalk.relay.limits.Limit names every key shape).
--    Each row is a GCRA bucket: 'tat' (theoretical arrival time) is when the bucket will be full
--    again; a request is allowed while tat - now() <= (capacity - 1) * interval, and moves tat on by
--    one interval. A bucket whose tat has passed is full, i.e. the same as no row: housekeeping
--    deletes those, so the table holds only buckets in use.
--    UNLOGGED: a check writes no WAL (it runs on every chat message and ring) and never enters a
--    replication stream; after a crash of PostgreSQL the table is empty, which only forgives
--    whoever was being limited at that moment.
--    fillfactor: room on each page for HOT updates (there is no index but the primary key, and tat
--    is not in it).
CREATE UNLOGGED TABLE rate_limits (
    key text        PRIMARY KEY,
    tat timestamptz NOT NULL
) WITH (fillfactor = 70);

-- 2. Invite codes (`relay invite create|list|revoke`; registration mode 'invite'). Only the
--    SHA-256 of a code is stored, as with session tokens: whoever reads the table cannot register.
--    A code is consumed in the transaction that inserts the account, so a code with one use left
--    admits exactly one of two concurrent registrations.
CREATE TABLE invites (
    id          bigserial   PRIMARY KEY,
    code_hash   bytea       NOT NULL UNIQUE,
    uses_left   integer     NOT NULL CONSTRAINT invites_uses_left CHECK (uses_left >= 0),
    uses        integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz
);

-- 3. Where each account last signed in successfully from (per source address, IPv6 by /64): a
--    known address is exempt from the account-wide ceiling on failed sign-ins, so an attack spread
--    over many addresses slows down guessing for the name without locking the owner out.
--    Forgotten after 90 days of not being used (housekeeping).
CREATE TABLE sign_in_addresses (
    account_id   bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    address      text        NOT NULL,
    last_success timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, address)
);

-- 4. Chat storage per sender, for the per-account quota: kept by a trigger so housekeeping finds
--    the senders over quota without summing the whole chat table. Bytes are the UTF-8 size of the
--    bodies (what the quota counts; row overhead and indexes are not counted). A sender over quota
--    loses its oldest messages first (housekeeping, in batches, through chat_by_sender).
--    Retention deletes by age through chat_by_sent_at (V5). chat_messages keeps the default
--    replica identity (its primary key), so each delete puts only an id into every relay's stream.
CREATE TABLE chat_usage (
    sender_id bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    bytes     bigint NOT NULL
);

INSERT INTO chat_usage (sender_id, bytes)
    SELECT sender_id, sum(octet_length(body)) FROM chat_messages GROUP BY sender_id;

CREATE FUNCTION waltalk_count_chat_usage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO chat_usage (sender_id, bytes) VALUES (NEW.sender_id, octet_length(NEW.body))
            ON CONFLICT (sender_id) DO UPDATE SET bytes = chat_usage.bytes + EXCLUDED.bytes;
        RETURN NEW;
    END IF;
    -- a delete cascading from the sender's removal finds the usage row already gone: nothing to do
    UPDATE chat_usage SET bytes = bytes - octet_length(OLD.body) WHERE sender_id = OLD.sender_id;
    RETURN OLD;
END
$$;

CREATE TRIGGER chat_messages_usage AFTER INSERT OR DELETE ON chat_messages
    FOR EACH ROW EXECUTE FUNCTION waltalk_count_chat_usage();

-- 5. The check, one round trip for several buckets at once (a chat message checks its sender's and
--    its recipient's; a sign-in up to three): all or nothing. If every bucket has a token, one is
--    taken from each; if any is empty, none is taken (a sign-in refused for the guesser's own
--    address must not use up the name's account-wide allowance). Returns, per key, 0 if it had a
--    token, else the microseconds until it has one again.
--    Rows are locked in key order (FOR UPDATE, ORDER BY key), so two calls never wait for each
--    other's rows in opposite orders. A missing row is a full bucket: it is created full first
--    (tat = now()), so that concurrent first checks of a key serialise on its row.
CREATE FUNCTION waltalk_rate_limit(keys text[], intervals_us bigint[], tolerances_us bigint[])
    RETURNS bigint[] LANGUAGE plpgsql AS $$
DECLARE
    n integer := coalesce(array_length(keys, 1), 0);
    result bigint[] := array_fill(0::bigint, ARRAY[n]);
    tats timestamptz[] := array_fill(now(), ARRAY[n]);
    refused boolean := false;
    r record;
    i integer;
BEGIN
    INSERT INTO rate_limits (key, tat) SELECT DISTINCT k, now() FROM unnest(keys) k
        ON CONFLICT (key) DO NOTHING;
    FOR r IN SELECT b.key, b.tat FROM rate_limits b WHERE b.key = ANY (keys) ORDER BY b.key FOR UPDATE LOOP
        FOR i IN 1 .. n LOOP
            IF keys[i] = r.key THEN
                tats[i] := greatest(r.tat, now());
                IF tats[i] > now() + tolerances_us[i] * interval '1 microsecond' THEN
                    result[i] := greatest(1, ceil(extract(epoch FROM
                        (tats[i] - now() - tolerances_us[i] * interval '1 microsecond')) * 1000000))::bigint;
                    refused := true;
                END IF;
            END IF;
        END LOOP;
    END LOOP;
    IF NOT refused THEN
        FOR i IN 1 .. n LOOP
            UPDATE rate_limits SET tat = tats[i] + intervals_us[i] * interval '1 microsecond' WHERE key = keys[i];
        END LOOP;
    END IF;
    RETURN result;
END
$$;
