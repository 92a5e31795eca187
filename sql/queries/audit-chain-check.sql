-- Walks every chain of the audit log (one per parcel in audit_event, one in audit_hub_event) and returns the first
-- broken link, oldest first: a row whose hash does not match its content, whose prev_hash is not the previous row's
-- hash, or whose position skips one (a row removed). With the count of rows and chains walked.
WITH walked AS (
  SELECT e.id, e.parcel_code, e.chain_seq, e.at, e.action,
    e.row_hash = audit_digest(e.prev_hash, e.id, e.at, e.actor, e.actor_id, e.roles, e.action, e.parcel_code, e.subject_id,
      e.application_no, e.purpose, e.client_address, e.details, e.chain_seq) AS content_ok,
    e.prev_hash = coalesce(lag(e.row_hash) OVER w, repeat('0', 64)) AS link_ok,
    e.chain_seq = coalesce(lag(e.chain_seq) OVER w, 0) + 1 AS seq_ok
  FROM audit_event e
  WINDOW w AS (PARTITION BY e.parcel_code ORDER BY e.chain_seq)
  UNION ALL
  SELECT e.id, NULL, e.chain_seq, e.at, e.action,
    e.row_hash = audit_digest(e.prev_hash, e.id, e.at, e.actor, e.actor_id, e.roles, e.action, NULL, e.subject_id,
      e.application_no, e.purpose, e.client_address, e.details, e.chain_seq),
    e.prev_hash = coalesce(lag(e.row_hash) OVER w, repeat('0', 64)),
    e.chain_seq = coalesce(lag(e.chain_seq) OVER w, 0) + 1
  FROM audit_hub_event e
  WINDOW w AS (ORDER BY e.chain_seq)
), counted AS (
  SELECT count(*) AS rows, count(DISTINCT coalesce(parcel_code, '')) AS chains FROM walked
), broken AS (
  SELECT * FROM walked WHERE NOT (content_ok AND link_ok AND seq_ok) ORDER BY at, chain_seq LIMIT 1
)
SELECT c.rows, c.chains, b.id, b.parcel_code, b.chain_seq, b.at, b.action, b.content_ok, b.link_ok, b.seq_ok
FROM counted c LEFT JOIN broken b ON true
