-- Results waiting for a decision (or of another status $1), oldest first, visible to the viewer ($2 organisation
-- restriction, $3 county codes; null: none), at most $4.
SELECT r.id, r.parcel_code, r.stage, r.kind, r.organisation, r.surveyed_on, r.submitted_at, r.submitted_by,
  r.plane_area_m2, r.declared_area_m2, r.supersedes, r.source_file_name, p.location
FROM survey_result r JOIN parcel p ON p.parcel_code = r.parcel_code
WHERE r.status = $1
  AND ($2::text IS NULL OR r.status = 'accepted' OR r.organisation = $2)
  AND ($3::text[] IS NULL OR left(r.parcel_code, 6) = ANY ($3))
ORDER BY r.submitted_at
LIMIT $4
