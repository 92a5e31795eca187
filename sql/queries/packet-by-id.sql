-- One registration packet.
SELECT parcel_code, id, created_at, registration_type, unit_code, application_no, purpose, requested_by, decision, content
FROM registration_packet WHERE id = $1
