-- The transactional outbox (see io.xaostech.platform.events.Outbox): events that must not be lost, such as
-- UserDeleted, are written here with the change and relayed to Redis Streams.
CREATE TABLE outbox (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream       varchar(100) NOT NULL,
    type         varchar(100) NOT NULL,
    envelope     text         NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    published_at timestamptz
);

CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
