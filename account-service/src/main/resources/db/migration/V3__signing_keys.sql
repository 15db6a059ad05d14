-- Token signing keys, kept across restarts. A key signs from activates_at until retires_at and is published in
-- the JWKS from its creation (so the next key is known before it is used) until expires_at, when no token it
-- signed can still be valid. The private key is stored encrypted (AES-GCM, key from configuration).
CREATE TABLE signing_keys (
    kid          varchar(64)  PRIMARY KEY,
    algorithm    varchar(16)  NOT NULL,
    public_jwk   text         NOT NULL,
    private_key  text         NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    activates_at timestamptz  NOT NULL,
    retires_at   timestamptz  NOT NULL,
    expires_at   timestamptz  NOT NULL,
    CHECK (activates_at < retires_at AND retires_at <= expires_at)
);
