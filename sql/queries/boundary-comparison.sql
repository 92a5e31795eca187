-- Two results of one parcel compared in the first one's CRS: Hausdorff distance (m, segments densified to tenths),
-- symmetric-difference area (m²), and the areas added and removed by the second, for display (EPSG:4490 GeoJSON).
WITH a AS (SELECT geom FROM survey_result WHERE parcel_code = $1 AND id = $2),
     b AS (SELECT ST_Transform(r.geom, ST_SRID(a.geom)) AS geom FROM survey_result r, a WHERE r.parcel_code = $1 AND r.id = $3)
SELECT ST_HausdorffDistance(a.geom, b.geom, 0.1) AS hausdorff_m,
  ST_Area(ST_SymDifference(a.geom, b.geom)) AS symdiff_m2,
  ST_AsGeoJSON(ST_Transform(ST_Difference(b.geom, a.geom), 4490), 9) AS added_4490,
  ST_AsGeoJSON(ST_Transform(ST_Difference(a.geom, b.geom), 4490), 9) AS removed_4490
FROM a, b
WHERE a.geom IS NOT NULL AND b.geom IS NOT NULL
