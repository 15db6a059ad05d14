-- One-time tokens mailed to prove an address (verification) — stored as SHA-256, single use, short-lived.
CREATE TABLE email_tokens (
    token_hash char(64)    PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    varchar(16) NOT NULL CHECK (purpose IN ('VERIFY_EMAIL', 'RESET_PASSWORD')),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);

CREATE INDEX email_tokens_user_idx ON email_tokens (user_id, purpose);
