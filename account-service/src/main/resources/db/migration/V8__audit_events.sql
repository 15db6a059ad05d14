-- Append-only security audit trail: who did what to whom, when, from where. Never updated or deleted by the
-- service (a trigger refuses both), so an entry once written stays as written.
CREATE TABLE audit_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz  NOT NULL DEFAULT now(),
    type        varchar(64)  NOT NULL,
    actor       varchar(100),
    subject     varchar(100),
    client_ip   varchar(45),
    request_id  varchar(128),
    details     varchar(2000)
);

CREATE INDEX audit_events_subject_idx ON audit_events (subject, occurred_at DESC);
CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at DESC);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END;
$$;

CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
