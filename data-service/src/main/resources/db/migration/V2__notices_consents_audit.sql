-- Purposes get a description and whether the Global Privacy Control signal withdraws them (sale and sharing).
ALTER TABLE purposes ADD COLUMN description varchar(2000) NOT NULL DEFAULT '';
ALTER TABLE purposes ADD COLUMN gpc_opt_out boolean NOT NULL DEFAULT false;

-- Every notice text a purpose ever had, as shown: a new version means earlier consents need re-consent.
CREATE TABLE notices (
    purpose_code varchar(64)  NOT NULL REFERENCES purposes (code),
    version      integer      NOT NULL CHECK (version > 0),
    text         text         NOT NULL,
    text_sha256  char(64)     NOT NULL,
    published_at timestamptz  NOT NULL DEFAULT now(),
    published_by uuid,
    PRIMARY KEY (purpose_code, version)
);

-- The consent log, append-only: the current state of a subject is its newest record per purpose.
CREATE TABLE consent_records (
    id             uuid        PRIMARY KEY,
    subject_kind   varchar(8)  NOT NULL CHECK (subject_kind IN ('USER', 'VISITOR')),
    subject_id     varchar(64) NOT NULL,
    purpose_code   varchar(64) NOT NULL REFERENCES purposes (code),
    decision       varchar(10) NOT NULL CHECK (decision IN ('GRANTED', 'DENIED', 'WITHDRAWN')),
    notice_version integer     NOT NULL,
    notice_sha256  char(64)    NOT NULL,
    method         varchar(10) NOT NULL CHECK (method IN ('BANNER', 'SETTINGS', 'API', 'GPC')),
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    ip_truncated   varchar(45),
    user_agent     varchar(300),
    FOREIGN KEY (purpose_code, notice_version) REFERENCES notices (purpose_code, version)
);
CREATE INDEX consent_records_subject_idx ON consent_records (subject_kind, subject_id, purpose_code, recorded_at DESC);

-- Nothing in the log is ever deleted or decided again; only an erasure may replace who it was about.
CREATE FUNCTION consent_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'consent records are append-only';
    END IF;
    IF (NEW.id, NEW.purpose_code, NEW.decision, NEW.notice_version, NEW.notice_sha256, NEW.method, NEW.recorded_at)
       IS DISTINCT FROM
       (OLD.id, OLD.purpose_code, OLD.decision, OLD.notice_version, OLD.notice_sha256, OLD.method, OLD.recorded_at) THEN
        RAISE EXCEPTION 'consent records are append-only: only the subject may be anonymised';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER consent_records_append_only BEFORE UPDATE OR DELETE ON consent_records
    FOR EACH ROW EXECUTE FUNCTION consent_records_append_only();

-- The audit log: append-only and hash-chained (each row's hash covers its content and the previous row's hash).
CREATE TABLE audit_log (
    seq       bigint       PRIMARY KEY,
    at_micros bigint       NOT NULL,
    actor     varchar(64)  NOT NULL,
    action    varchar(64)  NOT NULL,
    subject   varchar(128) NOT NULL,
    details   text         NOT NULL,
    prev_hash char(64)     NOT NULL,
    hash      char(64)     NOT NULL
);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- The keys consent receipts are signed with (the newest signs; all stay published to verify old receipts).
CREATE TABLE receipt_keys (
    kid         varchar(64) PRIMARY KEY,
    private_key text        NOT NULL,
    public_jwk  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The platform's purposes, each with its first notice.
INSERT INTO purposes (code, name, essential, description, gpc_opt_out) VALUES
    ('essential', 'Essential', true, 'What the site needs to work: signing in, security, remembering these choices.', false),
    ('analytics', 'Analytics', false, 'Counting visits and how pages are used, to improve them.', false),
    ('marketing', 'Marketing', false, 'News about XAOSTECH products by e-mail and on the site.', false),
    ('sale-sharing', 'Sale and sharing', false, 'Sharing data with partners for their advertising.', true)
ON CONFLICT (code) DO NOTHING;
INSERT INTO notices (purpose_code, version, text, text_sha256)
SELECT code, 1, description, encode(sha256(convert_to(description, 'UTF8')), 'hex') FROM purposes
ON CONFLICT DO NOTHING;
