-- Who obtained what of a parcel's shared survey data, for which application and purpose (R8): packets, exports and
-- every read of its coordinates or areas (a map or list read, in the hub's events, names the parcel among the ones it
-- returned). Each table gives its newest $2.
SELECT * FROM (
  (SELECT id, at, actor, roles, action, subject_id, application_no, purpose, client_address, details
   FROM audit_event
   WHERE parcel_code = $1 AND action IN ('packet.create', 'packet.read', 'survey.export', 'parcel.read', 'parcel.history', 'survey.read', 'boundary.diff', 'comparison.read', 'map.read')
   ORDER BY at DESC LIMIT $2)
  UNION ALL
  (SELECT id, at, actor, roles, action, subject_id, application_no, purpose, client_address, details
   FROM audit_hub_event
   WHERE action IN ('map.read', 'survey.list', 'survey.export') AND details -> 'parcelCodes' ? $1
   ORDER BY at DESC LIMIT $2)
) e
ORDER BY at DESC
LIMIT $2
