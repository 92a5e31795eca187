-- Marks an accepted result as superseded by a newly accepted one of the same parcel; once only.
UPDATE survey_result SET superseded_by = $3
WHERE parcel_code = $1 AND id = $2 AND status = 'accepted' AND superseded_by IS NULL
RETURNING id
