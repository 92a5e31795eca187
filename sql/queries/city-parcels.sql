-- The synthetic city's parcels, $1 of them, 100 to a block of city_block (10 × 10 parcels of 40 × 30 m inside a
-- 20 m road margin), into a temp table with what every later step needs: 宗地代码 (地籍区 009, 地籍子区 per 100
-- blocks after those already used, sequences ≤ 10000), corner (e0, n0), a profile, 坐落 ($2 streets, $3 villages)
-- and the ids of the results that establish the boundary.
-- Block kinds: R housing (6 of 10 blocks), S commerce (2), I industry (1), V village (1, 集体 宅基地 JC).
-- Old-town blocks (rank % 7 = 1, the centres) carry legacy results (R1); every 50th block from the second holds a split (lineage).
CREATE TEMP TABLE city_parcel ON COMMIT DROP AS
WITH used AS MATERIALIZED (
  SELECT b.code, coalesce((SELECT max(substr(p.parcel_code, 10, 3)::int) FROM parcel p WHERE left(p.parcel_code, 9) = b.code || '009'), 0) AS sub
  FROM (SELECT DISTINCT code FROM city_block) b
), parcel_slot AS (
  SELECT b.*, k, (b.block_no - 1) * 100 + k AS n,
    CASE WHEN b.block_no % 10 < 6 THEN 'R' WHEN b.block_no % 10 < 8 THEN 'S' WHEN b.block_no % 10 = 8 THEN 'I' ELSE 'V' END AS block_kind,
    b.county_rank % 50 = 2 AS split_block,
    u.sub + (b.county_rank - 1) / 100 + 1 AS sub,
    ((b.county_rank - 1) % 100) * 100 + k + 1 AS seq
  FROM city_block b JOIN used u ON u.code = b.code
  CROSS JOIN generate_series(0, 99) k
  WHERE (b.block_no - 1) * 100 + k < $1
)
SELECT s.n, s.block_no, s.code AS county_code, s.name AS county_name, s.county_rank, s.k, s.block_kind,
  s.code || '009' || lpad(s.sub::text, 3, '0') || CASE s.block_kind WHEN 'V' THEN 'JC' ELSE 'GB' END || lpad(s.seq::text, 5, '0') AS parcel_code,
  s.code || '008' || lpad(s.sub::text, 3, '0') || 'GB' || lpad(s.seq::text, 5, '0') AS predecessor_code,
  s.x0 + 10 + (s.k % 10) * 40 AS e0, s.y0 + 10 + (s.k / 10) * 30 AS n0,
  s.split_block AND s.k IN (0, 1) AS split_successor,
  s.county_rank % 7 = 1 AND NOT s.split_block AS legacy,
  CASE s.block_kind
    WHEN 'V' THEN s.name || (($3::text[])[1 + s.county_rank % cardinality($3::text[])]) || (s.k / 10 + 1) || '组' || (s.k % 10 + 1) || '号'
    ELSE s.name || (($2::text[])[1 + s.county_rank % cardinality($2::text[])]) || ((s.county_rank / cardinality($2::text[])) * 200 + s.k * 2 + 1) || '号'
  END AS location,
  CASE s.block_kind WHEN 'R' THEN '住宅用地' WHEN 'S' THEN '商服用地' WHEN 'I' THEN '工业用地' ELSE '农村宅基地' END AS land_use,
  CASE s.block_kind WHEN 'V' THEN '宅基地使用权' ELSE '国有建设用地使用权' END AS right_type,
  gen_random_uuid() AS land_id
FROM parcel_slot s
