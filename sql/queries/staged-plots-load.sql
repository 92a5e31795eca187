-- A chunk of staged plots ($1: rows of position, line, 地块编号, 地块面积 and 界址点数 as written, part of its parcel,
-- polygon as WKT or empty; tab-separated, one per line) in EPSG $2 (x = easting Y, y = northing X). One text parameter
-- split here: the same statement on both engines, no per-value encoding on the hub's main thread.
INSERT INTO staged_plot (plot_no, line, parcel_code, declared, point_count, part_no, geom)
SELECT f[1]::int, f[2]::int, f[3], f[4], f[5], f[6]::int, CASE WHEN f[7] <> '' THEN ST_GeomFromText(f[7], $2::int) END
FROM string_to_table($1::text, E'\n') AS r (line) CROSS JOIN LATERAL string_to_array(r.line, E'\t') AS f
