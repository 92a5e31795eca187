-- OGC collection "units" (no geometry): each unit with the areas of the newest current accepted 预测 (pre-sale) and
-- 实测 (verified) results, m². $1 county codes (null: all), $2 organisation of a surveyor (null: all; units it
-- registered itself or the registry's show before any area is accepted), $3 keyset cursor [parcel_code, unit_code],
-- $4 limit, $5 parcel code, $6 feature id (unit code).
SELECT u.parcel_code, u.unit_code, u.location, u.use, u.floor,
  pre.survey_id AS presale_survey_id, pre.building_area_m2 AS presale_building_area_m2, pre.inner_area_m2 AS presale_inner_area_m2, pre.shared_area_m2 AS presale_shared_area_m2,
  ver.survey_id AS verified_survey_id, ver.building_area_m2 AS verified_building_area_m2, ver.inner_area_m2 AS verified_inner_area_m2, ver.shared_area_m2 AS verified_shared_area_m2
FROM unit u
LEFT JOIN LATERAL (
  SELECT a.survey_id, a.building_area_m2, a.inner_area_m2, a.shared_area_m2
  FROM unit_area a JOIN survey_result r ON r.parcel_code = a.parcel_code AND r.id = a.survey_id JOIN survey_kind k ON k.code = r.kind
  WHERE a.parcel_code = u.parcel_code AND a.unit_code = u.unit_code AND r.status = 'accepted' AND r.superseded_by IS NULL AND k.unit_areas = 'presale'
  ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 1
) pre ON true
LEFT JOIN LATERAL (
  SELECT a.survey_id, a.building_area_m2, a.inner_area_m2, a.shared_area_m2
  FROM unit_area a JOIN survey_result r ON r.parcel_code = a.parcel_code AND r.id = a.survey_id JOIN survey_kind k ON k.code = r.kind
  WHERE a.parcel_code = u.parcel_code AND a.unit_code = u.unit_code AND r.status = 'accepted' AND r.superseded_by IS NULL AND k.unit_areas = 'verified'
  ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 1
) ver ON true
WHERE ($1::text[] IS NULL OR left(u.parcel_code, 6) = ANY ($1))
  AND ($2::text IS NULL OR u.organisation IS NULL OR u.organisation = $2 OR pre.survey_id IS NOT NULL OR ver.survey_id IS NOT NULL)
  AND ($3::jsonb IS NULL OR (u.parcel_code, u.unit_code) > (($3::jsonb ->> 0)::char(19), ($3::jsonb ->> 1)::char(28)))
  AND ($5::text IS NULL OR u.parcel_code = $5) AND ($6::text IS NULL OR u.unit_code = $6)
ORDER BY u.parcel_code, u.unit_code
LIMIT $4
