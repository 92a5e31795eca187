-- Survey results in an EPSG:4490 bbox ($1..$4) as the map draws them (the display copy), visible to the viewer
-- ($5 organisation restriction, $6 county codes; null: none), optionally one stage ($7), at most $8.
SELECT r.id, r.parcel_code, r.stage, r.kind, k.geometry_role, r.status, r.superseded_by IS NOT NULL AS superseded,
  r.organisation, r.surveyed_on, r.plane_area_m2, ST_AsGeoJSON(r.geom_4490, 8) AS geometry
FROM survey_result r JOIN survey_kind k ON k.code = r.kind
WHERE r.geom_4490 && ST_MakeEnvelope($1, $2, $3, $4, 4490)
  AND r.status <> 'rejected'
  AND ($5::text IS NULL OR r.status = 'accepted' OR r.organisation = $5)
  AND ($6::text[] IS NULL OR left(r.parcel_code, 6) = ANY ($6))
  AND ($7::text IS NULL OR r.stage = $7)
ORDER BY r.surveyed_on, r.submitted_at
LIMIT $8
