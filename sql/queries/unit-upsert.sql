-- Creates a unit or updates the descriptive fields the request names ($6/$7/$8: whether each was given). $9: the
-- survey organisation that writes (null: a registrar, an admin or the hub); a survey organisation changes only the
-- units it registered — no row comes back when the unit is another's. The time is in the VALUES (Citus refuses now() in a DO UPDATE SET).
INSERT INTO unit AS u (parcel_code, unit_code, location, use, floor, organisation, updated_at)
VALUES ($1, $2, $3, $4, $5, $9, now())
ON CONFLICT (parcel_code, unit_code) DO UPDATE SET
  location = CASE WHEN $6 THEN EXCLUDED.location ELSE u.location END,
  use = CASE WHEN $7 THEN EXCLUDED.use ELSE u.use END,
  floor = CASE WHEN $8 THEN EXCLUDED.floor ELSE u.floor END,
  updated_at = EXCLUDED.updated_at
WHERE $9::text IS NULL OR u.organisation = $9
RETURNING (xmax = 0) AS created
