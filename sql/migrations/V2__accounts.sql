-- Accounts: users with bcrypt password hashes, and sign-in tokens stored only as SHA-256 hashes.

-- The pattern is also enforced by the relay (UserNames); this CHECK is the backstop for anything
-- that writes here directly. Names are ASCII, so lower() below does not depend on the collation.
CREATE TABLE users (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text        NOT NULL CONSTRAINT users_name_format CHECK (name ~ '^[A-Za-z0-9_.-]{1,32}$'),
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- "Alice" and "alice" are the same user; the spelling given at registration is what others see.
CREATE UNIQUE INDEX users_name_lower_key ON users (lower(name));

-- A leaked table must not hand out sessions: only SHA-256 of each token is kept.
CREATE TABLE auth_tokens (
    token_hash   bytea       PRIMARY KEY CONSTRAINT auth_tokens_hash_length CHECK (octet_length(token_hash) = 32),
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    last_used_at timestamptz
);

CREATE INDEX auth_tokens_user_id_idx ON auth_tokens (user_id);

-- The user directory is kept live on every relay from this publication. The column list keeps
-- password hashes out of the replication stream (and out of every relay's memory). UPDATE and
-- DELETE need the replica identity inside the column list: the default identity is the primary
-- key, and id is listed. Column lists need PostgreSQL 15 or newer.
CREATE PUBLICATION waltalk_directory FOR TABLE users (id, name, created_at)
    WITH (publish = 'insert, update, delete');
