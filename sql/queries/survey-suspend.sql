-- Suspends (挂起) a submitted result that is not suspended, at $2 by $3 with the note $4; no row comes back when it
-- does not exist, is decided or already suspended, or was submitted by the account suspending it ($3).
UPDATE survey_result
SET suspended_at = $2::timestamptz, suspended_by = $3, suspend_note = $4
WHERE id = $1 AND status = 'submitted' AND suspended_at IS NULL AND submitted_by IS DISTINCT FROM $3
RETURNING parcel_code, suspend_note
