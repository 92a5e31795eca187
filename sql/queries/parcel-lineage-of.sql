-- How parcel $1 came to be (a split or merge that made it), newest first.
SELECT event_id, kind, predecessor_codes, survey_id, change_no, recorded_by, recorded_at
FROM parcel_lineage WHERE parcel_code = $1 ORDER BY recorded_at DESC
