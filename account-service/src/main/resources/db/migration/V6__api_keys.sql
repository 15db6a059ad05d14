-- API keys: shown once, stored as a SHA-256 of the whole key (keys are 256-bit random, so a fast hash is
-- safe), found by their public prefix.
CREATE TABLE api_keys (
    id           uuid         PRIMARY KEY,
    user_id      uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         varchar(100) NOT NULL,
    prefix       varchar(16)  NOT NULL UNIQUE,
    secret_hash  char(64)     NOT NULL,
    scopes       varchar(100) NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

CREATE INDEX api_keys_user_idx ON api_keys (user_id) WHERE revoked_at IS NULL;
