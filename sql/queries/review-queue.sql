-- Results of a status ($1; null: every status), suspended or not ($5; null: either), oldest first, visible to the
-- viewer ($2 organisation restriction, $3 county codes; null: none), of one organisation or submitter ($6, $7: a
-- surveyor's own list; null: any), at most $4. The queue is status submitted, not suspended.
SELECT r.id, r.parcel_code, r.stage, r.kind, r.organisation, r.surveyed_on, r.submitted_at, r.submitted_by,
  r.plane_area_m2, r.declared_area_m2, r.supersedes, r.superseded_by, r.source_file_name, p.location, r.status,
  r.reviewer, r.reviewed_at, r.review_note, r.suspended_at, r.suspended_by, r.suspend_note
FROM survey_result r JOIN parcel p ON p.parcel_code = r.parcel_code
WHERE ($1::text IS NULL OR r.status = $1)
  AND ($5::boolean IS NULL OR (r.suspended_at IS NOT NULL) = $5)
  AND ($2::text IS NULL OR r.status = 'accepted' OR r.organisation = $2)
  AND ($3::text[] IS NULL OR left(r.parcel_code, 6) = ANY ($3))
  AND ($6::text IS NULL OR r.organisation = $6)
  AND ($7::text IS NULL OR r.submitted_by = $7)
ORDER BY r.submitted_at
LIMIT $4
