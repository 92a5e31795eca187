-- Findings on the rings and numbering of staged plots: a ring not closed or too short (error), a 点号 used twice
-- with different coordinates in one plot (error), 界址点数 unlike the points written (warning).
INSERT INTO staged_finding (plot_no, line, code, severity, en, zh)
SELECT r.plot_no, min(r.line), 'TXT_RING_NOT_CLOSED', 'error',
  format('ring %s does not end on its first point %s: repeat the first point at the end', r.ring_no, (array_agg(r.point_no ORDER BY r.seq))[1]),
  format('圈号%s未闭合：请在末尾重复首点%s', r.ring_no, (array_agg(r.point_no ORDER BY r.seq))[1])
FROM staged_point r GROUP BY r.plot_no, r.ring_no
HAVING (array_agg(r.x || ',' || r.y ORDER BY r.seq))[1] <> (array_agg(r.x || ',' || r.y ORDER BY r.seq DESC))[1] OR count(*) < 4
UNION ALL
SELECT plot_no, min(line), 'POINT_NO_DUPLICATE', 'error',
  format('点号 %s is used for %s different positions in this plot: number each 界址点 once', point_no, count(DISTINCT (x, y))),
  format('点号%s在本地块中对应%s个不同位置：每个界址点只编一个号', point_no, count(DISTINCT (x, y)))
FROM staged_point GROUP BY plot_no, point_no HAVING count(DISTINCT (x, y)) > 1
UNION ALL
SELECT p.plot_no, p.line, 'POINT_COUNT_MISMATCH', 'warning',
  format('界址点数 is %s but the plot has %s points (%s without closing points)', p.point_count, c.n, c.n - c.rings),
  format('界址点数写为%s，实有%s个点（不含闭合点%s个）', p.point_count, c.n, c.n - c.rings)
FROM staged_plot p JOIN (SELECT plot_no, count(*) AS n, count(DISTINCT ring_no) AS rings FROM staged_point GROUP BY plot_no) c ON c.plot_no = p.plot_no
WHERE p.point_count ~ '^[0-9]+$' AND p.point_count::int NOT IN (c.n, c.n - c.rings)
UNION ALL
SELECT p.plot_no, p.line, 'PLOT_WITHOUT_POINTS', 'error', 'the plot line has no point lines under it', '地块行下没有界址点行'
FROM staged_plot p WHERE NOT EXISTS (SELECT 1 FROM staged_point s WHERE s.plot_no = p.plot_no)
