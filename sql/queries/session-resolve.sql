-- The account behind a live session token hash.
SELECT a.id, a.username, a.kind, a.roles, a.organisation, a.county_codes, a.demo
FROM session s JOIN account a ON a.id = s.account_id
WHERE s.token_hash = $1 AND s.expires_at > now() AND a.disabled_at IS NULL
