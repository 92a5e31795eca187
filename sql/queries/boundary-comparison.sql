-- A boundary compared with an accepted result of the parcel ($1, $2), in the accepted one's CRS: the other boundary is
-- a stored result ($3) or a candidate geometry ($4 GeoJSON in EPSG $5). Hausdorff distance (m, segments densified to
-- tenths), symmetric-difference area (m²), and the areas added and removed, for display (EPSG:4490 GeoJSON).
WITH a AS (SELECT geom FROM survey_result WHERE parcel_code = $1 AND id = $2),
     b AS (
       SELECT ST_Transform(COALESCE(
         (SELECT r.geom FROM survey_result r WHERE r.parcel_code = $1 AND r.id = $3::uuid),
         ST_SetSRID(ST_GeomFromGeoJSON($4::text), $5::int)), ST_SRID(a.geom)) AS geom
       FROM a)
SELECT ST_HausdorffDistance(a.geom, b.geom, 0.1) AS hausdorff_m,
  ST_Area(ST_SymDifference(a.geom, b.geom)) AS symdiff_m2,
  ST_AsGeoJSON(ST_Transform(ST_Difference(b.geom, a.geom), 4490), 9) AS added_4490,
  ST_AsGeoJSON(ST_Transform(ST_Difference(a.geom, b.geom), 4490), 9) AS removed_4490
FROM a, b
WHERE a.geom IS NOT NULL AND b.geom IS NOT NULL
