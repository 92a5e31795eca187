-- Bulk loads (issue 11): the retired-parcel rule on survey_result is checked once per statement over the inserted
-- rows (transition table) instead of once per row; same rule, same error (OSH03). A staged import of 100 k results
-- ran 100 k lookups of parcel_retirement.
DROP TRIGGER survey_result_not_retired ON survey_result;
DROP FUNCTION survey_result_not_retired();

CREATE FUNCTION survey_result_not_retired_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  retired text;
BEGIN
  SELECT n.parcel_code INTO retired
  FROM (SELECT DISTINCT parcel_code FROM inserted_rows) n
  JOIN parcel_retirement pr ON pr.parcel_code = n.parcel_code
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'parcel % was retired by a split or merge and takes no new results', retired USING ERRCODE = 'OSH03';
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION survey_result_not_retired_statement() IS 'Statement-level guard of survey_result inserts (transition table inserted_rows): a retired parcel takes no new result.';

CREATE TRIGGER survey_result_not_retired AFTER INSERT ON survey_result
  REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_result_not_retired_statement();
