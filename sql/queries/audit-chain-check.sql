-- Walks every chain of the audit log (one per parcel, one for rows without a parcel) and returns the first broken
-- link, oldest first: a row whose hash does not match its content, whose prev_hash is not the previous row's hash,
-- or whose position skips one (a row removed). With the count of rows and chains walked.
WITH walked AS (
  SELECT e.id, e.parcel_code, e.chain_seq, e.at, e.action,
    e.row_hash = audit_event_digest(e) AS content_ok,
    e.prev_hash = coalesce(lag(e.row_hash) OVER w, repeat('0', 64)) AS link_ok,
    e.chain_seq = coalesce(lag(e.chain_seq) OVER w, 0) + 1 AS seq_ok
  FROM audit_event e
  WINDOW w AS (PARTITION BY e.parcel_code ORDER BY e.chain_seq)
)
SELECT (SELECT count(*) FROM walked) AS rows, (SELECT count(DISTINCT coalesce(parcel_code, '')) FROM walked) AS chains,
  b.id, b.parcel_code, b.chain_seq, b.at, b.action, b.content_ok, b.link_ok, b.seq_ok
FROM (SELECT 1) one
LEFT JOIN LATERAL (
  SELECT * FROM walked WHERE NOT (content_ok AND link_ok AND seq_ok) ORDER BY at, chain_seq LIMIT 1
) b ON true
