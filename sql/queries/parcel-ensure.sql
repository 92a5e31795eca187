-- Creates the parcel from its code when it does not exist yet (a survey or unit may arrive first).
INSERT INTO parcel (parcel_code) VALUES ($1) ON CONFLICT (parcel_code) DO NOTHING
