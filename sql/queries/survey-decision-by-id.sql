-- Who decided a result, and when (to explain a 409).
SELECT parcel_code, status, reviewer, reviewed_at FROM survey_result WHERE id = $1
