-- Who obtained what of a parcel's shared survey data, for which application and purpose (R8): packets and exports.
SELECT id, at, actor, roles, action, subject_id, application_no, purpose, client_address, details
FROM audit_event
WHERE parcel_code = $1 AND action IN ('packet.create', 'packet.read', 'survey.export')
ORDER BY at DESC
LIMIT $2
