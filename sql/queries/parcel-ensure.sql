-- Creates parcels from their codes ($1 text[]) when they do not exist yet (a survey or unit may arrive first).
INSERT INTO parcel (parcel_code) SELECT DISTINCT unnest($1::text[]) ON CONFLICT (parcel_code) DO NOTHING
