-- Units of the synthetic city's housing parcels (幢 1, 户 1–4) and their areas: 预测 on the 房产预测, 实测 on the
-- 房产实测 (or the legacy 房产测量): within ±2 % of the 预测, and +4.5 % on unit 1 of every 97th parcel (面积误差比 > 3 %).
WITH units AS (
  INSERT INTO unit (parcel_code, unit_code, location, use, floor)
  SELECT r.parcel_code, r.parcel_code || 'F0001' || lpad(u::text, 4, '0'), cp.location || '1幢' || u || '号', '住宅', ((u - 1) / 2 + 1)::text
  FROM city_result r JOIN city_parcel cp ON cp.parcel_code = r.parcel_code
  CROSS JOIN generate_series(1, 4) u
  WHERE r.part IN ('verified', 'legacy_units')
  RETURNING 1
), areas AS (
  SELECT r.parcel_code, r.id, r.part, r.parcel_code || 'F0001' || lpad(u::text, 4, '0') AS unit_code,
    round(85 + (r.n * 37 + u * 11) % 60 + ((r.n + u) % 100) / 100.0, 2) AS presale_area,
    CASE WHEN r.n % 97 = 0 AND u = 1 THEN 0.045 ELSE (((r.n * 13 + u * 7) % 41) - 20) / 1000.0 END AS drift
  FROM city_result r CROSS JOIN generate_series(1, 4) u
  WHERE r.part IN ('presale', 'verified', 'legacy_units')
), stored AS (
  INSERT INTO unit_area (parcel_code, survey_id, unit_code, building_area_m2, inner_area_m2, shared_area_m2)
  SELECT a.parcel_code, a.id, a.unit_code, b.area, round(b.area * 0.82, 2), b.area - round(b.area * 0.82, 2)
  FROM areas a CROSS JOIN LATERAL (SELECT CASE WHEN a.part = 'presale' THEN a.presale_area ELSE round(a.presale_area * (1 + a.drift), 2) END AS area) b
  RETURNING 1
)
SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM stored) AS unit_areas
