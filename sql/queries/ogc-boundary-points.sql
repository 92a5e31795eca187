-- OGC collection "boundary-points": 界址点 of the results the viewer may see ($5 organisation, $6 county codes as in
-- ogc-results.sql), X (northing) and Y (easting) with the digits as submitted, the point in the output CRS.
-- $1..$4 bbox (EPSG:4490, null: none), $7 output EPSG, $8 flip axes, $9 keyset cursor [parcel_code, survey_id, part,
-- ring, seq], $10 limit, $11..$12 decision time range, $13 parcel code, $14 stage, $15 status, $16 result id,
-- $17 feature id (survey_id.part.ring.seq).
SELECT b.parcel_code, b.survey_id, b.part_no, b.ring_no, b.seq, b.point_no, b.x_north::text AS x, b.y_east::text AS y,
  r.srid, r.precision_class, r.stage, r.status, r.reviewed_at AS decided_at,
  ST_AsGeoJSON(CASE WHEN $8::boolean THEN ST_FlipCoordinates(g.geom) ELSE g.geom END, CASE WHEN $7::int = 4490 THEN 9 ELSE 4 END) AS geometry
FROM survey_result r
JOIN boundary_point b ON b.parcel_code = r.parcel_code AND b.survey_id = r.id
CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(b.y_east::float8, b.x_north::float8), r.srid) AS surveyed) s
CROSS JOIN LATERAL (SELECT CASE WHEN r.srid = $7::int THEN s.surveyed ELSE ST_Transform(s.surveyed, $7::int) END AS geom) g
WHERE ($1::float8 IS NULL OR (r.geom_4490 && ST_MakeEnvelope($1, $2, $3, $4, 4490) AND ST_Transform(s.surveyed, 4490) && ST_MakeEnvelope($1, $2, $3, $4, 4490)))
  AND ($5::text IS NULL OR r.status = 'accepted' OR r.organisation = $5)
  AND ($6::text[] IS NULL OR left(r.parcel_code, 6) = ANY ($6))
  AND ($9::jsonb IS NULL OR (b.parcel_code, b.survey_id, b.part_no, b.ring_no, b.seq) >
       (($9::jsonb ->> 0)::char(19), ($9::jsonb ->> 1)::uuid, ($9::jsonb ->> 2)::smallint, ($9::jsonb ->> 3)::smallint, ($9::jsonb ->> 4)::int))
  AND ($11::timestamptz IS NULL OR r.reviewed_at >= $11) AND ($12::timestamptz IS NULL OR r.reviewed_at <= $12)
  AND ($13::text IS NULL OR r.parcel_code = $13) AND ($14::text IS NULL OR r.stage = $14) AND ($15::text IS NULL OR r.status = $15)
  AND ($16::uuid IS NULL OR r.id = $16)
  AND ($17::text IS NULL OR (r.id = split_part($17, '.', 1)::uuid AND concat_ws('.', b.survey_id, b.part_no, b.ring_no, b.seq) = $17))
ORDER BY b.parcel_code, b.survey_id, b.part_no, b.ring_no, b.seq
LIMIT $10
