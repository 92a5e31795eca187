-- Accepted, current parcel boundaries of other parcels that overlap a candidate ($1 GeoJSON MultiPolygon in
-- EPSG $2, parcel $3), with the overlap area (m², candidate's CRS), a point inside it, and whether the overlap
-- is thinner than the tolerance $4 everywhere (it vanishes under an inward buffer of $4/2: a sliver, not a
-- conflict). The candidate is materialised first so the spatial join also works distributed (SCALE-OUT.md rule 7).
WITH me AS MATERIALIZED (
  SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), $2) AS geom
), near AS (
  SELECT DISTINCT ON (r.parcel_code) r.parcel_code, r.id, r.kind, ST_Transform(r.geom, $2) AS geom
  FROM survey_result r JOIN survey_kind k ON k.code = r.kind, me
  WHERE r.status = 'accepted' AND r.superseded_by IS NULL AND k.geometry_role = 'parcel_boundary'
    AND r.geom IS NOT NULL AND r.parcel_code <> $3
    AND r.geom_4490 && ST_Transform(ST_Expand(ST_Envelope(me.geom), $4), 4490)
  ORDER BY r.parcel_code, r.surveyed_on DESC, r.reviewed_at DESC
), hit AS (
  SELECT n.parcel_code, n.id, n.kind, ST_Intersection(n.geom, me.geom) AS overlap
  FROM near n, me
  WHERE ST_Intersects(n.geom, me.geom)
)
SELECT parcel_code, id, kind, ST_Area(overlap) AS overlap_m2, ST_Perimeter(overlap) AS perimeter_m, ST_IsEmpty(ST_Buffer(overlap, -$4 / 2.0)) AS thin,
  ST_Y(ST_PointOnSurface(overlap)) AS x_north, ST_X(ST_PointOnSurface(overlap)) AS y_east
FROM hit
WHERE ST_Area(overlap) > 0
