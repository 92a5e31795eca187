-- Which of the parcels $1 (text[]) were retired by a split or merge, and where they went.
SELECT parcel_code, event_id, kind, successor_codes, change_no, recorded_by, retired_at
FROM parcel_retirement WHERE parcel_code = ANY ($1::text[])
