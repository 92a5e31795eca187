-- The roles and county scope an account holds (a token issued for it stays within both).
SELECT roles, county_codes FROM account WHERE id = $1
