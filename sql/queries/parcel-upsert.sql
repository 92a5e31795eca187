-- Creates a parcel or updates the descriptive fields the request names ($5/$6/$7: whether each was given); a
-- registrar's or admin's write makes it a registry parcel (organisation null: visible to every role). The time is in the VALUES: Citus refuses now() in a DO UPDATE SET.
INSERT INTO parcel AS p (parcel_code, location, land_use, right_type, updated_at)
VALUES ($1, $2, $3, $4, now())
ON CONFLICT (parcel_code) DO UPDATE SET
  location = CASE WHEN $5 THEN EXCLUDED.location ELSE p.location END,
  land_use = CASE WHEN $6 THEN EXCLUDED.land_use ELSE p.land_use END,
  right_type = CASE WHEN $7 THEN EXCLUDED.right_type ELSE p.right_type END,
  organisation = NULL,
  updated_at = EXCLUDED.updated_at
RETURNING (xmax = 0) AS created
