-- Parcels by code prefix or 坐落 text ($1, LIKE-escaped, or null) and by an EPSG:4490 bbox ($2..$5, or null), as
-- the viewer sees them: only results it may see count and place a parcel ($8 organisation restriction, $9 county codes).
WITH hits AS MATERIALIZED (
  SELECT p.parcel_code, p.location, p.land_use, p.right_type, p.county_code
  FROM parcel p
  WHERE ($1::text IS NULL OR p.parcel_code LIKE $1 || '%' OR p.location ILIKE '%' || $1 || '%')
    AND ($9::text[] IS NULL OR p.county_code = ANY ($9))
    -- A parcel an unreviewed submission registered shows only to that organisation until a result is accepted.
    AND ($8::text IS NULL OR p.organisation IS NULL OR p.organisation = $8
      OR EXISTS (SELECT 1 FROM survey_result r WHERE r.parcel_code = p.parcel_code AND r.status = 'accepted'))
    AND ($2::float8 IS NULL OR EXISTS (
      SELECT 1 FROM survey_result r
      WHERE r.parcel_code = p.parcel_code
        AND ($8::text IS NULL OR r.status = 'accepted' OR r.organisation = $8)
        AND r.geom_4490 && ST_MakeEnvelope($2, $3, $4, $5, 4490)
        AND ST_Intersects(r.geom_4490, ST_MakeEnvelope($2, $3, $4, $5, 4490))))
  ORDER BY p.parcel_code
  LIMIT $6 OFFSET $7
)
-- Per parcel of the hits, one aggregate (restricted to the hits, joined back): a lateral outer join over a
-- distributed table is refused on Citus.
, stats AS (
  SELECT r.parcel_code, count(*) AS result_count, count(*) FILTER (WHERE r.status = 'accepted') AS accepted_count,
    array_agg(DISTINCT r.stage) AS stages, ST_Extent(r.geom_4490)::geometry AS extent
  FROM survey_result r
  WHERE r.parcel_code IN (SELECT parcel_code FROM hits) AND ($8::text IS NULL OR r.status = 'accepted' OR r.organisation = $8)
  GROUP BY r.parcel_code
)
SELECT h.*, coalesce(s.result_count, 0) AS result_count, coalesce(s.accepted_count, 0) AS accepted_count, s.stages,
  ST_XMin(s.extent) AS min_lon, ST_YMin(s.extent) AS min_lat, ST_XMax(s.extent) AS max_lon, ST_YMax(s.extent) AS max_lat
FROM hits h
LEFT JOIN stats s USING (parcel_code)
ORDER BY h.parcel_code
