-- Staged import → boundary_point: every 界址点 with the digits as written (the closing points were left out when
-- staged); part_no is the plot's order among its parcel's plots.
INSERT INTO boundary_point (parcel_code, survey_id, part_no, ring_no, seq, point_no, x_north, y_east)
SELECT p.parcel_code, r.id, p.part_no, s.ring_no, s.seq, s.point_no, s.x::numeric, s.y::numeric
FROM staged_point s
JOIN staged_plot p ON p.plot_no = s.plot_no
JOIN staged_result r ON r.parcel_code = p.parcel_code
