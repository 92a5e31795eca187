-- Audit events, newest first, of one parcel ($1) or all (null), at most $2. Events of many parcels (an import, a map
-- read) have no parcel_code and list the parcel in details.parcelCodes (audit_event_read_parcels_idx).
SELECT id, at, actor, roles, action, parcel_code, subject_id, application_no, purpose, client_address, details
FROM audit_event
WHERE $1::text IS NULL OR parcel_code = $1 OR (parcel_code IS NULL AND action = 'survey.import' AND details -> 'parcelCodes' ? $1)
ORDER BY at DESC, id LIMIT $2
