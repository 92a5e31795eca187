-- City scale (issue 11): guards that cost per statement instead of per row, and the search paths a city needs.
-- Every rule of 0001/0004 is kept; only how it is checked changes.

-- 1. The immutability guard compares named columns (to_jsonb(NEW) serialised each whole row, geometries included:
-- accepting 100 k results spent most of its time there). The content columns are listed here: a later migration
-- that adds a content column to survey_result adds it to this list (test/api/immutability.test.ts tries every column).
CREATE OR REPLACE FUNCTION survey_result_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'accepted' THEN
      RAISE EXCEPTION 'survey result % is accepted and cannot be deleted', OLD.id USING ERRCODE = 'OSH01';
    END IF;
    RETURN OLD;
  END IF;
  IF (NEW.parcel_code, NEW.id, NEW.stage, NEW.kind, NEW.organisation, NEW.surveyed_on, NEW.srid, NEW.precision_class,
      NEW.source_file_name, NEW.source_sha256, NEW.declared_area_m2, NEW.declared_building_area_m2, NEW.plane_area_m2,
      NEW.supersedes, NEW.submitted_by, NEW.submitted_at, NEW.area_precision_class, NEW.supply_doc_kind, NEW.supply_doc_no,
      NEW.supply_doc_date, NEW.acceptance_no, NEW.acceptance_date)
     IS DISTINCT FROM
     (OLD.parcel_code, OLD.id, OLD.stage, OLD.kind, OLD.organisation, OLD.surveyed_on, OLD.srid, OLD.precision_class,
      OLD.source_file_name, OLD.source_sha256, OLD.declared_area_m2, OLD.declared_building_area_m2, OLD.plane_area_m2,
      OLD.supersedes, OLD.submitted_by, OLD.submitted_at, OLD.area_precision_class, OLD.supply_doc_kind, OLD.supply_doc_no,
      OLD.supply_doc_date, OLD.acceptance_no, OLD.acceptance_date)
     -- Geometries byte for byte (geometry "=" compares bounding boxes on older PostGIS).
     OR ST_AsEWKB(NEW.geom) IS DISTINCT FROM ST_AsEWKB(OLD.geom)
     OR ST_AsEWKB(NEW.geom_4490) IS DISTINCT FROM ST_AsEWKB(OLD.geom_4490) THEN
    RAISE EXCEPTION 'survey result % is % and its content cannot be changed; submit a new result that supersedes it', OLD.id, OLD.status
      USING ERRCODE = 'OSH01';
  END IF;
  IF OLD.status <> 'submitted' AND (NEW.status, NEW.reviewer, NEW.reviewed_at, NEW.review_note, NEW.boundary_role, NEW.boundary_of)
       IS DISTINCT FROM (OLD.status, OLD.reviewer, OLD.reviewed_at, OLD.review_note, OLD.boundary_role, OLD.boundary_of) THEN
    RAISE EXCEPTION 'survey result % was already % and the decision cannot be changed', OLD.id, OLD.status USING ERRCODE = 'OSH01';
  END IF;
  IF NEW.superseded_by IS DISTINCT FROM OLD.superseded_by AND (OLD.superseded_by IS NOT NULL OR NEW.status <> 'accepted') THEN
    RAISE EXCEPTION 'survey result %: only an accepted result can be superseded, and only once', OLD.id USING ERRCODE = 'OSH01';
  END IF;
  RETURN NEW;
END $$;

-- 2. 界址点 and unit areas: one check per statement over its transition table instead of one lookup per row (a bulk
-- load of 800 k points ran 800 k lookups). Same rules: never updated; not added to or removed from an accepted result.
-- (A transition table belongs to one event: one trigger per event.)
DROP TRIGGER boundary_point_guard ON boundary_point;
DROP TRIGGER unit_area_guard ON unit_area;

CREATE FUNCTION survey_detail_statement_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
  SELECT c.survey_id INTO frozen
  FROM (SELECT DISTINCT parcel_code, survey_id FROM changed_rows) c
  JOIN survey_result r ON r.parcel_code = c.parcel_code AND r.id = c.survey_id
  WHERE r.status = 'accepted'
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'survey result % is accepted: its % rows cannot be added or removed', frozen, TG_TABLE_NAME USING ERRCODE = 'OSH01';
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION survey_detail_statement_guard() IS 'Statement-level guard of boundary_point and unit_area (transition table changed_rows): rows are never updated, and an accepted result''s rows are frozen.';

CREATE TRIGGER boundary_point_insert_guard AFTER INSERT ON boundary_point
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_detail_statement_guard();
CREATE TRIGGER boundary_point_update_guard AFTER UPDATE ON boundary_point
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_detail_statement_guard();
CREATE TRIGGER boundary_point_delete_guard AFTER DELETE ON boundary_point
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_detail_statement_guard();
CREATE TRIGGER unit_area_insert_guard AFTER INSERT ON unit_area
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_detail_statement_guard();
CREATE TRIGGER unit_area_update_guard AFTER UPDATE ON unit_area
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_detail_statement_guard();
CREATE TRIGGER unit_area_delete_guard AFTER DELETE ON unit_area
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_detail_statement_guard();

-- 3. Search: a code-prefix path (宗地代码 LIKE '4108…%' walks this index whatever the collation). The 坐落 trigram
-- index needs pg_trgm, which not every engine has: server/db/search-indexes.ts adds it where the extension exists.
CREATE INDEX parcel_code_prefix_idx ON parcel (parcel_code bpchar_pattern_ops);

-- 4. An import of many parcels is one audit row (action survey.import) listing them in details.parcelCodes, like
-- a map read: a parcel's history finds it through audit_event_read_parcels_idx (0005).
COMMENT ON COLUMN audit_event.details IS 'What else the event needs: for reads of many parcels and imports, parcelCodes (and surveyIds); for reads without an application, browsing: true.';

-- 5. Staged bulk imports (R1 migrations of legacy results): each run and its per-plot findings, kept so that a large
-- file's answer can be a summary and the findings a download (GET /api/imports/{id}/findings).
CREATE TABLE import_run (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  file_name text NOT NULL,
  source_sha256 char(64) NOT NULL,
  actor text NOT NULL,
  organisation text,
  stage text NOT NULL,
  kind text NOT NULL,
  dry_run boolean NOT NULL,
  plots integer NOT NULL,
  points integer NOT NULL,
  parcels integer NOT NULL,
  results_stored integer NOT NULL DEFAULT 0,
  errors integer NOT NULL,
  warnings integer NOT NULL,
  seconds jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE import_run IS 'A staged bulk import (dry run or stored): what was checked and what landed; its findings in import_finding.';
COMMENT ON COLUMN import_run.seconds IS 'Seconds per phase (stage, checks, move), for the bench and for operators.';

CREATE TABLE import_finding (
  import_id uuid NOT NULL REFERENCES import_run (id),
  n integer NOT NULL,
  plot_no integer,
  line integer,
  plot text,
  code text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('error', 'warning')),
  message_en text NOT NULL,
  message_zh text NOT NULL,
  PRIMARY KEY (import_id, n)
);
COMMENT ON TABLE import_finding IS 'Per-plot findings of a staged import, in file order: plot_no is the plot''s position in the file, plot its 地块编号.';
