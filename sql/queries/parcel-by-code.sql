-- One parcel's descriptive fields, who registered it (organisation; null = the registry) and whether any of its
-- results is accepted (a parcel a submission registered stays with that organisation until then).
SELECT p.parcel_code, p.county_code, p.location, p.land_use, p.right_type, p.created_at, p.updated_at, p.organisation,
  EXISTS (SELECT 1 FROM survey_result r WHERE r.parcel_code = p.parcel_code AND r.status = 'accepted') AS has_accepted
FROM parcel p WHERE p.parcel_code = $1
