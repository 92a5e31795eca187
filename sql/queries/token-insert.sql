-- Issues an API token ($2: its SHA-256) for an account, with its own role and county scope.
INSERT INTO api_token (account_id, token_hash, name, roles, county_codes)
VALUES ($1, $2, $3, $4, $5)
RETURNING id, created_at
