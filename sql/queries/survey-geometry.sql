-- A result's geometry as GeoJSON: as submitted (full precision) and the EPSG:4490 display copy (1e-9°, ≈0.1 mm).
SELECT ST_AsGeoJSON(geom, 15) AS geometry, ST_AsGeoJSON(geom_4490, 9) AS geometry_4490
FROM survey_result WHERE parcel_code = $1 AND id = $2
