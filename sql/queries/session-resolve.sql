-- The account behind a live session token hash, and when the session ends.
SELECT a.id, a.username, a.kind, a.roles, a.organisation, a.county_codes, a.demo, s.expires_at
FROM session s JOIN account a ON a.id = s.account_id
WHERE s.token_hash = $1 AND s.expires_at > now() AND a.disabled_at IS NULL
