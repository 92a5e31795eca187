-- Findings on the staged geometries, set-based in PostGIS (staged-measure.sql ran first): invalid (self-intersecting…) rings, a declared 地块面积 that
-- the coordinates do not give to the rounding it was written with (1 m² for 4-decimal 公顷), plots of different
-- parcels overlapping in the file, and plots overlapping an accepted boundary of another parcel ($1: tolerance, m²).
INSERT INTO staged_finding (plot_no, line, code, severity, en, zh)
-- The accepted boundaries within the file's extent, found once through the spatial index (the work then scales with
-- the area the file covers, not with every accepted result of the city).
WITH near AS MATERIALIZED (
  SELECT r.parcel_code, r.geom, r.geom_4490 FROM survey_result r
  JOIN survey_kind k ON k.code = r.kind AND k.geometry_role = 'parcel_boundary'
  WHERE r.geom_4490 && (SELECT ST_SetSRID(ST_Extent(geom_4490)::geometry, 4490) FROM staged_plot)
    AND r.status = 'accepted' AND r.superseded_by IS NULL AND r.geom IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM parcel_retirement pr WHERE pr.parcel_code = r.parcel_code)
)
SELECT plot_no, line, 'GEOMETRY_INVALID', 'error', format('the plot''s rings do not make a valid polygon: %s', ST_IsValidReason(geom)),
  format('地块界址线不构成有效多边形：%s', ST_IsValidReason(geom))
FROM staged_plot WHERE geom IS NOT NULL AND NOT valid
UNION ALL
SELECT plot_no, line, 'AREA_DIFFERS_FROM_COORDINATES', 'error',
  format('地块面积 %s gives %s m², the coordinates %s m²: correct the area or the coordinates', declared, round(declared_m2, 2), round(area::numeric, 2)),
  format('地块面积%s即%s平方米，坐标计算为%s平方米：请改正面积或坐标', declared, round(declared_m2, 2), round(area::numeric, 2))
FROM staged_plot
WHERE declared_m2 > 0 AND abs(declared_m2 - area::numeric) > declared_tolerance_m2
UNION ALL
SELECT b.plot_no, b.line, 'OVERLAPS_PLOT_IN_FILE', 'error',
  format('overlaps plot %s (%s) of this file by %s m²', a.parcel_code, a.line, round(ST_Area(ST_Intersection(a.geom, b.geom))::numeric, 2)),
  format('与本文件第%s行地块%s重叠%s平方米', a.line, a.parcel_code, round(ST_Area(ST_Intersection(a.geom, b.geom))::numeric, 2))
-- Each pair once; written a.plot_no - b.plot_no < 0 so that it is no index condition (a range scan of the key for
-- every plot made the join quadratic): the spatial index finds the pairs.
FROM staged_plot a JOIN staged_plot b ON a.geom && b.geom AND a.plot_no - b.plot_no < 0 AND a.parcel_code IS DISTINCT FROM b.parcel_code
-- Cheapest first: the overlap lies inside the overlap of the two extents, so extents overlapping by no more than the
-- tolerance settle the pair by arithmetic; then interiors meeting; the area only for those (neighbours sharing an
-- edge are most of the pairs). CASE keeps that order: the planner orders plain ANDs by its own cost guesses.
WHERE a.valid AND b.valid
  AND CASE WHEN greatest(0, least(a.emax, b.emax) - greatest(a.emin, b.emin)) * greatest(0, least(a.nmax, b.nmax) - greatest(a.nmin, b.nmin)) <= $1 THEN false
    WHEN ST_Relate(a.geom, b.geom, '2********') THEN ST_Area(ST_Intersection(a.geom, b.geom)) > $1 ELSE false END
UNION ALL
SELECT p.plot_no, p.line, 'OVERLAPS_ACCEPTED_PARCEL', 'error',
  format('overlaps the accepted boundary of parcel %s by %s m²', r.parcel_code, round(ST_Area(ST_Intersection(p.geom, ST_Transform(r.geom, ST_SRID(p.geom))))::numeric, 2)),
  format('与已审核通过的宗地%s界址重叠%s平方米', r.parcel_code, round(ST_Area(ST_Intersection(p.geom, ST_Transform(r.geom, ST_SRID(p.geom))))::numeric, 2))
FROM near r
JOIN staged_plot p ON p.geom_4490 && r.geom_4490 AND r.parcel_code <> p.parcel_code
WHERE p.geom IS NOT NULL AND p.valid
  AND CASE WHEN ST_Relate(p.geom, ST_Transform(r.geom, ST_SRID(p.geom)), '2********')
    THEN ST_Area(ST_Intersection(p.geom, ST_Transform(r.geom, ST_SRID(p.geom)))) > $1 ELSE false END
