-- Whether any enabled account holds the admin role.
SELECT EXISTS (SELECT 1 FROM account WHERE 'admin' = ANY (roles) AND disabled_at IS NULL) AS present
