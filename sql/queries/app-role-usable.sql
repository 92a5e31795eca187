-- Whether the configured role may become the hub's serving role $1 (it exists and the role is a member of it); on a
-- Citus coordinator also whether $1 can log in (the coordinator reaches the workers as the current role).
SELECT current_user AS owner,
  CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) THEN pg_has_role(current_user, $1, 'MEMBER') ELSE false END AS usable,
  EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AND NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1 AND rolcanlogin) AS citus_needs_login
