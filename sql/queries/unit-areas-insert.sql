-- Stores the per-unit areas of a result in one statement (parallel arrays, one element per unit).
INSERT INTO unit_area (parcel_code, survey_id, unit_code, building_area_m2, inner_area_m2, shared_area_m2)
SELECT $1, $2, u.unit_code, u.building_area, u.inner_area, u.shared_area
FROM unnest($3::text[], $4::numeric[], $5::numeric[], $6::numeric[]) AS u (unit_code, building_area, inner_area, shared_area)
