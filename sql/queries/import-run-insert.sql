-- Records a staged import ($1 id … $13 seconds per phase) with the results it stored (staged_result) and copies its
-- findings from staged_finding, in file order.
WITH run AS (
  INSERT INTO import_run (id, file_name, source_sha256, actor, organisation, stage, kind, dry_run, plots, points, parcels, results_stored, errors, warnings, seconds, parcel_codes, survey_ids)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
    (SELECT count(*) FROM staged_finding WHERE severity = 'error'), (SELECT count(*) FROM staged_finding WHERE severity = 'warning'), $13,
    (SELECT array_agg(parcel_code ORDER BY parcel_code) FROM staged_result), (SELECT array_agg(id ORDER BY parcel_code) FROM staged_result))
  RETURNING id
)
INSERT INTO import_finding (import_id, n, plot_no, line, plot, code, severity, message_en, message_zh)
SELECT (SELECT id FROM run), row_number() OVER (ORDER BY f.plot_no NULLS FIRST, f.line, f.code), f.plot_no, f.line, p.parcel_code, f.code, f.severity, f.en, f.zh
FROM staged_finding f LEFT JOIN staged_plot p ON p.plot_no = f.plot_no
