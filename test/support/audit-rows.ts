// Every audit row, whichever table holds it (migration 0015: a parcel's events, the hub's events), for tests that look.
/** A FROM item listing both audit tables with the same columns; parcel_code is null for the hub's events. */
export const EVERY_AUDIT_ROW = `(
  SELECT id, at, actor, actor_id, roles, action, parcel_code, subject_id, application_no, purpose, client_address, details FROM audit_event
  UNION ALL
  SELECT id, at, actor, actor_id, roles, action, NULL::char(19), subject_id, application_no, purpose, client_address, details FROM audit_hub_event
) AS audit_row`;
