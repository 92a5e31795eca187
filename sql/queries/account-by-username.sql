-- An account for logging in (with its password hash).
SELECT id, username, kind, roles, organisation, password_hash, county_codes, demo, disabled_at
FROM account WHERE username = $1
