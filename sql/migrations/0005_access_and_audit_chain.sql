-- Access hardening (issue 10): who registered a parcel or unit (hidden work stays hidden), one pending correction
-- per organisation, no result superseding itself, a tamper-evident chain over the audit log, and the role
-- onesurvey_app the hub serves requests as (no TRUNCATE, no DDL, owns nothing).

-- 1. Who registered a parcel or unit: a survey organisation through its (unreviewed) submission, or the registry.
ALTER TABLE parcel ADD COLUMN organisation text;
COMMENT ON COLUMN parcel.organisation IS 'The survey organisation whose submission registered the parcel; null when a registrar, an admin or the hub did. Until a result of it is accepted, only that organisation (and reviewers, registrars, admins) sees the parcel.';
ALTER TABLE unit ADD COLUMN organisation text;
COMMENT ON COLUMN unit.organisation IS 'The survey organisation that registered the unit (by a submission or PUT); null when a registrar, an admin or the hub did. A surveyor may edit only the units of its organisation.';

-- Existing rows: a parcel no registrar ever described, without an accepted result, belongs to its first submitter.
UPDATE parcel p SET organisation = first.organisation
FROM (SELECT DISTINCT ON (parcel_code) parcel_code, organisation FROM survey_result ORDER BY parcel_code, submitted_at) first
WHERE first.parcel_code = p.parcel_code AND p.location IS NULL AND p.land_use IS NULL AND p.right_type IS NULL
  AND NOT EXISTS (SELECT 1 FROM survey_result r WHERE r.parcel_code = p.parcel_code AND r.status = 'accepted');
-- Existing units: the organisation of the first result that carried areas for them.
UPDATE unit u SET organisation = first.organisation
FROM (SELECT DISTINCT ON (a.parcel_code, a.unit_code) a.parcel_code, a.unit_code, r.organisation
      FROM unit_area a JOIN survey_result r ON r.parcel_code = a.parcel_code AND r.id = a.survey_id
      ORDER BY a.parcel_code, a.unit_code, r.submitted_at) first
WHERE first.parcel_code = u.parcel_code AND first.unit_code = u.unit_code;

-- 2. Corrections: one pending correction of a result per organisation (one organisation cannot block another's, nor
-- learn of it); which one wins is decided at review (superseded_by is written once).
DROP INDEX IF EXISTS survey_result_one_correction;
CREATE UNIQUE INDEX survey_result_one_pending_correction ON survey_result (parcel_code, supersedes, organisation)
  WHERE supersedes IS NOT NULL AND status = 'submitted';

-- 3. A result never supersedes itself, and superseded_by names an accepted correction of it.
ALTER TABLE survey_result ADD CONSTRAINT survey_result_not_self_superseding
  CHECK (supersedes IS DISTINCT FROM id AND superseded_by IS DISTINCT FROM id);
CREATE FUNCTION survey_result_supersession_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM survey_result c WHERE c.parcel_code = NEW.parcel_code AND c.id = NEW.superseded_by
                   AND c.supersedes = NEW.id AND c.status = 'accepted') THEN
    RAISE EXCEPTION 'survey result % can only be superseded by an accepted correction of it, not by %', NEW.id, NEW.superseded_by
      USING ERRCODE = 'OSH01';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER survey_result_supersession_guard BEFORE UPDATE OF superseded_by ON survey_result
  FOR EACH ROW WHEN (NEW.superseded_by IS DISTINCT FROM OLD.superseded_by AND NEW.superseded_by IS NOT NULL)
  EXECUTE FUNCTION survey_result_supersession_guard();

-- 4. The audit chain: every row carries the SHA-256 of (the previous row's hash, its own content). One chain per
-- parcel (parcel_code; rows without a parcel form one more chain), so the chain lives with the parcel's rows when the
-- tables are distributed by parcel_code. Writers of one chain take turns on a transaction-level advisory lock (one of
-- 1024, by a hash of the chain: a bulk import of many parcels holds at most 1024 locks; audit-insert.sql takes them in
-- lock order, so two imports never deadlock on them); (parcel_code, chain_seq) is unique, so a writer that bypassed
-- the lock fails instead of forking the chain.
ALTER TABLE audit_event ADD COLUMN chain_seq bigint, ADD COLUMN prev_hash char(64), ADD COLUMN row_hash char(64);
COMMENT ON COLUMN audit_event.chain_seq IS 'Position in the chain of its parcel (or of the rows without a parcel), from 1.';
COMMENT ON COLUMN audit_event.prev_hash IS 'row_hash of the previous row of the chain (64 zeros for the first).';
COMMENT ON COLUMN audit_event.row_hash IS 'SHA-256 (hex) of prev_hash and the row''s content (audit_event_digest); npm run audit:verify recomputes it.';

/** The hash a row must carry: prev_hash followed by its content as a JSON array (timestamps in UTC, microseconds). */
CREATE FUNCTION audit_event_digest(e audit_event) RETURNS char(64) LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(e.prev_hash || jsonb_build_array(
    e.id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), e.actor, e.actor_id, e.roles, e.action,
    e.parcel_code, e.subject_id, e.application_no, e.purpose, e.client_address, e.details, e.chain_seq)::text, 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last record;
BEGIN
  PERFORM pg_advisory_xact_lock(7426005, hashtext(coalesce(NEW.parcel_code, '')) & 1023);
  -- Two forms, so that both read the last row through audit_event_chain_idx (IS NOT DISTINCT FROM cannot).
  IF NEW.parcel_code IS NULL THEN
    SELECT chain_seq, row_hash INTO last FROM audit_event WHERE parcel_code IS NULL ORDER BY chain_seq DESC LIMIT 1;
  ELSE
    SELECT chain_seq, row_hash INTO last FROM audit_event WHERE parcel_code = NEW.parcel_code ORDER BY chain_seq DESC LIMIT 1;
  END IF;
  NEW.chain_seq := coalesce(last.chain_seq, 0) + 1;
  NEW.prev_hash := coalesce(last.row_hash, repeat('0', 64));
  NEW.row_hash := audit_event_digest(NEW);
  RETURN NEW;
END $$;

-- Chain the rows already there, oldest first, before the trigger takes over.
ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only;
DO $$
DECLARE
  e audit_event;
  chain text := NULL;
  seq bigint := 0;
  hash char(64);
BEGIN
  -- One pass, chain by chain (rows without a parcel first), oldest first in each.
  FOR e IN SELECT * FROM audit_event ORDER BY parcel_code NULLS FIRST, at, id LOOP
    IF seq = 0 OR coalesce(e.parcel_code, '') IS DISTINCT FROM chain THEN
      chain := coalesce(e.parcel_code, '');
      seq := 0;
      hash := repeat('0', 64);
    END IF;
    seq := seq + 1;
    e.chain_seq := seq;
    e.prev_hash := hash;
    hash := audit_event_digest(e);
    UPDATE audit_event SET chain_seq = e.chain_seq, prev_hash = e.prev_hash, row_hash = hash WHERE id = e.id;
  END LOOP;
END $$;
ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only;

ALTER TABLE audit_event ALTER COLUMN chain_seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN row_hash SET NOT NULL;
CREATE UNIQUE INDEX audit_event_chain_idx ON audit_event (parcel_code, chain_seq) NULLS NOT DISTINCT;
CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain();

-- A read of many parcels (the map, the review list) is one row listing them in details.parcelCodes; a parcel's
-- access log finds them through this index.
CREATE INDEX audit_event_read_parcels_idx ON audit_event USING gin ((details -> 'parcelCodes')) WHERE parcel_code IS NULL;
COMMENT ON COLUMN audit_event.details IS 'What else the event needs: for reads of many parcels, parcelCodes; for reads without an application, browsing: true.';

-- 5. The role the hub serves requests as: reads and writes rows, never TRUNCATE, DDL, triggers or ownership; the
-- audit log is insert-only for it. Roles belong to the whole server: created once, granted per database. Without the
-- right to create roles (CREATEROLE), the hub keeps running as the configured role and says so at start.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'onesurvey_app') THEN
    BEGIN
      CREATE ROLE onesurvey_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'onesurvey_app not created (no CREATEROLE): the hub runs as %', current_user;
      RETURN;
    END;
  END IF;
  BEGIN
    EXECUTE format('GRANT onesurvey_app TO %I', current_user);
  EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN
    NULL; -- a superuser needs no membership; others keep running as themselves
  END;
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO onesurvey_app', current_database());
  GRANT USAGE ON SCHEMA public TO onesurvey_app;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO onesurvey_app;
  GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO onesurvey_app;
  REVOKE INSERT, UPDATE, DELETE ON schema_migration FROM onesurvey_app;
  REVOKE UPDATE, DELETE ON audit_event FROM onesurvey_app;
  -- Tables of later migrations (run by this same owner) get the same privileges.
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO onesurvey_app;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO onesurvey_app;
END $$;
