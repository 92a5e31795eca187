-- Resumes a suspended result: it goes back to the review queue; no row comes back when it is not suspended.
UPDATE survey_result
SET suspended_at = NULL, suspended_by = NULL, suspend_note = NULL
WHERE id = $1 AND status = 'submitted' AND suspended_at IS NOT NULL
RETURNING parcel_code, suspended_by, suspend_note
