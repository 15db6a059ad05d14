-- Sign-in identities at other providers (GitHub, Google) linked to a user. An identity is linked only when it
-- creates a new account or when the user proves the existing account first; never by matching email.
CREATE TABLE user_identities (
    provider   varchar(32)  NOT NULL,
    subject    varchar(255) NOT NULL,
    user_id    uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    linked_at  timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, subject)
);

CREATE INDEX user_identities_user_idx ON user_identities (user_id);
