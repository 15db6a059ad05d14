-- Second factors. A TOTP seed (RFC 6238) encrypted like signing keys; enabled once the user proved they hold it;
-- the last time step used, so a code works once. Recovery codes stored as SHA-256, each usable once.
CREATE TABLE user_totp (
    user_id        uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret         text        NOT NULL,
    enabled_at     timestamptz,
    last_used_step bigint      NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_recovery_codes (
    user_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash char(64)    NOT NULL,
    used_at   timestamptz,
    PRIMARY KEY (user_id, code_hash)
);
