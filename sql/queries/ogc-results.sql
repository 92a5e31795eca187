-- OGC collection "results": survey results per stage with their status, as the viewer may see them ($5 organisation
-- whose unreviewed results are the only ones besides accepted ones, null: all; $6 county codes, null: all).
-- $1..$4 bbox (EPSG:4490, null: none), $7 output EPSG, $8 flip axes, $9 keyset cursor [parcel_code, id], $10 limit,
-- $11..$12 decision time range, $13 parcel code, $14 stage, $15 status, $16 feature id (result id).
SELECT r.id, r.parcel_code, r.stage, r.kind, k.geometry_role, r.status, r.superseded_by, r.organisation, r.surveyed_on, r.srid,
  r.precision_class, r.reviewed_at AS decided_at, r.plane_area_m2, r.declared_area_m2,
  ST_AsGeoJSON(CASE WHEN $8::boolean THEN ST_FlipCoordinates(g.geom) ELSE g.geom END, CASE WHEN $7::int = 4490 THEN 9 ELSE 4 END) AS geometry
FROM survey_result r
JOIN survey_kind k ON k.code = r.kind
CROSS JOIN LATERAL (SELECT ST_Multi(CASE WHEN $7::int = 4490 THEN r.geom_4490 WHEN r.srid = $7::int THEN r.geom ELSE ST_Transform(r.geom, $7::int) END) AS geom) g
WHERE ($1::float8 IS NULL OR r.geom_4490 && ST_MakeEnvelope($1, $2, $3, $4, 4490))
  AND ($5::text IS NULL OR r.status = 'accepted' OR r.organisation = $5)
  AND ($6::text[] IS NULL OR left(r.parcel_code, 6) = ANY ($6))
  AND ($9::jsonb IS NULL OR (r.parcel_code, r.id) > (($9::jsonb ->> 0)::char(19), ($9::jsonb ->> 1)::uuid))
  AND ($11::timestamptz IS NULL OR r.reviewed_at >= $11) AND ($12::timestamptz IS NULL OR r.reviewed_at <= $12)
  AND ($13::text IS NULL OR r.parcel_code = $13) AND ($14::text IS NULL OR r.stage = $14) AND ($15::text IS NULL OR r.status = $15)
  AND ($16::uuid IS NULL OR r.id = $16)
ORDER BY r.parcel_code, r.id
LIMIT $10
