-- Records audit events without one parcel (logins, accounts, tokens, reads of many parcels) in one statement, in the
-- hub's chain (migration 0015): $1–$3 and $8 the actor, the rest parallel arrays, one element per event, as given.
INSERT INTO audit_hub_event (actor, actor_id, roles, action, subject_id, application_no, purpose, client_address, details)
SELECT $1, $2, $3, e.action, e.subject_id, e.application_no, e.purpose, $8, e.details
FROM unnest($4::text[], $5::uuid[], $6::text[], $7::text[], $9::jsonb[]) WITH ORDINALITY
  AS e (action, subject_id, application_no, purpose, details, n)
ORDER BY e.n
