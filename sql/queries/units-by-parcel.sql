-- The units of a parcel the viewer may see: registered by the registry, by its own organisation ($2; null: no
-- restriction), or carried by an accepted result.
SELECT u.unit_code, u.location, u.use, u.floor, u.created_at, u.updated_at
FROM unit u
WHERE u.parcel_code = $1
  AND ($2::text IS NULL OR u.organisation IS NULL OR u.organisation = $2 OR EXISTS (
    SELECT 1 FROM unit_area a JOIN survey_result r ON r.parcel_code = a.parcel_code AND r.id = a.survey_id
    WHERE a.parcel_code = u.parcel_code AND a.unit_code = u.unit_code AND r.status = 'accepted'))
ORDER BY u.unit_code
