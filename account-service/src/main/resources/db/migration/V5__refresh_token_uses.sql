-- Refresh tokens already exchanged (rotated away), by SHA-256 of the value, with the authorization (token
-- family) they belonged to. Presenting one again after the grace window revokes the family (RFC 9700 4.14.2).
CREATE TABLE refresh_token_uses (
    token_hash       char(64)     PRIMARY KEY,
    authorization_id varchar(100) NOT NULL,
    used_at          timestamptz  NOT NULL
);

CREATE INDEX refresh_token_uses_used_at_idx ON refresh_token_uses (used_at);
