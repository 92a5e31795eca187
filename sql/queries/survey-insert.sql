-- Stores a survey result: the geometry exactly as submitted, its EPSG:4490 display copy and its plane area.
WITH g AS MATERIALIZED (
  SELECT CASE WHEN $10::text IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON($10), $6) END AS geom
)
INSERT INTO survey_result (
  parcel_code, stage, kind, organisation, surveyed_on, srid, precision_class, source_file_name, source_sha256,
  geom, geom_4490, plane_area_m2, declared_area_m2, declared_building_area_m2, supersedes, submitted_by)
SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9,
  g.geom, ST_Transform(g.geom, 4490), ST_Area(g.geom), $11, $12, $13, $14
FROM g
RETURNING id
