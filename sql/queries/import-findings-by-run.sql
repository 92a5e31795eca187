-- The findings of a staged import ($1), in file order, for the download; null run when it does not exist or is not
-- the reader's ($2 actor name, null: any reader).
SELECT r.id, r.file_name, f.plot_no, f.line, f.plot, f.code, f.severity, f.message_en, f.message_zh
FROM import_run r LEFT JOIN import_finding f ON f.import_id = r.id
WHERE r.id = $1 AND ($2::text IS NULL OR r.actor = $2)
ORDER BY f.n
