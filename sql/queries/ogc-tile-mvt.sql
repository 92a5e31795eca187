-- A vector tile encoded by PostGIS (server engine): the rows of ogc-tile-<collection>.sql (spliced in for
-- the placeholder by tiles.service.ts, with its parameters $1..$6) as layer $7, extent 4096, buffer 64. The MATERIALIZED
-- CTE form is SCALE-OUT.md rule 8 (the subquery form loses attribute keys on Citus); jsonb props become attributes.
WITH t AS MATERIALIZED (
  SELECT jsonb_strip_nulls(f.props) AS props,
    ST_AsMVTGeom(ST_Transform(f.geom, 3857), ST_TileEnvelope($1::int, $2::int, $3::int), 4096, 64, true) AS geom
  FROM (/*ROWS*/) f
)
SELECT ST_AsMVT(t.*, $7::text, 4096, 'geom') AS tile FROM t WHERE t.geom IS NOT NULL
