-- Records audit events of one parcel each in one statement (append-only): $1–$3 and $9 the actor, the rest parallel
-- arrays, one element per event. Rows go in the order of their chain's lock (migration 0015), then as given.
INSERT INTO audit_event (actor, actor_id, roles, action, parcel_code, subject_id, application_no, purpose, client_address, details)
SELECT $1, $2, $3, e.action, e.parcel_code, e.subject_id, e.application_no, e.purpose, $9, e.details
FROM unnest($4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[], $10::jsonb[]) WITH ORDINALITY
  AS e (action, parcel_code, subject_id, application_no, purpose, details, n)
ORDER BY hashtext(e.parcel_code) & 1023, e.n
