-- Audit events, newest first, of one parcel ($1) or all (null), at most $2.
SELECT id, at, actor, roles, action, parcel_code, subject_id, application_no, purpose, client_address, details
FROM audit_event WHERE ($1::text IS NULL OR parcel_code = $1)
ORDER BY at DESC, id LIMIT $2
