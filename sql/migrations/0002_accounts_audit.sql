-- Who may do what (accounts, sessions, API tokens) and who did and saw what (an append-only audit log).
-- Accounts, sessions and tokens are reference-table material (small, not parcel-scoped); audit rows carry the
-- parcel code where there is one, and are written by the application in the transaction of what they record.

CREATE TABLE account (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9._@-]{2,64}$'),
  display_name text,
  kind text NOT NULL CHECK (kind IN ('person', 'department')),
  roles text[] NOT NULL CHECK (roles <@ ARRAY['surveyor', 'reviewer', 'registrar', 'planner', 'admin']::text[] AND cardinality(roles) > 0),
  organisation text,
  password_hash text,
  county_codes text[],
  demo boolean NOT NULL DEFAULT false,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT ('surveyor' = ANY (roles)) OR organisation IS NOT NULL)
);
COMMENT ON TABLE account IS 'People (password login) and department accounts (API tokens) with their roles.';
COMMENT ON COLUMN account.organisation IS 'The survey organisation (测绘单位) a surveyor belongs to; a surveyor submits and sees unreviewed results of it only.';
COMMENT ON COLUMN account.password_hash IS 'scrypt (memory-hard): scrypt$N$r$p$salt$hash, base64; null for department accounts.';
COMMENT ON COLUMN account.county_codes IS 'County codes (宗地代码 chars 1–6) the account may work on; null = all.';
COMMENT ON COLUMN account.demo IS 'A demo account (DEMO=1), with the demo password; absent without demo data.';

CREATE TABLE session (
  token_hash char(64) PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  client_address text
);
COMMENT ON TABLE session IS 'Login sessions; the cookie holds the token, the table only its SHA-256.';

CREATE TABLE api_token (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  token_hash char(64) NOT NULL UNIQUE,
  name text NOT NULL,
  roles text[] NOT NULL CHECK (cardinality(roles) > 0),
  county_codes text[],
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
COMMENT ON TABLE api_token IS 'Bearer tokens for machines (department pushes): stored hashed, revocable, scoped by role and county codes.';

CREATE TABLE audit_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor text NOT NULL,
  actor_id uuid,
  roles text[] NOT NULL DEFAULT '{}',
  action text NOT NULL,
  parcel_code char(19),
  subject_id uuid,
  application_no text,
  purpose text,
  client_address text,
  details jsonb
);
COMMENT ON TABLE audit_event IS 'Append-only: every state change (submit, review, supersede) and every read of a packet or an export.';
COMMENT ON COLUMN audit_event.at IS 'When, to the microsecond (clock_timestamp: events of one transaction keep their order).';
CREATE INDEX audit_event_parcel_idx ON audit_event (parcel_code, at);
CREATE INDEX audit_event_at_idx ON audit_event (at);

-- Append-only for every role the application runs as: rows can be added and read, never changed or removed.
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'OSH02';
END $$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- One correction at a time: two submissions superseding the same result cannot both be pending or accepted.
CREATE UNIQUE INDEX survey_result_one_correction ON survey_result (parcel_code, supersedes)
  WHERE supersedes IS NOT NULL AND status <> 'rejected';
