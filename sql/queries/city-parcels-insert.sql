-- The synthetic city's parcels into the real table (temp table city_parcel), with the ones its splits retired.
WITH parcels AS (
  INSERT INTO parcel (parcel_code, location, land_use, right_type)
  SELECT parcel_code, location, land_use, right_type FROM city_parcel
  UNION ALL
  SELECT predecessor_code, location, land_use, right_type FROM city_parcel WHERE split_successor AND k = 0
  RETURNING 1
)
SELECT count(*) AS parcels FROM parcels
