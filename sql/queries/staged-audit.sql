-- The audit of a staged import: ONE survey.import row (actor $1–$3, client $4) listing its parcels and results as
-- parallel arrays (details $5 adds file, stage, kind, organisation, import id).
INSERT INTO audit_hub_event (actor, actor_id, roles, action, client_address, details)
SELECT $1, $2, $3, 'survey.import', $4,
  $5::jsonb || jsonb_build_object('results', count(*), 'parcelCodes', jsonb_agg(parcel_code ORDER BY parcel_code), 'surveyIds', jsonb_agg(id ORDER BY parcel_code))
FROM staged_result
