-- Revokes an API token; no row comes back when there is none or it was revoked already.
UPDATE api_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id
