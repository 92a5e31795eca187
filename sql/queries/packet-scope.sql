-- Which parcel a registration packet is of, for the access layer's county check.
SELECT parcel_code FROM registration_packet WHERE id = $1
