-- The audit log in two tables, so that it can be distributed with the parcels (issue 14, SCALE-OUT.md): audit_event
-- keeps the events of one parcel, keyed (parcel_code, id) and chained per parcel; audit_hub_event takes the events
-- without one parcel (logins, accounts, tokens, imports and reads of many parcels), one chain. Rows move with their
-- hashes unchanged: both tables hash through audit_digest, the content audit_event_digest (0005) hashed, parcel_code
-- null for the hub's events, so `npm run audit:verify` checks the rows written before and after this migration alike.

-- 1. The digest over columns, not over a row type: on Citus a trigger fires on a shard, whose rows have the shard's type.
CREATE FUNCTION audit_digest(prev_hash char(64), id uuid, at timestamptz, actor text, actor_id uuid, roles text[], action text,
  parcel_code char(19), subject_id uuid, application_no text, purpose text, client_address text, details jsonb, chain_seq bigint)
RETURNS char(64) LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(prev_hash || jsonb_build_array(
    id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), actor, actor_id, roles, action,
    parcel_code, subject_id, application_no, purpose, client_address, details, chain_seq)::text, 'UTF8')), 'hex')
$$;

-- 2. Events without one parcel: their own table and chain, the rows of the null-parcel chain moved there as they are.
CREATE TABLE audit_hub_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor text NOT NULL,
  actor_id uuid,
  roles text[] NOT NULL DEFAULT '{}',
  action text NOT NULL,
  subject_id uuid,
  application_no text,
  purpose text,
  client_address text,
  details jsonb,
  chain_seq bigint NOT NULL,
  prev_hash char(64) NOT NULL,
  row_hash char(64) NOT NULL
);
COMMENT ON TABLE audit_hub_event IS 'Append-only, one hash chain: events without one parcel (logins, accounts, tokens; imports and reads of many parcels list them in details.parcelCodes).';
INSERT INTO audit_hub_event (id, at, actor, actor_id, roles, action, subject_id, application_no, purpose, client_address, details, chain_seq, prev_hash, row_hash)
SELECT id, at, actor, actor_id, roles, action, subject_id, application_no, purpose, client_address, details, chain_seq, prev_hash, row_hash
FROM audit_event WHERE parcel_code IS NULL;
CREATE UNIQUE INDEX audit_hub_event_chain_idx ON audit_hub_event (chain_seq);
CREATE INDEX audit_hub_event_at_idx ON audit_hub_event (at);
CREATE INDEX audit_hub_event_parcels_idx ON audit_hub_event USING gin ((details -> 'parcelCodes'));

ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only;
DELETE FROM audit_event WHERE parcel_code IS NULL;
ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only;

-- 3. The parcel events, keyed by parcel first; the chain trigger reads its own table (on Citus: its shard, which holds
-- every row of the parcel).
DROP INDEX audit_event_read_parcels_idx;
ALTER TABLE audit_event ALTER COLUMN parcel_code SET NOT NULL;
ALTER TABLE audit_event DROP CONSTRAINT audit_event_pkey, ADD PRIMARY KEY (parcel_code, id);

CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last record;
BEGIN
  PERFORM pg_advisory_xact_lock(7426005, hashtext(NEW.parcel_code) & 1023);
  EXECUTE format('SELECT chain_seq, row_hash FROM %I.%I WHERE parcel_code = $1 ORDER BY chain_seq DESC LIMIT 1', TG_TABLE_SCHEMA, TG_TABLE_NAME)
    INTO last USING NEW.parcel_code;
  NEW.chain_seq := coalesce(last.chain_seq, 0) + 1;
  NEW.prev_hash := coalesce(last.row_hash, repeat('0', 64));
  NEW.row_hash := audit_digest(NEW.prev_hash, NEW.id, NEW.at, NEW.actor, NEW.actor_id, NEW.roles, NEW.action, NEW.parcel_code,
    NEW.subject_id, NEW.application_no, NEW.purpose, NEW.client_address, NEW.details, NEW.chain_seq);
  RETURN NEW;
END $$;

CREATE FUNCTION audit_hub_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last record;
BEGIN
  PERFORM pg_advisory_xact_lock(7426005, hashtext('') & 1023);
  SELECT chain_seq, row_hash INTO last FROM audit_hub_event ORDER BY chain_seq DESC LIMIT 1;
  NEW.chain_seq := coalesce(last.chain_seq, 0) + 1;
  NEW.prev_hash := coalesce(last.row_hash, repeat('0', 64));
  NEW.row_hash := audit_digest(NEW.prev_hash, NEW.id, NEW.at, NEW.actor, NEW.actor_id, NEW.roles, NEW.action, NULL,
    NEW.subject_id, NEW.application_no, NEW.purpose, NEW.client_address, NEW.details, NEW.chain_seq);
  RETURN NEW;
END $$;
CREATE TRIGGER audit_hub_event_chain BEFORE INSERT ON audit_hub_event FOR EACH ROW EXECUTE FUNCTION audit_hub_event_chain();
CREATE TRIGGER audit_hub_event_append_only BEFORE UPDATE OR DELETE ON audit_hub_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_hub_event_no_truncate BEFORE TRUNCATE ON audit_hub_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- 4. Insert-only for the role the hub serves as, like audit_event (0005).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'onesurvey_app') THEN
    GRANT SELECT, INSERT ON audit_hub_event TO onesurvey_app;
    REVOKE UPDATE, DELETE ON audit_hub_event FROM onesurvey_app;
  END IF;
END $$;
