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

-- The suspension's own guard, beside survey_result_guard (0006), which keeps guarding content and decision: a
-- suspension changes only while the result is submitted, and a suspended result cannot be decided until it is resumed.
CREATE FUNCTION survey_result_suspension_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.suspended_at, NEW.suspended_by, NEW.suspend_note) IS DISTINCT FROM (OLD.suspended_at, OLD.suspended_by, OLD.suspend_note)
     AND (OLD.status <> 'submitted' OR NEW.status <> 'submitted') THEN
    RAISE EXCEPTION 'survey result %: only a submitted result can be suspended or resumed', OLD.id USING ERRCODE = 'OSH12';
  END IF;
  IF NEW.status <> OLD.status AND OLD.suspended_at IS NOT NULL THEN
    RAISE EXCEPTION 'survey result % is suspended and cannot be decided until it is resumed', OLD.id USING ERRCODE = 'OSH12';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER survey_result_suspension_guard BEFORE UPDATE ON survey_result FOR EACH ROW EXECUTE FUNCTION survey_result_suspension_guard();
