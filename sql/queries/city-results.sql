-- Every survey result of the synthetic city, into a temp table (organisations $1, reviewers $2): per parcel the result
-- that establishes its boundary (权籍调查 with its 出让合同 as R2 evidence; a legacy 勘测定界 in old-town blocks, R1),
-- an area-only 出让合同 on commerce parcels (R3), 规划核实 + 房产预测 + 房产实测 on housing parcels (a legacy 房产测量
-- in the old town), a 竣工测量 waiting for review on every 50th parcel, and the retired parcel each split replaced.
-- Rings run J1 → J4 counter-clockwise from the south-west corner, the geometry built from the same digits as the 界址点.
CREATE TEMP TABLE city_result ON COMMIT DROP AS
WITH p AS (
  SELECT cp.*, date '2018-01-01' + (cp.n % 1800)::int AS land_on, date '2008-01-01' + (cp.n % 2000)::int AS legacy_on,
    ($1::text[])[1 + cp.n % cardinality($1::text[])] AS org, ($2::text[])[1 + cp.n % cardinality($2::text[])] AS reviewer
  FROM city_parcel cp
), shaped AS (
  SELECT p.*,
    ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(e0, n0), ST_MakePoint(e0 + 40, n0), ST_MakePoint(e0 + 40, n0 + 30), ST_MakePoint(e0, n0 + 30), ST_MakePoint(e0, n0)])) AS boundary,
    ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(e0 + 8, n0 + 6), ST_MakePoint(e0 + 32, n0 + 6), ST_MakePoint(e0 + 32, n0 + 24), ST_MakePoint(e0 + 8, n0 + 24), ST_MakePoint(e0 + 8, n0 + 6)])) AS footprint
  FROM p
)
-- The result that establishes each parcel's boundary.
SELECT s.parcel_code, s.land_id AS id, s.n, 'land'::text AS part, CASE WHEN s.legacy THEN 'legacy' ELSE 'land_supply' END AS stage,
  CASE WHEN s.legacy THEN '勘测定界' ELSE '权籍调查' END AS kind, s.org, CASE WHEN s.legacy THEN s.legacy_on ELSE s.land_on END AS surveyed_on,
  CASE s.block_kind WHEN 'V' THEN 2 ELSE 1 END AS precision_class, 1200::numeric AS declared_area_m2, NULL::numeric AS declared_building_area_m2,
  ST_SetSRID(s.boundary, 4526) AS geom, s.e0, s.n0, 40 AS w,
  CASE WHEN NOT s.legacy AND s.block_kind <> 'V' THEN '出让合同' END AS supply_doc_kind,
  CASE WHEN NOT s.legacy AND s.block_kind <> 'V' THEN '焦自然资让〔' || extract(year FROM s.land_on) || '〕' || s.n || '号' END AS supply_doc_no,
  CASE WHEN NOT s.legacy AND s.block_kind <> 'V' THEN s.land_on + 30 END AS supply_doc_date,
  NULL::text AS acceptance_no, NULL::date AS acceptance_date, NULL::smallint AS area_precision_class,
  'establishes'::text AS boundary_role, NULL::uuid AS boundary_of, true AS accept, s.reviewer
FROM shaped s
UNION ALL -- R3: the 出让合同 itself, area only, pointing at the boundary in force.
SELECT s.parcel_code, gen_random_uuid(), s.n, 'supply', 'land_supply', '出让合同', s.org, s.land_on + 30, 1, 1200, NULL, NULL, s.e0, s.n0, 40,
  '出让合同', '焦自然资让〔' || extract(year FROM s.land_on) || '〕' || s.n || '号', s.land_on + 30, NULL, NULL, NULL, NULL, s.land_id, true, s.reviewer
FROM shaped s WHERE s.block_kind = 'S' AND NOT s.legacy
UNION ALL -- 规划核实 of the building footprint.
SELECT s.parcel_code, gen_random_uuid(), s.n, 'footprint', 'planning', '规划核实', s.org, s.land_on + 850, 1, NULL, 432, ST_SetSRID(s.footprint, 4526), s.e0, s.n0, 40,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true, s.reviewer
FROM shaped s WHERE s.block_kind = 'R' AND NOT s.legacy
UNION ALL -- 房产预测: the pre-sale units (预测).
SELECT s.parcel_code, gen_random_uuid(), s.n, 'presale', 'presale', '房产预测', s.org, s.land_on + 400, 1, NULL, NULL, ST_SetSRID(s.footprint, 4526), s.e0, s.n0, 40,
  NULL, NULL, NULL, NULL, NULL, 2, NULL, NULL, true, s.reviewer
FROM shaped s WHERE s.block_kind = 'R' AND NOT s.legacy
UNION ALL -- 房产实测 verified in the joint completion acceptance (R5): the units' 实测 areas.
SELECT s.parcel_code, gen_random_uuid(), s.n, 'verified', 'completion', '房产实测', s.org, s.land_on + 900, 1, NULL, NULL, ST_SetSRID(s.footprint, 4526), s.e0, s.n0, 40,
  NULL, NULL, NULL, '焦竣联验〔' || extract(year FROM s.land_on + 900) || '〕' || s.n || '号', s.land_on + 910, 2, NULL, NULL, true, s.reviewer
FROM shaped s WHERE s.block_kind = 'R' AND NOT s.legacy
UNION ALL -- Old town: a legacy 房产测量 with verified unit areas (R1).
SELECT s.parcel_code, gen_random_uuid(), s.n, 'legacy_units', 'legacy', '房产测量', s.org, s.legacy_on + 200, 2, NULL, NULL, ST_SetSRID(s.footprint, 4526), s.e0, s.n0, 40,
  NULL, NULL, NULL, NULL, NULL, 2, NULL, NULL, true, s.reviewer
FROM shaped s WHERE s.block_kind = 'R' AND s.legacy
UNION ALL -- The review queue: a 竣工测量 of the same boundary, submitted and not yet decided.
SELECT s.parcel_code, gen_random_uuid(), s.n, 'pending', 'completion', '竣工测量', s.org, s.land_on + 920, 1, 1200, NULL, ST_SetSRID(s.boundary, 4526), s.e0, s.n0, 40,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, s.reviewer
FROM shaped s WHERE s.n % 50 = 25 AND NOT s.split_successor
UNION ALL -- Lineage: the parcel a split retired (80 × 30 m, the two successors' ground), accepted long before.
SELECT s.predecessor_code, gen_random_uuid(), s.n, 'predecessor', 'land_supply', '权籍调查', s.org, date '2006-01-01' + (s.n % 1000)::int, 1, 2400, NULL,
  ST_SetSRID(ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(s.e0, s.n0), ST_MakePoint(s.e0 + 80, s.n0), ST_MakePoint(s.e0 + 80, s.n0 + 30), ST_MakePoint(s.e0, s.n0 + 30), ST_MakePoint(s.e0, s.n0)])), 4526),
  s.e0, s.n0, 80, NULL, NULL, NULL, NULL, NULL, NULL, 'establishes', NULL, true, s.reviewer
FROM shaped s WHERE s.split_successor AND s.k = 0
