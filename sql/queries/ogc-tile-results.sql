-- Vector tile rows of "results": every result with a geometry the viewer may see ($5 organisation whose unreviewed
-- results are the only ones besides accepted ones, null: all; $6 county codes, null: all), rejected ones left out as
-- on the map, whose display copy meets WebMercatorQuad tile $1/$2/$3 widened by $4 (the tile buffer).
SELECT jsonb_build_object('surveyId', r.id::text, 'parcelCode', r.parcel_code::text, 'stage', r.stage, 'kind', r.kind,
    'role', k.geometry_role, 'status', r.status, 'superseded', r.superseded_by IS NOT NULL) AS props,
  r.geom_4490 AS geom
FROM survey_result r
JOIN survey_kind k ON k.code = r.kind
WHERE r.geom_4490 && ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => $4::float8), 4490)
  AND r.status <> 'rejected'
  AND ($5::text IS NULL OR r.status = 'accepted' OR r.organisation = $5)
  AND ($6::text[] IS NULL OR left(r.parcel_code, 6) = ANY ($6))
