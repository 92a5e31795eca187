-- Opens a session ($1: SHA-256 of the cookie's token) for $3 hours.
INSERT INTO session (token_hash, account_id, expires_at, client_address)
VALUES ($1, $2, now() + make_interval(hours => $3), $4)
