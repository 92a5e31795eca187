-- The result a submission wants to supersede, to check it is visible to the submitter, accepted and still current.
SELECT status, superseded_by, organisation FROM survey_result WHERE parcel_code = $1 AND id = $2
