-- Decides a submitted result; no row comes back when it does not exist or was already decided.
UPDATE survey_result
SET status = $2, reviewer = $3, reviewed_at = now(), review_note = $4
WHERE id = $1 AND status = 'submitted'
RETURNING parcel_code, supersedes
