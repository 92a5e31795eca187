-- GIS-ready views (issue 12): typed geometry columns and one integer key per row, so that desktop GIS (QGIS,
-- ogrinfo PG:…) lists current parcels, results, 界址点 and units as separate, correctly referenced layers; and a
-- read-only role for GIS clients of a PostgreSQL server, which cannot write, change the schema or stall the hub.
--
-- Keys: GDAL's PostgreSQL driver needs one integer key column; the tables are keyed by (parcel_code, …) for
-- distribution (SCALE-OUT.md). Each view therefore carries `ogc_fid`, a 60-bit integer taken from the MD5 of the
-- row's natural key (stable across restarts and copies; a collision needs ~10⁹ rows to become likely), and the
-- natural key itself as text. Geometries: CGCS2000 geographic (EPSG:4490, lon/lat as PostGIS stores it) for every
-- row, and one view per projected zone in use (焦作: CGCS2000 3° zone 38 with prefix, EPSG:4526) with the geometry
-- exactly as surveyed. Another deployment adds a view per zone in a later migration.

-- The geometry check of 0001 (`ST_SRID(geom) = srid AND GeometryType(geom) IN …`) is the text PostGIS's
-- geometry_columns view parses for a column's SRID and type: on the server it failed to cast "srid AND …" to an
-- integer, so geometry_columns (and ogrinfo PG:…) errored for the whole database. The same rule, in a function.
CREATE FUNCTION survey_geometry_fits(g geometry, epsg integer) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT g IS NULL OR (ST_SRID(g) = epsg AND GeometryType(g) IN ('POLYGON', 'MULTIPOLYGON'))
$$;
COMMENT ON FUNCTION survey_geometry_fits(geometry, integer) IS 'A result''s geometry is a (multi)polygon in the result''s own CRS.';
ALTER TABLE survey_result DROP CONSTRAINT survey_result_check;
ALTER TABLE survey_result ADD CONSTRAINT survey_result_geometry_fits CHECK (survey_geometry_fits(geom, srid));

CREATE FUNCTION gis_key(natural_key text) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ('x' || substr(md5(natural_key), 1, 15))::bit(60)::bigint
$$;
COMMENT ON FUNCTION gis_key(text) IS 'A stable 60-bit integer key from a natural key (GDAL needs one integer key column per layer).';

-- The boundary in force of each parcel that is not retired: the newest accepted, not superseded boundary result that
-- established (not merely confirmed) it (DOMAIN.md §5, server/domain/survey-result.ts currentBoundaryResult).
CREATE VIEW gis_current_parcel AS
SELECT gis_key(p.parcel_code) AS ogc_fid, p.parcel_code::text AS parcel_code, left(p.parcel_code, 6) AS county_code,
  p.location, p.land_use, p.right_type, b.id AS established_by, b.stage, b.kind, b.srid, b.organisation,
  b.reviewed_at AS accepted_at, round(b.plane_area_m2::numeric, 2)::double precision AS plane_area_m2, b.declared_area_m2::double precision AS declared_area_m2,
  ST_Multi(b.geom_4490)::geometry(MultiPolygon, 4490) AS geom
FROM parcel p
JOIN LATERAL (
  SELECT r.id, r.stage, r.kind, r.srid, r.organisation, r.reviewed_at, r.plane_area_m2, r.declared_area_m2, r.geom_4490
  FROM survey_result r JOIN survey_kind k ON k.code = r.kind
  WHERE r.parcel_code = p.parcel_code AND r.status = 'accepted' AND r.superseded_by IS NULL AND r.geom IS NOT NULL
    AND k.geometry_role = 'parcel_boundary' AND r.boundary_role IS DISTINCT FROM 'confirms'
  ORDER BY r.reviewed_at DESC, r.id DESC
  LIMIT 1
) b ON true
WHERE NOT EXISTS (SELECT 1 FROM parcel_retirement t WHERE t.parcel_code = p.parcel_code);
COMMENT ON VIEW gis_current_parcel IS 'Current accepted parcel boundaries (one row per parcel in force), CGCS2000 lon/lat (EPSG:4490).';
COMMENT ON COLUMN gis_current_parcel.established_by IS 'The accepted result that established the boundary in force.';

CREATE VIEW gis_current_parcel_4526 AS
SELECT c.ogc_fid, c.parcel_code, c.county_code, c.location, c.land_use, c.right_type, c.established_by, c.stage, c.kind,
  c.organisation, c.accepted_at, c.plane_area_m2, c.declared_area_m2, ST_Multi(r.geom)::geometry(MultiPolygon, 4526) AS geom
FROM gis_current_parcel c JOIN survey_result r ON r.parcel_code = c.parcel_code AND r.id = c.established_by
WHERE c.srid = 4526;
COMMENT ON VIEW gis_current_parcel_4526 IS 'Current parcel boundaries surveyed in CGCS2000 3° zone 38 (EPSG:4526, x = easting with prefix), exactly as surveyed.';

CREATE VIEW gis_survey_result AS
SELECT gis_key(r.id::text) AS ogc_fid, r.id, r.parcel_code::text AS parcel_code, r.stage, r.kind, k.geometry_role, r.status,
  r.superseded_by IS NOT NULL AS superseded, r.organisation, r.surveyed_on, r.srid, r.precision_class,
  r.reviewed_at AS decided_at, round(r.plane_area_m2::numeric, 2)::double precision AS plane_area_m2,
  ST_Multi(r.geom_4490)::geometry(MultiPolygon, 4490) AS geom
FROM survey_result r JOIN survey_kind k ON k.code = r.kind;
COMMENT ON VIEW gis_survey_result IS 'Every survey result with its stage and status, CGCS2000 lon/lat (EPSG:4490); results without coordinates have no geometry.';

CREATE VIEW gis_survey_result_4526 AS
SELECT g.ogc_fid, g.id, g.parcel_code, g.stage, g.kind, g.geometry_role, g.status, g.superseded, g.organisation, g.surveyed_on,
  g.precision_class, g.decided_at, g.plane_area_m2, ST_Multi(r.geom)::geometry(MultiPolygon, 4526) AS geom
FROM gis_survey_result g JOIN survey_result r ON r.parcel_code = g.parcel_code AND r.id = g.id
WHERE r.srid = 4526;
COMMENT ON VIEW gis_survey_result_4526 IS 'Survey results surveyed in EPSG:4526, geometry exactly as surveyed.';

CREATE VIEW gis_boundary_point_4526 AS
SELECT gis_key(concat_ws('.', b.survey_id, b.part_no, b.ring_no, b.seq)) AS ogc_fid,
  concat_ws('.', b.survey_id, b.part_no, b.ring_no, b.seq) AS point_key, b.parcel_code::text AS parcel_code, b.survey_id,
  b.point_no, b.part_no, b.ring_no, b.seq, b.x_north::text AS x, b.y_east::text AS y, r.precision_class, r.stage, r.status,
  ST_SetSRID(ST_MakePoint(b.y_east::double precision, b.x_north::double precision), 4526)::geometry(Point, 4526) AS geom
FROM boundary_point b JOIN survey_result r ON r.parcel_code = b.parcel_code AND r.id = b.survey_id
WHERE r.srid = 4526;
COMMENT ON VIEW gis_boundary_point_4526 IS '界址点 of results surveyed in EPSG:4526: X (northing) and Y (easting) with the digits as submitted; the point geometry has x = easting.';

-- Per unit: the areas of the newest current 预测 (pre-sale) and 实测 (verified) results; no geometry.
CREATE VIEW gis_unit AS
SELECT gis_key(u.unit_code) AS ogc_fid, u.unit_code::text AS unit_code, u.parcel_code::text AS parcel_code, u.location, u.use, u.floor,
  pre.survey_id AS presale_survey_id, pre.building_area_m2::double precision AS presale_building_area_m2,
  pre.inner_area_m2::double precision AS presale_inner_area_m2, pre.shared_area_m2::double precision AS presale_shared_area_m2,
  ver.survey_id AS verified_survey_id, ver.building_area_m2::double precision AS verified_building_area_m2,
  ver.inner_area_m2::double precision AS verified_inner_area_m2, ver.shared_area_m2::double precision AS verified_shared_area_m2
FROM unit u
LEFT JOIN LATERAL (
  SELECT a.survey_id, a.building_area_m2, a.inner_area_m2, a.shared_area_m2
  FROM unit_area a JOIN survey_result r ON r.parcel_code = a.parcel_code AND r.id = a.survey_id JOIN survey_kind k ON k.code = r.kind
  WHERE a.parcel_code = u.parcel_code AND a.unit_code = u.unit_code AND r.status = 'accepted' AND r.superseded_by IS NULL AND k.unit_areas = 'presale'
  ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 1
) pre ON true
LEFT JOIN LATERAL (
  SELECT a.survey_id, a.building_area_m2, a.inner_area_m2, a.shared_area_m2
  FROM unit_area a JOIN survey_result r ON r.parcel_code = a.parcel_code AND r.id = a.survey_id JOIN survey_kind k ON k.code = r.kind
  WHERE a.parcel_code = u.parcel_code AND a.unit_code = u.unit_code AND r.status = 'accepted' AND r.superseded_by IS NULL AND k.unit_areas = 'verified'
  ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 1
) ver ON true;
COMMENT ON VIEW gis_unit IS 'Units (不动产单元) with their 预测 and 实测 areas from the current accepted results, m²; no geometry.';

-- The read-only role for GIS clients of a PostgreSQL server: SELECT on the gis_* views only, read-only
-- transactions, and timeouts so that an idle client in an open transaction cannot hold locks against the hub.
-- An administrator gives it a login: ALTER ROLE onesurvey_gis LOGIN PASSWORD '…'. Without CREATEROLE the migration
-- skips it (as 0005 does for onesurvey_app).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'onesurvey_gis') THEN
    BEGIN
      CREATE ROLE onesurvey_gis NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'onesurvey_gis not created (no CREATEROLE)';
      RETURN;
    END;
    ALTER ROLE onesurvey_gis SET default_transaction_read_only = on;
    ALTER ROLE onesurvey_gis SET statement_timeout = '30s';
    ALTER ROLE onesurvey_gis SET idle_in_transaction_session_timeout = '10s';
    ALTER ROLE onesurvey_gis SET lock_timeout = '2s';
  END IF;
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO onesurvey_gis', current_database());
  GRANT USAGE ON SCHEMA public TO onesurvey_gis;
  GRANT SELECT ON gis_current_parcel, gis_current_parcel_4526, gis_survey_result, gis_survey_result_4526, gis_boundary_point_4526, gis_unit TO onesurvey_gis;
  GRANT SELECT ON geometry_columns, spatial_ref_sys TO onesurvey_gis;
END $$;
