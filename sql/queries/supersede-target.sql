-- The result a submission wants to supersede ($2 on parcel $1), to check it is visible to the submitter, accepted, still
-- current, and of the same stage and kind family as the correction (kind $3).
SELECT r.status, r.superseded_by, r.organisation, r.stage, r.kind, k.family, (SELECT family FROM survey_kind WHERE code = $3) AS new_family
FROM survey_result r JOIN survey_kind k ON k.code = r.kind
WHERE r.parcel_code = $1 AND r.id = $2
