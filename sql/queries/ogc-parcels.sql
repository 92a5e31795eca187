-- OGC collection "parcels": the boundary in force of each parcel at $14 (null: now) — the newest accepted boundary
-- result that established it and was not superseded by then (DOMAIN.md §5) — of parcels not retired by then.
-- $1..$4 bbox (EPSG:4490 lon/lat, null: none), $5 county codes (null: all), $6 output EPSG (4490: the display copy,
-- the result's own srid: as surveyed, else ST_Transform), $7 flip axes (north/east or lat/lon order), $8 keyset cursor
-- [parcel_code], $9 limit, $10..$11 acceptance time range, $12 parcel code, $13 feature id (parcel code), $14 asOf.
SELECT b.parcel_code, p.location, p.land_use, p.right_type, b.id AS established_by, b.stage, b.kind, b.srid, b.organisation,
  b.reviewed_at AS accepted_at, b.plane_area_m2, b.declared_area_m2,
  ST_AsGeoJSON(CASE WHEN $7::boolean THEN ST_FlipCoordinates(g.geom) ELSE g.geom END, CASE WHEN $6::int = 4490 THEN 9 ELSE 4 END) AS geometry
FROM survey_result b
JOIN survey_kind k ON k.code = b.kind
JOIN parcel p ON p.parcel_code = b.parcel_code
CROSS JOIN LATERAL (SELECT ST_Multi(CASE WHEN $6::int = 4490 THEN b.geom_4490 WHEN b.srid = $6::int THEN b.geom ELSE ST_Transform(b.geom, $6::int) END) AS geom) g
WHERE b.status = 'accepted' AND b.geom IS NOT NULL AND k.geometry_role = 'parcel_boundary' AND b.boundary_role IS DISTINCT FROM 'confirms'
  AND b.reviewed_at <= coalesce($14::timestamptz, now())
  AND (b.superseded_by IS NULL OR (SELECT s.reviewed_at FROM survey_result s WHERE s.parcel_code = b.parcel_code AND s.id = b.superseded_by) > coalesce($14::timestamptz, now()))
  AND ($1::float8 IS NULL OR b.geom_4490 && ST_MakeEnvelope($1, $2, $3, $4, 4490))
  AND ($5::text[] IS NULL OR left(b.parcel_code, 6) = ANY ($5))
  AND ($8::jsonb IS NULL OR b.parcel_code > ($8::jsonb ->> 0))
  AND ($10::timestamptz IS NULL OR b.reviewed_at >= $10) AND ($11::timestamptz IS NULL OR b.reviewed_at <= $11)
  AND ($12::text IS NULL OR b.parcel_code = $12) AND ($13::text IS NULL OR b.parcel_code = $13)
  AND NOT EXISTS (
    SELECT 1 FROM survey_result o JOIN survey_kind ok ON ok.code = o.kind
    WHERE o.parcel_code = b.parcel_code AND o.status = 'accepted' AND o.geom IS NOT NULL AND ok.geometry_role = 'parcel_boundary'
      AND o.boundary_role IS DISTINCT FROM 'confirms' AND o.reviewed_at <= coalesce($14::timestamptz, now()) AND (o.reviewed_at, o.id) > (b.reviewed_at, b.id)
      AND (o.superseded_by IS NULL OR (SELECT s.reviewed_at FROM survey_result s WHERE s.parcel_code = o.parcel_code AND s.id = o.superseded_by) > coalesce($14::timestamptz, now())))
  AND NOT EXISTS (SELECT 1 FROM parcel_retirement t WHERE t.parcel_code = b.parcel_code AND t.retired_at <= coalesce($14::timestamptz, now()))
ORDER BY b.parcel_code
LIMIT $9
