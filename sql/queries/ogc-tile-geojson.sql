-- The rows of ogc-tile-<collection>.sql (spliced in at the placeholder, parameters $1..$6) as lon/lat GeoJSON, for the hub
-- to encode the tile itself where PostGIS has no ST_AsMVT (the embedded engine).
SELECT jsonb_strip_nulls(f.props) AS props, ST_AsGeoJSON(f.geom, 9) AS geometry FROM (/*ROWS*/) f
