-- Accepts the synthetic city's results (all but the review queue), each by its reviewer three days after submission,
-- with the boundary role the review would have fixed: every boundary result establishes; the area-only 出让合同 points
-- at the boundary in force (boundary_of).
UPDATE survey_result s
SET status = 'accepted', reviewer = r.reviewer, reviewed_at = s.submitted_at + interval '3 days', boundary_role = r.boundary_role, boundary_of = r.boundary_of
FROM city_result r
WHERE s.parcel_code = r.parcel_code AND s.id = r.id AND r.accept
