-- A user's record copied from their visitor id when they signed in names the visitor record it came from.
ALTER TABLE consent_records ADD COLUMN linked_from uuid REFERENCES consent_records (id);

CREATE OR REPLACE FUNCTION consent_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'consent records are append-only';
    END IF;
    IF (NEW.id, NEW.purpose_code, NEW.decision, NEW.notice_version, NEW.notice_sha256, NEW.method, NEW.recorded_at,
        NEW.linked_from)
       IS DISTINCT FROM
       (OLD.id, OLD.purpose_code, OLD.decision, OLD.notice_version, OLD.notice_sha256, OLD.method, OLD.recorded_at,
        OLD.linked_from) THEN
        RAISE EXCEPTION 'consent records are append-only: only the subject may be anonymised';
    END IF;
    RETURN NEW;
END $$;
