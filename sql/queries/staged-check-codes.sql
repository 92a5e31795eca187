-- Findings on the 宗地代码 each staged plot carries as its 地块编号 ($1: the county codes of GB/T 2260; $2: the
-- organisation may register only in these counties, null: any): missing, malformed, unknown county, out of scope, or
-- a parcel retired by a split or merge.
INSERT INTO staged_finding (plot_no, line, code, severity, en, zh)
SELECT p.plot_no, p.line, c.code, 'error', c.en, c.zh
FROM staged_plot p
CROSS JOIN LATERAL (
  SELECT * FROM (VALUES
    (p.parcel_code IS NULL OR p.parcel_code = '', 'PARCEL_CODE_MISSING', '地块编号 is empty: write the plot''s 宗地代码 there', '地块编号为空：请填写该地块的宗地代码'),
    (p.parcel_code <> '' AND p.parcel_code !~ '^[0-9]{12}[GJZ][A-Z][0-9]{5}$', 'PARCEL_CODE_INVALID',
      format('地块编号 %s is not a 19-character 宗地代码 (county, 地籍区, 地籍子区, two letters, 5-digit sequence)', p.parcel_code),
      format('地块编号%s不是19位宗地代码（县级代码、地籍区、地籍子区、两位字母、5位顺序号）', p.parcel_code)),
    (p.parcel_code ~ '^[0-9]{12}[GJZ][A-Z][0-9]{5}$' AND NOT left(p.parcel_code, 6) = ANY ($1::text[]), 'PARCEL_CODE_COUNTY_UNKNOWN',
      format('宗地代码 %s starts with %s, which is not a county of GB/T 2260', p.parcel_code, left(p.parcel_code, 6)),
      format('宗地代码%s的前6位%s不是GB/T 2260中的县级行政区', p.parcel_code, left(p.parcel_code, 6))),
    ($2::text[] IS NOT NULL AND p.parcel_code ~ '^[0-9]{12}' AND NOT left(p.parcel_code, 6) = ANY ($2::text[]), 'COUNTY_OUT_OF_SCOPE',
      format('宗地代码 %s lies in county %s, outside the counties you may work on', p.parcel_code, left(p.parcel_code, 6)),
      format('宗地代码%s属于%s，不在您可处理的县区范围内', p.parcel_code, left(p.parcel_code, 6))),
    (EXISTS (SELECT 1 FROM parcel_retirement pr WHERE pr.parcel_code = p.parcel_code), 'PARCEL_RETIRED',
      format('parcel %s was retired by a split or merge and takes no new results', p.parcel_code),
      format('宗地%s已因分割或合并注销，不再接收新成果', p.parcel_code))
  ) AS v (hit, code, en, zh) WHERE v.hit
) c
