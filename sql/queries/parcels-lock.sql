-- Locks the parcels $1 (text[]) in code order (no deadlock between two lineage events); returns those that exist.
SELECT parcel_code FROM parcel WHERE parcel_code = ANY ($1::text[]) ORDER BY parcel_code FOR UPDATE
