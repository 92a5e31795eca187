-- Vertices near, but not on, the boundary between a candidate ($1 GeoJSON MultiPolygon in EPSG $2, parcel $3)
-- and an accepted, current neighbouring parcel: closer than $4 m and farther than $5 m — the gaps and slivers
-- a shared boundary should not have. Both ways: the candidate's vertices against the neighbour's boundary
-- (path = {polygon, ring, vertex}, 1-based) and the neighbour's vertices against the candidate's (path null).
-- inside: the vertex lies inside the other polygon (an overlap), else outside it (a gap).
WITH me AS MATERIALIZED (
  SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), $2) AS geom
), near AS (
  SELECT DISTINCT ON (r.parcel_code) r.parcel_code, ST_Transform(r.geom, $2) AS geom
  FROM survey_result r JOIN survey_kind k ON k.code = r.kind, me
  WHERE r.status = 'accepted' AND r.superseded_by IS NULL AND k.geometry_role = 'parcel_boundary'
    AND r.geom IS NOT NULL AND r.parcel_code <> $3
    AND r.geom_4490 && ST_Transform(ST_Expand(ST_Envelope(me.geom), $4), 4490)
  ORDER BY r.parcel_code, r.surveyed_on DESC, r.reviewed_at DESC
), pairs AS (
  SELECT n.parcel_code, d.path, d.geom AS vertex, ST_Boundary(n.geom) AS edge, n.geom AS other
  FROM near n, me, ST_DumpPoints(me.geom) AS d
  UNION ALL
  SELECT n.parcel_code, NULL, d.geom, ST_Boundary(me.geom), me.geom
  FROM near n, me, ST_DumpPoints(n.geom) AS d
)
SELECT DISTINCT parcel_code, path, ST_Distance(vertex, edge) AS distance_m, ST_Intersects(vertex, other) AS inside,
  ST_Y(vertex) AS x_north, ST_X(vertex) AS y_east
FROM pairs
WHERE ST_DWithin(vertex, edge, $4) AND ST_Distance(vertex, edge) > $5
