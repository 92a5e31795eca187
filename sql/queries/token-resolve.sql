-- The account behind a live API token hash, with the token's scope.
SELECT a.id, a.username, a.kind, t.roles, a.organisation, t.county_codes, a.demo
FROM api_token t JOIN account a ON a.id = t.account_id
WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND a.disabled_at IS NULL
