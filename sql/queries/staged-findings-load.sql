-- A chunk of the findings the parse worker made (rings, 点号 numbering, 界址点数, 宗地代码 and county, unreadable
-- lines; $1: rows of plot position or empty, line, code, severity, English, 中文; tab-separated, one per line).
INSERT INTO staged_finding (plot_no, line, code, severity, en, zh)
SELECT nullif(f[1], '')::int, f[2]::int, f[3], f[4], f[5], f[6]
FROM string_to_table($1::text, E'\n') AS r (line) CROSS JOIN LATERAL string_to_array(r.line, E'\t') AS f
