-- 界址点 J1–J4 of every boundary result of the synthetic city (city_result rows with a parcel boundary), with the
-- digits the ring was built from (mm).
INSERT INTO boundary_point (parcel_code, survey_id, part_no, ring_no, seq, point_no, x_north, y_east)
SELECT r.parcel_code, r.id, 1, 1, c.seq, 'J' || c.seq,
  round(r.n0 + CASE WHEN c.seq > 2 THEN 30 ELSE 0 END, 3), round(r.e0 + CASE WHEN c.seq IN (2, 3) THEN r.w ELSE 0 END, 3)
FROM city_result r
CROSS JOIN generate_series(1, 4) AS c (seq)
WHERE r.part IN ('land', 'pending', 'predecessor')
ORDER BY r.parcel_code, r.id, c.seq
