-- Accounts are identities, not names (issue 12, docs/DECISIONS.md D36).
--
-- Until now calls and chat referred to their parties by name only, so a name an operator removed
-- and someone else registered inherited the old account's history and everything old contacts sent
-- to it. Now every call, chat message and contact refers to the account's immutable id and lives
-- only as long as both accounts: removing an account removes its history (ON DELETE CASCADE) and
-- its contacts. The name columns of calls and chat stay as the immutable label of that id (names
-- are never changed; the stream and the clients speak names), but nothing is found by them any more.

-- 1. Calls and chat get the parties' ids. Rows whose party no longer exists belonged to removed
--    accounts: they are removed now, as a removal does from now on.
ALTER TABLE calls ADD COLUMN caller_id bigint, ADD COLUMN callee_id bigint;
UPDATE calls c SET caller_id = u.id FROM users u WHERE lower(u.name) = lower(c.caller);
UPDATE calls c SET callee_id = u.id FROM users u WHERE lower(u.name) = lower(c.callee);
DELETE FROM calls WHERE caller_id IS NULL OR callee_id IS NULL;
-- A call to someone who blocked (or removed) the caller: missed at once, shown only to the caller.
ALTER TABLE calls ADD COLUMN withheld boolean NOT NULL DEFAULT false;
ALTER TABLE calls
    ALTER COLUMN caller_id SET NOT NULL,
    ALTER COLUMN callee_id SET NOT NULL,
    ADD CONSTRAINT calls_caller_fk FOREIGN KEY (caller_id) REFERENCES users (id) ON DELETE CASCADE,
    ADD CONSTRAINT calls_callee_fk FOREIGN KEY (callee_id) REFERENCES users (id) ON DELETE CASCADE;
DROP INDEX calls_by_caller;
DROP INDEX calls_by_callee;
CREATE INDEX calls_by_caller ON calls (caller_id, id DESC);
CREATE INDEX calls_by_callee ON calls (callee_id, id DESC);

ALTER TABLE chat_messages ADD COLUMN sender_id bigint, ADD COLUMN recipient_id bigint,
    -- A message to someone who blocked (or removed) the sender: stored and shown to the sender as
    -- sent, never delivered to the recipient (a block is silent).
    ADD COLUMN withheld boolean NOT NULL DEFAULT false;
UPDATE chat_messages m SET sender_id = u.id FROM users u WHERE lower(u.name) = lower(m.sender);
UPDATE chat_messages m SET recipient_id = u.id FROM users u WHERE lower(u.name) = lower(m.recipient);
DELETE FROM chat_messages WHERE sender_id IS NULL OR recipient_id IS NULL;
ALTER TABLE chat_messages
    ALTER COLUMN sender_id SET NOT NULL,
    ALTER COLUMN recipient_id SET NOT NULL,
    ADD CONSTRAINT chat_sender_fk FOREIGN KEY (sender_id) REFERENCES users (id) ON DELETE CASCADE,
    ADD CONSTRAINT chat_recipient_fk FOREIGN KEY (recipient_id) REFERENCES users (id) ON DELETE CASCADE;
DROP INDEX chat_by_sender;
DROP INDEX chat_by_recipient;
DROP INDEX chat_idempotency;
CREATE INDEX chat_by_sender ON chat_messages (sender_id, id DESC);
CREATE INDEX chat_by_recipient ON chat_messages (recipient_id, id DESC);
CREATE UNIQUE INDEX chat_idempotency ON chat_messages (sender_id, client_msg_id) WHERE client_msg_id IS NOT NULL;
-- Retention deletes by age.
CREATE INDEX chat_by_sent_at ON chat_messages (sent_at);

-- 2. A removed name is quarantined: it cannot be registered again for a while (a relay setting,
--    default 30 days), so nobody can pose as the person old contacts knew by it. A trigger, so that
--    a removal by hand in SQL counts too.
CREATE TABLE removed_names (
    name_lower text        PRIMARY KEY,
    removed_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION waltalk_quarantine_removed_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO removed_names (name_lower) VALUES (lower(OLD.name))
        ON CONFLICT (name_lower) DO UPDATE SET removed_at = now();
    RETURN OLD;
END
$$;

CREATE TRIGGER users_quarantine_name AFTER DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION waltalk_quarantine_removed_name();

-- 3. Contacts, one row per direction: what the owner has done about the peer.
--    requested: the owner asked the peer to become contacts (the peer sees an incoming request)
--    accepted:  the owner accepts the peer as a contact
--    blocked:   the owner blocks the peer (silently: the peer is not told)
-- Two people are contacts, see each other's presence and may ring and chat, only while both rows
-- are 'accepted'.
CREATE TABLE contacts (
    owner_id   bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    peer_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    state      text        NOT NULL CONSTRAINT contacts_state CHECK (state IN ('requested', 'accepted', 'blocked')),
    changed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner_id, peer_id),
    CONSTRAINT contacts_not_self CHECK (owner_id <> peer_id)
);
CREATE INDEX contacts_by_peer ON contacts (peer_id);

ALTER PUBLICATION waltalk_state ADD TABLE contacts;
