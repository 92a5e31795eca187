-- PostGIS's verdict on a submitted geometry (GeoJSON text $1, EPSG $2): valid, or the reason and where.
SELECT d.valid, d.reason, ST_X(d.location) AS y_east, ST_Y(d.location) AS x_north
FROM ST_IsValidDetail(ST_SetSRID(ST_GeomFromGeoJSON($1), $2)) AS d
