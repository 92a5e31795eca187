-- A result's 界址点 in surveyed order, with the coordinate digits as stored (numeric keeps the scale submitted).
SELECT part_no, ring_no, seq, point_no, x_north, y_east, x_north::text AS x_text, y_east::text AS y_text
FROM boundary_point WHERE parcel_code = $1 AND survey_id = $2
ORDER BY part_no, ring_no, seq
