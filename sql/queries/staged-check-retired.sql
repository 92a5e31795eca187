-- Findings on staged plots whose 宗地代码 names a parcel retired by a split or merge (the code itself, its county and
-- the importer's counties were checked by the parse worker).
INSERT INTO staged_finding (plot_no, line, code, severity, en, zh)
SELECT p.plot_no, p.line, 'PARCEL_RETIRED', 'error',
  format('parcel %s was retired by a split or merge and takes no new results', p.parcel_code),
  format('宗地%s已因分割或合并注销，不再接收新成果', p.parcel_code)
FROM staged_plot p JOIN parcel_retirement pr ON pr.parcel_code = p.parcel_code
