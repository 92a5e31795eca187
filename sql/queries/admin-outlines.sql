-- Province, city and county outlines for the map (EPSG:4490, 4 decimals) from the shipped approximate county outlines.
-- $1: JSON array of {code, name, city, province, geometry (GeoJSON)}. Counties as given; a city or province is the union
-- of its counties, each grown and shrunk by 0.003° (the outlines' simplification tolerance) so the slivers between
-- separately simplified neighbours close. label: a point inside the outline for its name.
WITH county AS (
  SELECT c->>'code' AS code, c->>'name' AS name, c->>'city' AS city, c->>'province' AS province,
         ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(c->>'geometry'), 4490)) AS geom
  FROM json_array_elements($1::json) AS c
),
outline AS (
  SELECT 'county' AS level, code, name, geom FROM county
  UNION ALL
  SELECT 'city', min(left(code, 4)) || '00', city, ST_Buffer(ST_Union(ST_Buffer(geom, 0.003)), -0.003) FROM county GROUP BY province, city
  UNION ALL
  SELECT 'province', min(left(code, 2)) || '0000', province, ST_Buffer(ST_Union(ST_Buffer(geom, 0.003)), -0.003) FROM county GROUP BY province
)
SELECT level, code, name, ST_AsGeoJSON(geom, 4, 0) AS geometry, ST_X(ST_PointOnSurface(geom)) AS label_lon, ST_Y(ST_PointOnSurface(geom)) AS label_lat
FROM outline
ORDER BY level, code
