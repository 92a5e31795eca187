-- One parcel's descriptive fields.
SELECT parcel_code, county_code, location, land_use, right_type, created_at, updated_at
FROM parcel WHERE parcel_code = $1
