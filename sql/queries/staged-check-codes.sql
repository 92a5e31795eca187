-- Findings on the 宗地代码 each staged plot carries as its 地块编号 ($1: the county codes of GB/T 2260; $2: the
-- organisation may register only in these counties, null: any): missing, malformed, unknown county, out of scope, or
-- a parcel retired by a split or merge. The county lists are hashed once (NOT IN a subquery), not searched per plot.
INSERT INTO staged_finding (plot_no, line, code, severity, en, zh)
SELECT plot_no, line, 'PARCEL_CODE_MISSING', 'error', '地块编号 is empty: write the plot''s 宗地代码 there', '地块编号为空：请填写该地块的宗地代码'
FROM staged_plot WHERE parcel_code IS NULL OR parcel_code = ''
UNION ALL
SELECT plot_no, line, 'PARCEL_CODE_INVALID', 'error',
  format('地块编号 %s is not a 19-character 宗地代码 (county, 地籍区, 地籍子区, two letters, 5-digit sequence)', parcel_code),
  format('地块编号%s不是19位宗地代码（县级代码、地籍区、地籍子区、两位字母、5位顺序号）', parcel_code)
FROM staged_plot WHERE parcel_code <> '' AND parcel_code !~ '^[0-9]{12}[GJZ][A-Z][0-9]{5}$'
UNION ALL
SELECT plot_no, line, 'PARCEL_CODE_COUNTY_UNKNOWN', 'error',
  format('宗地代码 %s starts with %s, which is not a county of GB/T 2260', parcel_code, left(parcel_code, 6)),
  format('宗地代码%s的前6位%s不是GB/T 2260中的县级行政区', parcel_code, left(parcel_code, 6))
FROM staged_plot WHERE parcel_code ~ '^[0-9]{12}[GJZ][A-Z][0-9]{5}$' AND left(parcel_code, 6) NOT IN (SELECT unnest($1::text[]))
UNION ALL
SELECT plot_no, line, 'COUNTY_OUT_OF_SCOPE', 'error',
  format('宗地代码 %s lies in county %s, outside the counties you may work on', parcel_code, left(parcel_code, 6)),
  format('宗地代码%s属于%s，不在您可处理的县区范围内', parcel_code, left(parcel_code, 6))
FROM staged_plot WHERE $2::text[] IS NOT NULL AND parcel_code ~ '^[0-9]{12}' AND left(parcel_code, 6) NOT IN (SELECT unnest($2::text[]))
UNION ALL
SELECT p.plot_no, p.line, 'PARCEL_RETIRED', 'error',
  format('parcel %s was retired by a split or merge and takes no new results', p.parcel_code),
  format('宗地%s已因分割或合并注销，不再接收新成果', p.parcel_code)
FROM staged_plot p JOIN parcel_retirement pr ON pr.parcel_code = p.parcel_code
