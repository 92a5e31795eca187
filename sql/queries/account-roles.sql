-- The roles an account holds.
SELECT roles FROM account WHERE id = $1
