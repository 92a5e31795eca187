-- A result's 界址点 in surveyed order.
SELECT part_no, ring_no, seq, point_no, x_north, y_east
FROM boundary_point WHERE parcel_code = $1 AND survey_id = $2
ORDER BY part_no, ring_no, seq
