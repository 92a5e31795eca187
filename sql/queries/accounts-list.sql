-- Every account, without secrets.
SELECT id, username, display_name, kind, roles, organisation, county_codes, demo, disabled_at, created_at
FROM account ORDER BY username
