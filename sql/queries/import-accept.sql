-- Accepts the results import run $1 stored, in one statement through survey_result_guard, by reviewer $2: those still
-- submitted, not submitted by the deciding account ($3; separation of duties), of parcels with no accepted boundary in
-- force and not retired — each then establishes its parcel's boundary (a parcel that has one is left for review one by
-- one: whether the new boundary confirms it is a comparison). Returns the accepted results.
UPDATE survey_result s
SET status = 'accepted', reviewer = $2, reviewed_at = now(), review_note = $4, boundary_role = 'establishes'
FROM import_run run, unnest(run.parcel_codes, run.survey_ids) AS t (parcel_code, id), survey_kind k
WHERE run.id = $1 AND s.parcel_code = t.parcel_code AND s.id = t.id AND k.code = s.kind AND k.geometry_role = 'parcel_boundary'
  AND s.status = 'submitted' AND s.geom IS NOT NULL AND ($3::text IS NULL OR s.submitted_by IS DISTINCT FROM $3)
  AND NOT EXISTS (SELECT 1 FROM parcel_retirement pr WHERE pr.parcel_code = s.parcel_code)
  AND NOT EXISTS (SELECT 1 FROM survey_result b WHERE b.parcel_code = s.parcel_code AND b.status = 'accepted' AND b.superseded_by IS NULL AND b.boundary_role = 'establishes')
RETURNING s.parcel_code, s.id
