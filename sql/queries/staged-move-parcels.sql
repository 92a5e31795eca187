-- Staged import → parcel: the parcels the file brings that do not exist yet, registered by organisation $1.
INSERT INTO parcel (parcel_code, organisation)
SELECT DISTINCT parcel_code, $1::text FROM staged_plot
ON CONFLICT (parcel_code) DO NOTHING
