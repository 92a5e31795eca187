-- The units registered on a parcel.
SELECT unit_code, location, use, floor, created_at, updated_at
FROM unit WHERE parcel_code = $1 ORDER BY unit_code
