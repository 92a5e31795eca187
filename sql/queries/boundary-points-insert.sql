-- Stores 界址点 of one or more results in one statement (parallel arrays, one element per point; X/Y as text
-- so numeric keeps the digits as submitted).
INSERT INTO boundary_point (parcel_code, survey_id, part_no, ring_no, seq, point_no, x_north, y_east)
SELECT p.parcel_code, p.survey_id, p.part_no, p.ring_no, p.seq, p.point_no, p.x, p.y
FROM unnest($1::text[], $2::uuid[], $3::smallint[], $4::smallint[], $5::integer[], $6::text[], $7::numeric[], $8::numeric[])
  AS p (parcel_code, survey_id, part_no, ring_no, seq, point_no, x, y)
