-- Bulk accept of a legacy load (issue 11): an import run keeps the results it stored (parallel arrays, as the move
-- wrote them), so a reviewer can accept the run as a whole in one statement through the guards.
ALTER TABLE import_run ADD COLUMN parcel_codes char(19)[], ADD COLUMN survey_ids uuid[];
COMMENT ON COLUMN import_run.parcel_codes IS 'The parcels of the results the import stored, parallel to survey_ids; null when it stored none.';
COMMENT ON COLUMN import_run.survey_ids IS 'The results the import stored (all submitted together), parallel to parcel_codes.';
