-- One result by id (without geometry), with its kind's role and unit-area totals, if the viewer may see it
-- ($2 organisation restriction, $3 county codes; null: none).
SELECT r.id, r.parcel_code, r.stage, r.kind, k.geometry_role, k.official_land_area, k.family, k.unit_areas, r.organisation, r.surveyed_on,
  r.srid, r.precision_class, r.source_file_name, r.source_sha256, r.declared_area_m2, r.declared_building_area_m2,
  r.plane_area_m2, r.geom IS NOT NULL AS has_geometry, r.status, r.supersedes, r.superseded_by, r.submitted_by,
  r.submitted_at, r.reviewer, r.reviewed_at, r.review_note, r.area_precision_class, r.supply_doc_kind, r.supply_doc_no,
  r.supply_doc_date, r.acceptance_no, r.acceptance_date, r.boundary_role, r.boundary_of,
  r.suspended_at, r.suspended_by, r.suspend_note,
  ua.unit_count, ua.building_area_m2, ua.inner_area_m2, ua.shared_area_m2
FROM survey_result r
JOIN survey_kind k ON k.code = r.kind
LEFT JOIN LATERAL (
  SELECT count(*) AS unit_count, sum(building_area_m2) AS building_area_m2,
    sum(inner_area_m2) AS inner_area_m2, sum(shared_area_m2) AS shared_area_m2
  FROM unit_area a WHERE a.parcel_code = r.parcel_code AND a.survey_id = r.id
) ua ON true
WHERE r.id = $1
  AND ($2::text IS NULL OR r.status = 'accepted' OR r.organisation = $2)
  AND ($3::text[] IS NULL OR left(r.parcel_code, 6) = ANY ($3))
