-- Whether the configured role may become the hub's serving role $1 (it exists and the role is a member of it).
SELECT current_user AS owner,
  CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) THEN pg_has_role(current_user, $1, 'MEMBER') ELSE false END AS usable
