-- Staged import → survey_result: one result per parcel (its plots collected, a MultiPolygon when several), with the
-- display copy, plane area and declared area summed where every plot declares one; provenance $1–$9 shared:
-- stage, kind, organisation, surveyed on, EPSG, precision class, file, SHA-256, submitted by. Ids go to staged_result.
WITH stored AS (
  INSERT INTO survey_result (
    parcel_code, stage, kind, organisation, surveyed_on, srid, precision_class, source_file_name, source_sha256,
    geom, geom_4490, plane_area_m2, declared_area_m2, submitted_by)
  SELECT g.parcel_code, $1, $2, $3, $4::date, $5, $6, $7, $8, g.geom, g.geom_4490, ST_Area(g.geom), g.declared, $9
  FROM (
    SELECT parcel_code, CASE WHEN count(*) = 1 THEN (array_agg(geom))[1] ELSE ST_Multi(ST_Collect(geom ORDER BY plot_no)) END AS geom,
      CASE WHEN count(*) = 1 THEN (array_agg(geom_4490))[1] ELSE ST_Multi(ST_Collect(geom_4490 ORDER BY plot_no)) END AS geom_4490,
      CASE WHEN bool_and(declared_m2 IS NOT NULL) THEN round(sum(declared_m2), 4) END AS declared
    FROM staged_plot GROUP BY parcel_code
  ) g
  ORDER BY g.parcel_code
  RETURNING parcel_code, id
)
INSERT INTO staged_result (parcel_code, id) SELECT parcel_code, id FROM stored
