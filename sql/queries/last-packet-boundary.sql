-- The boundary result the parcel's newest packet registered (for change registrations).
SELECT boundary_survey_id FROM registration_packet
WHERE parcel_code = $1 AND decision = 'reuse' AND boundary_survey_id IS NOT NULL
ORDER BY created_at DESC LIMIT 1
