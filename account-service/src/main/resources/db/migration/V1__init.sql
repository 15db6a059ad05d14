-- account schema, created by Flyway (spring.flyway.schemas); names below resolve into it.
CREATE TABLE users (
    id             uuid PRIMARY KEY,
    email          varchar(320) NOT NULL,
    email_verified boolean      NOT NULL DEFAULT false,
    display_name   varchar(100) NOT NULL,
    password_hash  varchar(255),
    status         varchar(16)  NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED', 'DELETED')),
    created_at     timestamptz  NOT NULL DEFAULT now(),
    updated_at     timestamptz  NOT NULL DEFAULT now(),
    version        integer      NOT NULL DEFAULT 0
);

-- Email addresses are unique regardless of case.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
