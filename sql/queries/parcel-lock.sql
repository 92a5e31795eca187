-- Serialises decisions on one parcel (which boundary it has depends on the order of acceptances).
SELECT parcel_code FROM parcel WHERE parcel_code = $1 FOR UPDATE
