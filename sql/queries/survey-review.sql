-- Decides a submitted result, with the boundary role it takes when accepted ($5, $6; null otherwise); no row comes
-- back when it does not exist or was already decided.
UPDATE survey_result
SET status = $2, reviewer = $3, reviewed_at = now(), review_note = $4, boundary_role = $5, boundary_of = $6
WHERE id = $1 AND status = 'submitted'
RETURNING parcel_code, supersedes
