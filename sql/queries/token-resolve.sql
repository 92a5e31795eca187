-- The account behind a live API token hash, with the token's scope narrowed to what the account holds today:
-- roles in both, counties in both (null on one side = that side does not restrict).
SELECT t.id AS token_id, a.id, a.username, a.kind, ARRAY(SELECT unnest(t.roles) INTERSECT SELECT unnest(a.roles) ORDER BY 1) AS roles,
  a.organisation, a.demo,
  CASE WHEN t.county_codes IS NULL THEN a.county_codes
       WHEN a.county_codes IS NULL THEN t.county_codes
       ELSE ARRAY(SELECT unnest(t.county_codes) INTERSECT SELECT unnest(a.county_codes) ORDER BY 1) END AS county_codes
FROM api_token t JOIN account a ON a.id = t.account_id
WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND a.disabled_at IS NULL
