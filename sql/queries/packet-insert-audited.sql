-- Stores a registration packet (immutable from here on) and its audit event in one statement, i.e. one round trip and
-- one transaction: $1–$9 the packet (as packet-insert.sql), $10–$12 and $13 the actor (name, account id, roles;
-- client address), $14 the event's details. The audit row is chained by its trigger like any other (migration 0005).
WITH packet AS (
  INSERT INTO registration_packet (parcel_code, registration_type, unit_code, application_no, purpose, requested_by, decision, boundary_survey_id, content)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
  RETURNING id, created_at
), event AS (
  INSERT INTO audit_event (actor, actor_id, roles, action, parcel_code, subject_id, application_no, purpose, client_address, details)
  SELECT $10::text, $11::uuid, $12::text[], 'packet.create', $1, packet.id, $4, $5, $13::text, $14::jsonb FROM packet
  RETURNING id
)
SELECT packet.id, packet.created_at, (SELECT count(*) FROM event) AS audited FROM packet
