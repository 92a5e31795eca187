-- A chunk of staged 界址点 ($1: rows of plot position, 圈号, order in the ring, 点号, X and Y as written, line;
-- tab-separated, one per line; the closing point of each ring left out).
INSERT INTO staged_point (plot_no, ring_no, seq, point_no, x, y, line)
SELECT f[1]::int, f[2]::int, f[3]::int, f[4], f[5], f[6], f[7]::int
FROM string_to_table($1::text, E'\n') AS r (line) CROSS JOIN LATERAL string_to_array(r.line, E'\t') AS f
