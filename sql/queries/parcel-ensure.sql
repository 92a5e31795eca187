-- Creates parcels from their codes ($1 text[]) when they do not exist yet (a survey or unit may arrive first),
-- registered by survey organisation $2 (null: by the registry); an existing parcel keeps who registered it.
INSERT INTO parcel (parcel_code, organisation) SELECT DISTINCT unnest($1::text[]), $2::text ON CONFLICT (parcel_code) DO NOTHING
