-- Stores the 界址点 of a result in one statement (parallel arrays, one element per point).
INSERT INTO boundary_point (parcel_code, survey_id, part_no, ring_no, seq, point_no, x_north, y_east)
SELECT $1, $2, p.part_no, p.ring_no, p.seq, p.point_no, p.x, p.y
FROM unnest($3::smallint[], $4::smallint[], $5::integer[], $6::text[], $7::numeric[], $8::numeric[])
  AS p (part_no, ring_no, seq, point_no, x, y)
