-- Stores a registration packet (immutable from here on).
INSERT INTO registration_packet (parcel_code, registration_type, unit_code, application_no, purpose, requested_by, decision, boundary_survey_id, content)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING id, created_at
