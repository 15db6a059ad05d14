-- An attempt owns its step through a claim token: a late finisher whose lease ran out changes nothing.
ALTER TABLE privacy_request_steps ADD COLUMN claim uuid;

-- Anonymising is the only change allowed to a consent record: to a pseudonym, without address or browser.
CREATE OR REPLACE FUNCTION consent_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'consent records are append-only';
    END IF;
    IF (NEW.id, NEW.subject_kind, NEW.purpose_code, NEW.decision, NEW.notice_version, NEW.notice_sha256, NEW.method,
        NEW.recorded_at, NEW.linked_from)
       IS DISTINCT FROM
       (OLD.id, OLD.subject_kind, OLD.purpose_code, OLD.decision, OLD.notice_version, OLD.notice_sha256, OLD.method,
        OLD.recorded_at, OLD.linked_from)
       OR NEW.subject_id NOT LIKE 'erased-%' OR NEW.ip_truncated IS NOT NULL OR NEW.user_agent IS NOT NULL THEN
        RAISE EXCEPTION 'consent records are append-only: they can only be anonymised';
    END IF;
    RETURN NEW;
END $$;
