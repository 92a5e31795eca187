-- Do the new parcels lie within their predecessors? The boundaries $1/$2 (predecessor codes / result ids) united, and
-- each new parcel's boundary $3/$4 measured against them in the predecessors' CRS: its area and the area outside, m².
WITH p AS MATERIALIZED (
  SELECT ST_Union(geom) AS g FROM survey_result r
  JOIN unnest($1::text[], $2::uuid[]) AS k (code, id) ON r.parcel_code = k.code AND r.id = k.id
)
SELECT r.parcel_code, ST_Area(r.geom) AS area_m2,
  ST_Area(ST_Difference(ST_Transform(r.geom, ST_SRID(p.g)), p.g)) AS outside_m2,
  ST_Area(p.g) AS predecessors_m2
FROM survey_result r
JOIN unnest($3::text[], $4::uuid[]) AS k (code, id) ON r.parcel_code = k.code AND r.id = k.id
CROSS JOIN p
