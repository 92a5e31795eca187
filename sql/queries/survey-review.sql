-- Decides a submitted result, with the boundary role it takes when accepted ($6, $7; null otherwise); no row comes
-- back when it does not exist, was already decided, is suspended (挂起), or was submitted by the account deciding
-- ($5; separation of duties — null for the hub's own work).
UPDATE survey_result
SET status = $2, reviewer = $3, reviewed_at = now(), review_note = $4, boundary_role = $6, boundary_of = $7
WHERE id = $1 AND status = 'submitted' AND suspended_at IS NULL AND ($5::text IS NULL OR submitted_by IS DISTINCT FROM $5)
RETURNING parcel_code, supersedes
