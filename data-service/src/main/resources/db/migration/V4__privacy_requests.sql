-- Privacy requests (export or erasure of one person's data) and their steps, one per data-owning service.
CREATE TABLE privacy_requests (
    id           uuid          PRIMARY KEY,
    user_id      uuid          NOT NULL,
    kind         varchar(8)    NOT NULL CHECK (kind IN ('EXPORT', 'ERASURE')),
    status       varchar(12)   NOT NULL CHECK (status IN ('IN_PROGRESS', 'COMPLETED')),
    filed_by     uuid          NOT NULL,
    note         varchar(1000),
    filed_at     timestamptz   NOT NULL DEFAULT now(),
    due_at       timestamptz   NOT NULL,
    completed_at timestamptz,
    export_key   varchar(200)
);
-- One running request of a kind per person.
CREATE UNIQUE INDEX privacy_requests_running_idx ON privacy_requests (user_id, kind) WHERE status = 'IN_PROGRESS';
CREATE INDEX privacy_requests_user_idx ON privacy_requests (user_id, filed_at DESC);

CREATE TABLE privacy_request_steps (
    request_id      uuid         NOT NULL REFERENCES privacy_requests (id),
    service         varchar(32)  NOT NULL,
    status          varchar(8)   NOT NULL CHECK (status IN ('PENDING', 'DONE')),
    attempts        integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz  NOT NULL DEFAULT now(),
    last_error      varchar(500),
    outcome         text,
    done_at         timestamptz,
    PRIMARY KEY (request_id, service)
);
CREATE INDEX privacy_request_steps_due_idx ON privacy_request_steps (next_attempt_at) WHERE status = 'PENDING';
