-- Who obtained what of a parcel's shared survey data, for which application and purpose (R8): packets, exports and
-- every read of its coordinates or areas (a map or list read names the parcel among the ones it returned).
SELECT id, at, actor, roles, action, subject_id, application_no, purpose, client_address, details
FROM audit_event
WHERE (parcel_code = $1 AND action IN ('packet.create', 'packet.read', 'survey.export', 'parcel.read', 'parcel.history', 'survey.read', 'boundary.diff', 'comparison.read', 'map.read'))
   OR (parcel_code IS NULL AND action IN ('map.read', 'survey.list', 'survey.export') AND details -> 'parcelCodes' ? $1)
ORDER BY at DESC
LIMIT $2
