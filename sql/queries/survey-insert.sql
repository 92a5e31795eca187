-- Stores survey results of one submission, one per parcel (parallel arrays $1, $10–$12: parcel code, geometry
-- as GeoJSON or null, declared land area, supersedes), sharing the provenance $2–$9, $13–$20: the geometry exactly
-- as submitted, its EPSG:4490 display copy and its plane area, and the evidence the registration rules cite.
INSERT INTO survey_result (
  parcel_code, stage, kind, organisation, surveyed_on, srid, precision_class, source_file_name, source_sha256,
  geom, geom_4490, plane_area_m2, declared_area_m2, declared_building_area_m2, supersedes, submitted_by,
  area_precision_class, supply_doc_kind, supply_doc_no, supply_doc_date, acceptance_no, acceptance_date)
SELECT r.parcel_code, $2, $3, $4, $5, $6, $7, $8, $9,
  g.geom, ST_Transform(g.geom, 4490), ST_Area(g.geom), r.declared_area, $14, r.supersedes, $13,
  $15, $16, $17, $18, $19, $20
FROM unnest($1::text[], $10::text[], $11::numeric[], $12::uuid[]) AS r (parcel_code, geojson, declared_area, supersedes)
CROSS JOIN LATERAL (SELECT CASE WHEN r.geojson IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON(r.geojson), $6) END AS geom) g
RETURNING id, parcel_code
