-- Lines of the file the stream could not read, as findings (parallel arrays: line, code, English, 中文).
INSERT INTO staged_finding (line, code, severity, en, zh)
SELECT line, code, 'error', en, zh FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS f (line, code, en, zh)
