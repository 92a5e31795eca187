-- Guards that read rows of their own parcel in another table read them where the trigger runs (issue 14). On Citus a
-- trigger fires on a shard, on a worker: the parcel's rows of a co-located table are in the co-located shard there,
-- and a query on the distributed table from inside a shard is refused (or cannot see a statement's transition table).
-- On one server (and on the embedded engine) the trigger's table is the table itself and nothing changes.

/** The table to read `wanted`'s rows of the trigger's parcel from: `wanted` itself, or on a Citus shard its co-located shard. */
CREATE FUNCTION colocated_table(trigger_table name, wanted text) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  shard text;
BEGIN
  -- Table names of the hub never end in _<digits>; Citus shard names always do.
  IF trigger_table !~ '_[0-9]+$' THEN
    RETURN quote_ident(wanted);
  END IF;
  EXECUTE 'SELECT shard_name(w.logicalrelid, w.shardid) FROM pg_dist_shard t
           JOIN pg_dist_shard w ON w.logicalrelid = $1::regclass AND w.shardminvalue = t.shardminvalue
           WHERE t.shardid = $2'
    INTO shard USING wanted, substring(trigger_table FROM '_([0-9]+)$')::bigint;
  RETURN shard;
END $$;

CREATE OR REPLACE FUNCTION survey_detail_statement_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  frozen uuid;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    SELECT survey_id INTO frozen FROM changed_rows LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION '% rows of survey result % cannot be changed', TG_TABLE_NAME, frozen USING ERRCODE = 'OSH01';
    END IF;
    RETURN NULL;
  END IF;
  EXECUTE format('SELECT c.survey_id FROM (SELECT DISTINCT parcel_code, survey_id FROM changed_rows) c
                  JOIN %s r ON r.parcel_code = c.parcel_code AND r.id = c.survey_id
                  WHERE r.status = ''accepted'' LIMIT 1', colocated_table(TG_TABLE_NAME, 'survey_result'))
    INTO frozen;
  IF frozen IS NOT NULL THEN
    RAISE EXCEPTION 'survey result % is accepted: its % rows cannot be added or removed', frozen, regexp_replace(TG_TABLE_NAME, '_[0-9]+$', '') USING ERRCODE = 'OSH01';
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION survey_result_not_retired() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  retired boolean;
BEGIN
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE parcel_code = $1)', colocated_table(TG_TABLE_NAME, 'parcel_retirement'))
    INTO retired USING NEW.parcel_code;
  IF retired THEN
    RAISE EXCEPTION 'parcel % was retired by a split or merge and takes no new results', NEW.parcel_code USING ERRCODE = 'OSH03';
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION survey_result_supersession_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  corrected boolean;
BEGIN
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.%I c WHERE c.parcel_code = $1 AND c.id = $2 AND c.supersedes = $3 AND c.status = ''accepted'')',
    TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO corrected USING NEW.parcel_code, NEW.superseded_by, NEW.id;
  IF NOT corrected THEN
    RAISE EXCEPTION 'survey result % can only be superseded by an accepted correction of it, not by %', NEW.id, NEW.superseded_by
      USING ERRCODE = 'OSH01';
  END IF;
  RETURN NEW;
END $$;
