-- Who submitted and who decided a result, and when (to explain a refused decision).
SELECT parcel_code, status, submitted_by, reviewer, reviewed_at FROM survey_result WHERE id = $1
