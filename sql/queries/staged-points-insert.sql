-- A batch of staged 界址点 (parallel arrays: plot, 圈号, order in the ring, 点号, X and Y as written, line).
INSERT INTO staged_point (plot_no, ring_no, seq, point_no, x, y, line)
SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[])
