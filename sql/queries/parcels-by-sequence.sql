-- Parcels by the end of their code as the map labels them: the 5-digit 宗地顺序号 $1 (characters 15–19, found through
-- parcel_sequence_idx), with the 权属/权利类型 letters $10 (characters 13–14; null: any) — GB00112 or 00112. Same
-- parameters and answer as parcels-search.sql otherwise: an EPSG:4490 bbox ($2..$5, or null), limit $6 offset $7, as the
-- viewer sees them ($8 organisation restriction, $9 county codes).
WITH hits AS MATERIALIZED (
  SELECT p.parcel_code, p.location, p.land_use, p.right_type, p.county_code
  FROM parcel p
  WHERE substr(p.parcel_code, 15, 5) = $1
    AND ($10::text IS NULL OR substr(p.parcel_code, 13, 2) = $10)
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
SELECT h.*, s.result_count, s.accepted_count, s.stages,
  ST_XMin(s.extent) AS min_lon, ST_YMin(s.extent) AS min_lat, ST_XMax(s.extent) AS max_lon, ST_YMax(s.extent) AS max_lat
FROM hits h
LEFT JOIN LATERAL (
  SELECT count(*) AS result_count, count(*) FILTER (WHERE r.status = 'accepted') AS accepted_count,
    array_agg(DISTINCT r.stage) AS stages, ST_Extent(r.geom_4490)::geometry AS extent
  FROM survey_result r WHERE r.parcel_code = h.parcel_code AND ($8::text IS NULL OR r.status = 'accepted' OR r.organisation = $8)
) s ON true
ORDER BY h.parcel_code
