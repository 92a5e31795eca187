-- Locks the parcels of import run $1's results in code order (as one review locks its parcel: which boundary a parcel
-- has depends on the order of acceptances); the number locked.
SELECT count(*)::int AS locked FROM (
  SELECT p.parcel_code FROM import_run r CROSS JOIN LATERAL unnest(r.parcel_codes) AS c (code)
  JOIN parcel p ON p.parcel_code = c.code
  WHERE r.id = $1 ORDER BY p.parcel_code FOR UPDATE OF p
) locked
