-- A delivery's plots against the accepted, current parcel boundaries of OTHER parcels around them.
-- $1 text[]: each plot's geometry (GeoJSON, EPSG $3); $2 text[]: the parcel each plot is for; $4: the tolerance
-- (m, the precision class's 允许误差); $5: a vertex closer than this (m) is on a boundary. Retired parcels are no
-- neighbours.
-- Rows of three kinds, in the candidate's CRS:
--   overlap:          an overlap's area and perimeter, a point inside it, and whether it is thinner than $4
--                     everywhere (it vanishes under an inward buffer of $4/2: a sliver, not a conflict);
--   vertex:           a plot vertex (path = {polygon, ring, vertex}, 1-based) near but not on the neighbour's boundary;
--   neighbour_vertex: a neighbour vertex near but not on the plot's boundary.
-- The candidates are materialised first and each finds its neighbours through the GiST index on geom_4490,
-- which also keeps the join valid when distributed (SCALE-OUT.md rule 7).
WITH cand AS MATERIALIZED (
  SELECT c.i AS plot_index, c.code, ST_SetSRID(ST_GeomFromGeoJSON(c.g), $3) AS geom
  FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS c (g, code, i)
), near AS MATERIALIZED (
  SELECT c.plot_index, c.geom AS cgeom, n.parcel_code, n.id, n.kind, n.geom
  FROM cand c
  CROSS JOIN LATERAL (
    SELECT DISTINCT ON (r.parcel_code) r.parcel_code, r.id, r.kind, ST_Transform(r.geom, $3) AS geom
    FROM survey_result r JOIN survey_kind k ON k.code = r.kind
    WHERE r.geom_4490 && ST_Transform(ST_Expand(ST_Envelope(c.geom), $4), 4490)
      AND r.status = 'accepted' AND r.superseded_by IS NULL AND k.geometry_role = 'parcel_boundary'
      AND r.geom IS NOT NULL AND r.parcel_code <> c.code AND r.boundary_role IS DISTINCT FROM 'confirms'
      AND NOT EXISTS (SELECT 1 FROM parcel_retirement pr WHERE pr.parcel_code = r.parcel_code)
    ORDER BY r.parcel_code, r.reviewed_at DESC
  ) n
  WHERE ST_DWithin(n.geom, c.geom, $4)
), overlap_shapes AS (
  SELECT plot_index, parcel_code, id, kind, ST_Intersection(geom, cgeom) AS shape
  FROM near WHERE ST_Intersects(geom, cgeom)
), vertices AS (
  SELECT n.plot_index, n.parcel_code, 'vertex' AS what, d.path, d.geom AS vertex, ST_Boundary(n.geom) AS edge, n.geom AS other
  FROM near n, ST_DumpPoints(n.cgeom) AS d
  UNION ALL
  SELECT n.plot_index, n.parcel_code, 'neighbour_vertex', NULL, d.geom, ST_Boundary(n.cgeom), n.cgeom
  FROM near n, ST_DumpPoints(n.geom) AS d
)
SELECT plot_index, parcel_code, id, kind, 'overlap' AS what, NULL::int[] AS path,
  ST_Area(shape) AS area_m2, ST_Perimeter(shape) AS perimeter_m, ST_IsEmpty(ST_Buffer(shape, -$4 / 2.0)) AS thin,
  NULL::float8 AS distance_m, true AS inside,
  ST_Y(ST_PointOnSurface(shape)) AS x_north, ST_X(ST_PointOnSurface(shape)) AS y_east
FROM overlap_shapes WHERE ST_Area(shape) > 0
UNION ALL
SELECT DISTINCT plot_index, parcel_code, NULL::uuid, NULL::text, what, path, NULL::float8, NULL::float8, NULL::boolean,
  ST_Distance(vertex, edge), ST_Intersects(vertex, other), ST_Y(vertex), ST_X(vertex)
FROM vertices
WHERE ST_DWithin(vertex, edge, $4) AND ST_Distance(vertex, edge) > $5
ORDER BY plot_index, what, parcel_code
