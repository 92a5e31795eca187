-- The audit of the synthetic city: one survey.import row per block (actor $1), listing its parcels and counting its
-- results, chained by the 0005 trigger like any import.
WITH counts AS (
  SELECT cp.block_no, count(*) AS results, count(*) FILTER (WHERE r.accept) AS accepted
  FROM city_result r JOIN city_parcel cp ON cp.parcel_code = r.parcel_code
  GROUP BY cp.block_no
)
INSERT INTO audit_hub_event (actor, roles, action, client_address, details)
SELECT $1, '{}', 'survey.import', 'local',
  jsonb_build_object('file', 'npm run generate', 'block', cp.block_no, 'county', min(cp.county_code), 'results', min(c.results),
    'accepted', min(c.accepted), 'parcelCodes', jsonb_agg(cp.parcel_code ORDER BY cp.parcel_code))
FROM city_parcel cp JOIN counts c ON c.block_no = cp.block_no
GROUP BY cp.block_no
ORDER BY cp.block_no
