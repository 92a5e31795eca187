-- Who submitted and who decided or suspended a result, and when (to explain a refused decision or suspension).
SELECT parcel_code, status, submitted_by, reviewer, reviewed_at, suspended_at, suspended_by FROM survey_result WHERE id = $1
