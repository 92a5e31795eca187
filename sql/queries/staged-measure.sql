-- The staged polygons measured once for every check that needs it: display copy, validity, plane area, and the
-- declared 地块面积 read as 公顷 or m², whichever the coordinates agree with (DOMAIN.md §7), with the rounding it was
-- written to (1 m² for 4-decimal 公顷, 0.01 m² for 2-decimal m²; at least 0.01 m²); the extent, for the overlap check.
WITH measured AS (
  SELECT plot_no, area, v, decimals, declared LIKE '%公顷%' OR abs(v * 10000 - area) <= abs(v - area) AS ha
  FROM (SELECT plot_no, declared, ST_Area(geom) AS area, substring(declared FROM '^[0-9]+(?:\.[0-9]+)?')::numeric AS v,
          coalesce(length(substring(declared FROM '^[0-9]+\.([0-9]+)')), 0) AS decimals
        FROM staged_plot WHERE geom IS NOT NULL) d
)
UPDATE staged_plot p
SET geom_4490 = ST_Transform(p.geom, 4490), valid = ST_IsValid(p.geom), area = m.area,
  emin = ST_XMin(p.geom), emax = ST_XMax(p.geom), nmin = ST_YMin(p.geom), nmax = ST_YMax(p.geom),
  declared_m2 = m.v * CASE WHEN m.ha THEN 10000 ELSE 1 END,
  declared_tolerance_m2 = greatest(0.01, power(10::numeric, -m.decimals) * CASE WHEN m.ha THEN 10000 ELSE 1 END)
FROM measured m
WHERE p.plot_no = m.plot_no
