-- What the checks found: counts per code and severity, and the first $1 findings in file order.
SELECT (SELECT coalesce(jsonb_agg(c ORDER BY c.severity, c.count DESC), '[]') FROM (
          SELECT code, severity, count(*)::int AS count FROM staged_finding GROUP BY code, severity) c) AS by_code,
       (SELECT coalesce(jsonb_agg(f), '[]') FROM (
          SELECT f.code, f.severity, f.line, p.parcel_code AS plot, f.en AS message, f.zh AS "messageZh"
          FROM staged_finding f LEFT JOIN staged_plot p ON p.plot_no = f.plot_no
          ORDER BY f.severity, f.plot_no NULLS FIRST, f.line LIMIT $1) f) AS first
