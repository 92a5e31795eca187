-- The synthetic city's results as submitted (city_result), with their EPSG:4490 display copy and plane area, in
-- parcel order (rows of a parcel stay together on disk). Submitted by the generator $1.
INSERT INTO survey_result (
  parcel_code, id, stage, kind, organisation, surveyed_on, srid, precision_class, source_file_name, source_sha256,
  geom, geom_4490, plane_area_m2, declared_area_m2, declared_building_area_m2, submitted_by, submitted_at,
  area_precision_class, supply_doc_kind, supply_doc_no, supply_doc_date, acceptance_no, acceptance_date)
SELECT r.parcel_code, r.id, r.stage, r.kind, r.org, r.surveyed_on, 4526, r.precision_class, 'city-' || r.part || '.txt',
  encode(sha256(convert_to(r.id::text, 'UTF8')), 'hex'),
  r.geom, ST_Transform(r.geom, 4490), ST_Area(r.geom), r.declared_area_m2, r.declared_building_area_m2, $1, r.surveyed_on + interval '5 days',
  r.area_precision_class, r.supply_doc_kind, r.supply_doc_no, r.supply_doc_date, r.acceptance_no, r.acceptance_date
FROM city_result r
ORDER BY r.parcel_code, r.surveyed_on
