-- Decides a submitted result; no row comes back when it does not exist, was already decided, or was submitted by
-- the account deciding ($5; separation of duties — null for the hub's own work).
UPDATE survey_result
SET status = $2, reviewer = $3, reviewed_at = now(), review_note = $4
WHERE id = $1 AND status = 'submitted' AND ($5::text IS NULL OR submitted_by IS DISTINCT FROM $5)
RETURNING parcel_code, supersedes
