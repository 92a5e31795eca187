-- Staged import → survey_result: one result per parcel — its one plot as it is, or its plots collected into a
-- MultiPolygon (declared area summed where every plot declares one) — with the display copy and plane area;
-- provenance $1–$9 shared: stage, kind, organisation, surveyed on, EPSG, precision class, file, SHA-256, submitted by.
-- Ids go to staged_result.
WITH stored AS (
  INSERT INTO survey_result (
    parcel_code, stage, kind, organisation, surveyed_on, srid, precision_class, source_file_name, source_sha256,
    geom, geom_4490, plane_area_m2, declared_area_m2, submitted_by)
  SELECT g.parcel_code, $1, $2, $3, $4::date, $5, $6, $7, $8, g.geom, g.geom_4490, g.area, g.declared, $9
  FROM (
    SELECT parcel_code, geom, geom_4490, area, round(declared_m2, 4) AS declared
    FROM staged_plot p WHERE NOT EXISTS (SELECT 1 FROM staged_plot q WHERE q.parcel_code = p.parcel_code AND q.part_no > 1)
    UNION ALL
    SELECT parcel_code, ST_Multi(ST_Collect(geom ORDER BY plot_no)), ST_Multi(ST_Collect(geom_4490 ORDER BY plot_no)),
      ST_Area(ST_Collect(geom)), CASE WHEN bool_and(declared_m2 IS NOT NULL) THEN round(sum(declared_m2), 4) END
    FROM staged_plot WHERE parcel_code IN (SELECT parcel_code FROM staged_plot WHERE part_no > 1) GROUP BY parcel_code
  ) g
  RETURNING parcel_code, id
)
INSERT INTO staged_result (parcel_code, id) SELECT parcel_code, id FROM stored
