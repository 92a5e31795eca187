-- Suspension (挂起): a reviewer sets a submitted result aside with a note and resumes it later. While suspended it
-- leaves the review queue and cannot be decided; only a submitted result can be suspended or resumed. Guarded here,
-- in the database, like the decision itself.
ALTER TABLE survey_result
  ADD COLUMN suspended_at timestamptz,
  ADD COLUMN suspended_by text,
  ADD COLUMN suspend_note text,
  ADD CONSTRAINT survey_result_suspension_complete CHECK ((suspended_at IS NULL) = (suspended_by IS NULL) AND (suspended_at IS NULL) = (suspend_note IS NULL));
COMMENT ON COLUMN survey_result.suspended_at IS 'When a reviewer suspended (挂起) this submitted result; null when it is not suspended (resumed, or never suspended).';
COMMENT ON COLUMN survey_result.suspended_by IS 'The account that suspended the result (while suspended).';
COMMENT ON COLUMN survey_result.suspend_note IS 'The reviewer''s note on why the result waits (while suspended); every suspension and resumption is in the audit log.';

-- The guard of 0006, with the suspension rules added: a suspension changes only while the result is submitted, and a
-- suspended result cannot be decided until it is resumed.
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
  IF (NEW.suspended_at, NEW.suspended_by, NEW.suspend_note) IS DISTINCT FROM (OLD.suspended_at, OLD.suspended_by, OLD.suspend_note)
     AND (OLD.status <> 'submitted' OR NEW.status <> 'submitted') THEN
    RAISE EXCEPTION 'survey result %: only a submitted result can be suspended or resumed', OLD.id USING ERRCODE = 'OSH12';
  END IF;
  IF NEW.status <> OLD.status AND OLD.suspended_at IS NOT NULL THEN
    RAISE EXCEPTION 'survey result % is suspended and cannot be decided until it is resumed', OLD.id USING ERRCODE = 'OSH12';
  END IF;
  IF NEW.superseded_by IS DISTINCT FROM OLD.superseded_by AND (OLD.superseded_by IS NOT NULL OR NEW.status <> 'accepted') THEN
    RAISE EXCEPTION 'survey result %: only an accepted result can be superseded, and only once', OLD.id USING ERRCODE = 'OSH01';
  END IF;
  RETURN NEW;
END $$;
