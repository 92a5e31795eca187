-- The result a submission wants to supersede, to check it is accepted and still current.
SELECT status, superseded_by FROM survey_result WHERE parcel_code = $1 AND id = $2
