-- Rings → polygons in EPSG $1 (x = easting Y, y = northing X): 圈号 1 the outer ring, higher 圈号 the holes; plane
-- area; the declared 地块面积 read as 公顷 or m², whichever the coordinates agree with (DOMAIN.md §7), with the
-- rounding it was written to (1 m² for 4-decimal 公顷, 0.01 m² for 2-decimal m²; at least 0.01 m²). A ring that is not
-- closed or has fewer than 4 points is left out here and reported by staged-check-rings.sql. Validity is decided once
-- here (valid) for every check that needs it.
WITH ring AS (
  SELECT plot_no, ring_no, ST_MakeLine(ST_MakePoint(y::float8, x::float8) ORDER BY seq) AS line
  FROM staged_point GROUP BY plot_no, ring_no
), inner_rings AS (
  -- Holes per plot in one pass (a correlated subquery over the ring CTE rescanned it for every plot).
  SELECT plot_no, array_agg(line ORDER BY ring_no) AS lines, bool_and(ST_NPoints(line) >= 4 AND ST_IsClosed(line)) AS sound
  FROM ring WHERE ring_no > 1 GROUP BY plot_no
), shaped AS (
  SELECT o.plot_no, ST_SetSRID(ST_MakePolygon(o.line, coalesce(i.lines, '{}'::geometry[])), $1) AS geom
  FROM ring o LEFT JOIN inner_rings i ON i.plot_no = o.plot_no
  WHERE o.ring_no = 1 AND ST_NPoints(o.line) >= 4 AND ST_IsClosed(o.line) AND coalesce(i.sound, true)
), measured AS (
  SELECT s.plot_no, s.geom, ST_Area(s.geom) AS area, d.v, d.decimals,
    p.declared LIKE '%公顷%' OR abs(d.v * 10000 - ST_Area(s.geom)) <= abs(d.v - ST_Area(s.geom)) AS ha
  FROM shaped s JOIN staged_plot p ON p.plot_no = s.plot_no
  CROSS JOIN LATERAL (SELECT substring(p.declared FROM '^[0-9]+(?:\.[0-9]+)?')::numeric AS v,
    coalesce(length(substring(p.declared FROM '^[0-9]+\.([0-9]+)')), 0) AS decimals) d
)
UPDATE staged_plot p
SET geom = m.geom, geom_4490 = ST_Transform(m.geom, 4490), valid = ST_IsValid(m.geom), area = m.area,
  declared_m2 = m.v * CASE WHEN m.ha THEN 10000 ELSE 1 END,
  declared_tolerance_m2 = greatest(0.01, power(10::numeric, -m.decimals) * CASE WHEN m.ha THEN 10000 ELSE 1 END)
FROM measured m
WHERE p.plot_no = m.plot_no
