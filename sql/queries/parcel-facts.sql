-- Everything a registration packet's decision or a parcel read needs about parcel $1, in one round trip (no row: no
-- such parcel), as the viewer may see it ($2 an organisation whose unreviewed results and units are the only ones
-- besides accepted ones, $3 the county codes in scope; null: no restriction): the parcel, its retirement and lineage,
-- its units (as units-by-parcel.sql), every result (as survey-results-by-parcel.sql), the unit areas of each current
-- result with unit areas, and the geometry and 界址点 of each current boundary result that is not a confirmation.
-- Which of them are the pre-sale/verified sources and the boundary in force is decided in the domain
-- (survey-result.ts); these supersets are usually one result each. Timestamps come as ISO text inside the JSON.
SELECT p.parcel_code, p.location, p.land_use, p.right_type, p.created_at, p.updated_at, p.organisation,
  EXISTS (SELECT 1 FROM survey_result r WHERE r.parcel_code = p.parcel_code AND r.status = 'accepted') AS has_accepted,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('unit_code', u.unit_code, 'location', u.location, 'use', u.use, 'floor', u.floor) ORDER BY u.unit_code), '[]')
   FROM unit u
   WHERE u.parcel_code = p.parcel_code
     AND ($2::text IS NULL OR u.organisation IS NULL OR u.organisation = $2 OR EXISTS (
       SELECT 1 FROM unit_area a JOIN survey_result r ON r.parcel_code = a.parcel_code AND r.id = a.survey_id
       WHERE a.parcel_code = u.parcel_code AND a.unit_code = u.unit_code AND r.status = 'accepted'))) AS units,
  (SELECT to_jsonb(x) FROM (
     SELECT event_id, kind, successor_codes, change_no, recorded_by, retired_at
     FROM parcel_retirement WHERE parcel_code = p.parcel_code) x) AS retirement,
  (SELECT to_jsonb(x) FROM (
     SELECT event_id, kind, predecessor_codes, survey_id, change_no, recorded_by, recorded_at
     FROM parcel_lineage WHERE parcel_code = p.parcel_code ORDER BY recorded_at DESC LIMIT 1) x) AS lineage,
  (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.surveyed_on, x.submitted_at, x.id), '[]') FROM (
     SELECT r.id, r.parcel_code, r.stage, r.kind, k.geometry_role, k.official_land_area, k.family, k.unit_areas, r.organisation,
       r.surveyed_on, r.srid, r.precision_class, r.source_file_name, r.source_sha256, r.declared_area_m2,
       r.declared_building_area_m2, r.plane_area_m2, r.geom IS NOT NULL AS has_geometry, r.status, r.supersedes,
       r.superseded_by, r.submitted_by, r.submitted_at, r.reviewer, r.reviewed_at, r.review_note, r.area_precision_class,
       r.supply_doc_kind, r.supply_doc_no, r.supply_doc_date, r.acceptance_no, r.acceptance_date, r.boundary_role,
       r.boundary_of, ua.unit_count, ua.building_area_m2, ua.inner_area_m2, ua.shared_area_m2
     FROM survey_result r
     JOIN survey_kind k ON k.code = r.kind
     LEFT JOIN LATERAL (
       SELECT count(*) AS unit_count, sum(building_area_m2) AS building_area_m2,
         sum(inner_area_m2) AS inner_area_m2, sum(shared_area_m2) AS shared_area_m2
       FROM unit_area a WHERE a.parcel_code = r.parcel_code AND a.survey_id = r.id
     ) ua ON true
     WHERE r.parcel_code = p.parcel_code
       AND ($2::text IS NULL OR r.status = 'accepted' OR r.organisation = $2)
       AND ($3::text[] IS NULL OR left(r.parcel_code, 6) = ANY ($3))) x) AS results,
  (SELECT coalesce(jsonb_object_agg(r.id, (
     SELECT coalesce(jsonb_agg(jsonb_build_object('unit_code', a.unit_code, 'building_area_m2', a.building_area_m2,
         'inner_area_m2', a.inner_area_m2, 'shared_area_m2', a.shared_area_m2) ORDER BY a.unit_code), '[]')
     FROM unit_area a WHERE a.parcel_code = r.parcel_code AND a.survey_id = r.id)), '{}')
   FROM survey_result r JOIN survey_kind k ON k.code = r.kind
   WHERE r.parcel_code = p.parcel_code AND r.status = 'accepted' AND r.superseded_by IS NULL AND k.unit_areas <> 'none') AS unit_areas,
  (SELECT coalesce(jsonb_object_agg(r.id, jsonb_build_object(
       -- json (not jsonb) keeps the digits ST_AsGeoJSON wrote.
       'geometry', ST_AsGeoJSON(r.geom, 15)::json, 'geometry_4490', ST_AsGeoJSON(r.geom_4490, 9)::json,
       'points', (SELECT coalesce(jsonb_agg(jsonb_build_object('part_no', b.part_no, 'ring_no', b.ring_no, 'seq', b.seq,
           'point_no', b.point_no, 'x_north', b.x_north, 'y_east', b.y_east, 'x_text', b.x_north::text, 'y_text', b.y_east::text)
           ORDER BY b.part_no, b.ring_no, b.seq), '[]')
         FROM boundary_point b WHERE b.parcel_code = r.parcel_code AND b.survey_id = r.id))), '{}')
   FROM survey_result r JOIN survey_kind k ON k.code = r.kind
   WHERE r.parcel_code = p.parcel_code AND r.status = 'accepted' AND r.superseded_by IS NULL
     AND k.geometry_role = 'parcel_boundary' AND r.geom IS NOT NULL AND r.boundary_role IS DISTINCT FROM 'confirms') AS boundaries
FROM parcel p WHERE p.parcel_code = $1
