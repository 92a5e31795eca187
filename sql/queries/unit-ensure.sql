-- Creates units from their codes when they do not exist yet ($2: text[] of 不动产单元号 on parcel $1), registered by
-- the survey organisation $3 whose submission carries them.
INSERT INTO unit (parcel_code, unit_code, organisation)
SELECT $1, u, $3::text FROM unnest($2::text[]) AS u
ON CONFLICT (parcel_code, unit_code) DO NOTHING
