-- Vertices of a candidate ($1 GeoJSON MultiPolygon in EPSG $2, parcel $3) that lie near, but not on, the
-- boundary of an accepted, current neighbouring parcel: closer than $4 m and farther than $5 m — the
-- gaps and slivers a shared boundary should not have. path = {polygon, ring, vertex}, 1-based.
WITH me AS MATERIALIZED (
  SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), $2) AS geom
), near AS (
  SELECT DISTINCT ON (r.parcel_code) r.parcel_code, ST_Boundary(ST_Transform(r.geom, $2)) AS edge, ST_Transform(r.geom, $2) AS geom
  FROM survey_result r JOIN survey_kind k ON k.code = r.kind, me
  WHERE r.status = 'accepted' AND r.superseded_by IS NULL AND k.geometry_role = 'parcel_boundary'
    AND r.geom IS NOT NULL AND r.parcel_code <> $3
    AND r.geom_4490 && ST_Transform(ST_Expand(ST_Envelope(me.geom), $4), 4490)
  ORDER BY r.parcel_code, r.surveyed_on DESC, r.reviewed_at DESC
)
SELECT n.parcel_code, d.path, ST_Distance(d.geom, n.edge) AS distance_m, ST_Intersects(d.geom, n.geom) AS inside
FROM near n, me, ST_DumpPoints(me.geom) AS d
WHERE ST_DWithin(d.geom, n.edge, $4) AND ST_Distance(d.geom, n.edge) > $5
