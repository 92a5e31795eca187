-- A result's per-unit areas.
SELECT unit_code, building_area_m2, inner_area_m2, shared_area_m2
FROM unit_area WHERE parcel_code = $1 AND survey_id = $2 ORDER BY unit_code
