-- One lineage event: the new parcels $1 (text[]) with the 权籍调查 $2 (uuid[]) that made each, from the predecessors $5;
-- the predecessors retired, pointing at the new parcels. Event $3, kind $4, 变更 reference $6, recorded by $7.
WITH made AS (
  INSERT INTO parcel_lineage (parcel_code, event_id, kind, predecessor_codes, survey_id, change_no, recorded_by)
  SELECT s.code, $3, $4, $5::char(19)[], s.survey_id, $6, $7 FROM unnest($1::text[], $2::uuid[]) AS s (code, survey_id)
  RETURNING recorded_at
), retired AS (
  INSERT INTO parcel_retirement (parcel_code, event_id, kind, successor_codes, change_no, recorded_by)
  SELECT p, $3, $4, $1::char(19)[], $6, $7 FROM unnest($5::text[]) AS p
  RETURNING retired_at
)
SELECT (SELECT max(recorded_at) FROM made) AS recorded_at, (SELECT count(*) FROM retired) AS retired
