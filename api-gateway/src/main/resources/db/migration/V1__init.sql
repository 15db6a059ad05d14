-- api schema: the gateway's request log (seed: api-db "API logs").
CREATE TABLE request_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id  varchar(128) NOT NULL,
    method      varchar(16)  NOT NULL,
    path        varchar(2048) NOT NULL,
    route_id    varchar(64),
    status      smallint     NOT NULL,
    duration_ms integer      NOT NULL CHECK (duration_ms >= 0),
    principal   varchar(255),
    client_ip   varchar(45),
    received_at timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX request_log_received_at_idx ON request_log (received_at);
