-- chat schema: rooms first; members and messages follow in later migrations.
CREATE TABLE rooms (
    id         uuid PRIMARY KEY,
    kind       varchar(16)  NOT NULL CHECK (kind IN ('PUBLIC', 'PRIVATE', 'DIRECT')),
    name       varchar(100) NOT NULL,
    topic      varchar(500),
    created_by uuid         NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now(),
    last_seq   bigint       NOT NULL DEFAULT 0
);
