-- Audit events, newest first, of one parcel ($1) or all (null), at most $2: the parcel's own events, and the hub's
-- events (imports) that list it in details.parcelCodes (audit_hub_event_parcels_idx). Each table gives its newest $2.
SELECT * FROM (
  (SELECT id, at, actor, roles, action, parcel_code, subject_id, application_no, purpose, client_address, details
   FROM audit_event
   WHERE $1::text IS NULL OR parcel_code = $1
   ORDER BY at DESC, id LIMIT $2)
  UNION ALL
  (SELECT id, at, actor, roles, action, NULL::char(19), subject_id, application_no, purpose, client_address, details
   FROM audit_hub_event
   WHERE $1::text IS NULL OR (action = 'survey.import' AND details -> 'parcelCodes' ? $1)
   ORDER BY at DESC, id LIMIT $2)
) e
ORDER BY at DESC, id LIMIT $2
