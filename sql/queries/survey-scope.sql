-- Where a result lies and whose it is, for the access layer's check before anything else is read or written.
SELECT parcel_code, status, organisation FROM survey_result WHERE id = $1
