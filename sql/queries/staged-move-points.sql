-- Staged import → boundary_point: every 界址点 with the digits as written, the closing point of each ring not
-- repeated (the checks refused unclosed rings); part_no is the plot's order among its parcel's plots.
INSERT INTO boundary_point (parcel_code, survey_id, part_no, ring_no, seq, point_no, x_north, y_east)
SELECT p.parcel_code, r.id, p.part_no, s.ring_no, s.seq, s.point_no, s.x::numeric, s.y::numeric
FROM (SELECT staged_point.*, max(seq) OVER (PARTITION BY plot_no, ring_no) AS last FROM staged_point) s
JOIN (SELECT plot_no, parcel_code, row_number() OVER (PARTITION BY parcel_code ORDER BY plot_no) AS part_no FROM staged_plot) p ON p.plot_no = s.plot_no
JOIN staged_result r ON r.parcel_code = p.parcel_code
WHERE s.seq < s.last
