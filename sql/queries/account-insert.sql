-- Creates an account; no row comes back when the username is taken.
INSERT INTO account (username, display_name, kind, roles, organisation, password_hash, county_codes, demo)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (username) DO NOTHING
RETURNING id
