-- Foundation: one parcel identity (宗地代码), its units (不动产单元号) and every stage's survey results.
-- Distributable (../shared/SCALE-OUT.md): parcel-scoped tables carry parcel_code char(19) in every key,
-- ids are uuid, triggers only look at their own row and rows of the same parcel.

CREATE EXTENSION IF NOT EXISTS postgis;

-- Reference table: the survey kinds (测绘事项) a stage may carry.
CREATE TABLE survey_kind (
  code text PRIMARY KEY,
  name_en text NOT NULL,
  stages text[] NOT NULL,
  geometry_role text NOT NULL CHECK (geometry_role IN ('parcel_boundary', 'building_footprint')),
  official_land_area boolean NOT NULL DEFAULT false,
  sort_order integer NOT NULL
);
COMMENT ON TABLE survey_kind IS 'Survey kinds (测绘事项) and the stages they belong to (DOMAIN.md §2); reference table.';
COMMENT ON COLUMN survey_kind.code IS 'The kind as surveyors name it, e.g. 勘测定界.';
COMMENT ON COLUMN survey_kind.stages IS 'Stages a result of this kind may be submitted for.';
COMMENT ON COLUMN survey_kind.geometry_role IS 'What the geometry describes: the parcel boundary (界址) or building footprints.';
COMMENT ON COLUMN survey_kind.official_land_area IS 'A supply document whose land area is used for registration as-is (rule R3).';

INSERT INTO survey_kind (code, name_en, stages, geometry_role, official_land_area, sort_order) VALUES
  ('勘测定界', 'land survey demarcation', '{land_supply,legacy}', 'parcel_boundary', false, 1),
  ('权籍调查', 'cadastral survey', '{land_supply,legacy}', 'parcel_boundary', false, 2),
  ('出让合同', 'land grant contract', '{land_supply,legacy}', 'parcel_boundary', true, 3),
  ('划拨决定书', 'land allocation decision', '{land_supply,legacy}', 'parcel_boundary', true, 4),
  ('规划放线', 'planning setting-out survey', '{planning}', 'building_footprint', false, 5),
  ('规划验线', 'planning line check survey', '{planning}', 'building_footprint', false, 6),
  ('规划核实', 'planning verification survey', '{planning,completion,legacy}', 'building_footprint', false, 7),
  ('房产预测', 'pre-sale building area survey', '{presale}', 'building_footprint', false, 8),
  ('房产实测', 'verified building area survey', '{completion,legacy}', 'building_footprint', false, 9),
  ('竣工测量', 'cadastral completion survey', '{completion,legacy}', 'parcel_boundary', false, 10);

CREATE TABLE parcel (
  parcel_code char(19) PRIMARY KEY CHECK (parcel_code ~ '^[0-9]{12}[GJZ][A-Z][0-9]{5}$'),
  county_code char(6) GENERATED ALWAYS AS (substr(parcel_code, 1, 6)) STORED,
  location text,
  land_use text,
  right_type text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE parcel IS 'A parcel (宗地), identified for life by its 宗地代码 (GB/T 37346); the distribution key of every parcel-scoped table.';
COMMENT ON COLUMN parcel.parcel_code IS '宗地代码, 19 characters; never updated (re-keying is insert-new + retire-old).';
COMMENT ON COLUMN parcel.location IS '坐落';
COMMENT ON COLUMN parcel.land_use IS '用途';
COMMENT ON COLUMN parcel.right_type IS '权利类型';
CREATE INDEX parcel_county_idx ON parcel (county_code);

CREATE TABLE unit (
  parcel_code char(19) NOT NULL REFERENCES parcel (parcel_code),
  unit_code char(28) NOT NULL CHECK (substr(unit_code, 1, 19) = parcel_code AND unit_code ~ '^.{19}[FLQW][0-9]{8}$'),
  location text,
  use text,
  floor text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (parcel_code, unit_code)
);
COMMENT ON TABLE unit IS 'A real-estate unit (不动产单元) on a parcel, identified by its 28-character 不动产单元号.';
COMMENT ON COLUMN unit.location IS '坐落 / 房号 of the unit';

CREATE TABLE survey_result (
  parcel_code char(19) NOT NULL REFERENCES parcel (parcel_code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  stage text NOT NULL CHECK (stage IN ('land_supply', 'planning', 'presale', 'completion', 'legacy')),
  kind text NOT NULL REFERENCES survey_kind (code),
  organisation text NOT NULL CHECK (organisation <> ''),
  surveyed_on date NOT NULL,
  srid integer NOT NULL,
  precision_class smallint NOT NULL CHECK (precision_class BETWEEN 1 AND 3),
  source_file_name text,
  source_sha256 char(64) NOT NULL,
  declared_area_m2 numeric CHECK (declared_area_m2 > 0),
  declared_building_area_m2 numeric CHECK (declared_building_area_m2 > 0),
  geom geometry CHECK (geom IS NULL OR (ST_SRID(geom) = srid AND GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON'))),
  geom_4490 geometry(Geometry, 4490),
  plane_area_m2 double precision,
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'accepted', 'rejected')),
  supersedes uuid,
  superseded_by uuid,
  submitted_by text,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  reviewer text,
  reviewed_at timestamptz,
  review_note text,
  PRIMARY KEY (parcel_code, id),
  FOREIGN KEY (parcel_code, supersedes) REFERENCES survey_result (parcel_code, id),
  FOREIGN KEY (parcel_code, superseded_by) REFERENCES survey_result (parcel_code, id),
  CHECK ((status = 'submitted') = (reviewed_at IS NULL))
);
COMMENT ON TABLE survey_result IS 'One survey result (测绘成果) of one stage for one parcel; immutable once submitted, decided once by a reviewer.';
COMMENT ON COLUMN survey_result.srid IS 'EPSG code of the projected CRS the result was surveyed in (e.g. 4526, CGCS2000 3° zone 38).';
COMMENT ON COLUMN survey_result.precision_class IS '界址点 precision class: 1 一级 (±5 cm), 2 二级 (±7.5 cm), 3 三级 (±10 cm).';
COMMENT ON COLUMN survey_result.source_sha256 IS 'SHA-256 of the submitted file, or of the JSON submission as received.';
COMMENT ON COLUMN survey_result.declared_area_m2 IS 'Land area declared by the result, m²; official for supply documents (R3).';
COMMENT ON COLUMN survey_result.declared_building_area_m2 IS 'Total building area declared by the result, m².';
COMMENT ON COLUMN survey_result.geom IS 'Geometry exactly as submitted, in the result''s own projected CRS (x = easting, y = northing).';
COMMENT ON COLUMN survey_result.geom_4490 IS 'Display copy in CGCS2000 geographic coordinates (lon/lat), derived from geom.';
COMMENT ON COLUMN survey_result.plane_area_m2 IS 'Plane area of geom in its projected CRS, m² (ST_Area), the way the survey computes it.';
COMMENT ON COLUMN survey_result.superseded_by IS 'A later accepted result that replaces this one; the only column an accepted result may still receive.';
CREATE UNIQUE INDEX survey_result_id_idx ON survey_result (id, parcel_code);
CREATE INDEX survey_result_parcel_stage_idx ON survey_result (parcel_code, stage, status);
CREATE INDEX survey_result_geom_4490_idx ON survey_result USING gist (geom_4490);
CREATE INDEX survey_result_status_idx ON survey_result (status, submitted_at);

CREATE TABLE boundary_point (
  parcel_code char(19) NOT NULL,
  survey_id uuid NOT NULL,
  part_no smallint NOT NULL CHECK (part_no >= 1),
  ring_no smallint NOT NULL CHECK (ring_no >= 1),
  seq integer NOT NULL CHECK (seq >= 1),
  point_no text NOT NULL,
  x_north numeric NOT NULL,
  y_east numeric NOT NULL,
  PRIMARY KEY (parcel_code, survey_id, part_no, ring_no, seq),
  FOREIGN KEY (parcel_code, survey_id) REFERENCES survey_result (parcel_code, id) ON DELETE CASCADE
);
COMMENT ON TABLE boundary_point IS '界址点 as surveyed: the vertices of each ring in order, the closing point not repeated.';
COMMENT ON COLUMN boundary_point.part_no IS 'Polygon part (地块) within the result, from 1.';
COMMENT ON COLUMN boundary_point.ring_no IS '圈号 within the part: 1 is the outer ring, 2… the inner rings (扣除部分).';
COMMENT ON COLUMN boundary_point.point_no IS '点号 as surveyed, e.g. J1.';
COMMENT ON COLUMN boundary_point.x_north IS 'X, the northing in the result''s CRS, m, with the digits as submitted.';
COMMENT ON COLUMN boundary_point.y_east IS 'Y, the easting in the result''s CRS (zone-prefixed where the CRS is), m, with the digits as submitted.';

CREATE TABLE unit_area (
  parcel_code char(19) NOT NULL,
  survey_id uuid NOT NULL,
  unit_code char(28) NOT NULL,
  building_area_m2 numeric NOT NULL CHECK (building_area_m2 > 0),
  inner_area_m2 numeric CHECK (inner_area_m2 > 0),
  shared_area_m2 numeric CHECK (shared_area_m2 >= 0),
  PRIMARY KEY (parcel_code, survey_id, unit_code),
  FOREIGN KEY (parcel_code, survey_id) REFERENCES survey_result (parcel_code, id) ON DELETE CASCADE,
  FOREIGN KEY (parcel_code, unit_code) REFERENCES unit (parcel_code, unit_code)
);
COMMENT ON TABLE unit_area IS 'Per-unit areas of a pre-sale (预测) or completion (实测) result.';
COMMENT ON COLUMN unit_area.building_area_m2 IS '建筑面积, m²';
COMMENT ON COLUMN unit_area.inner_area_m2 IS '套内建筑面积, m²';
COMMENT ON COLUMN unit_area.shared_area_m2 IS '分摊面积, m²';

-- Immutability, enforced here and not only in code: a result's content never changes after submission;
-- the review fields are written once; superseded_by is written once, on an accepted result.
-- SQLSTATE OSH01 is the hub's "immutable result" error.
CREATE FUNCTION survey_result_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  review_cols text[] := ARRAY['status', 'reviewer', 'reviewed_at', 'review_note', 'superseded_by', 'geom', 'geom_4490'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'accepted' THEN
      RAISE EXCEPTION 'survey result % is accepted and cannot be deleted', OLD.id USING ERRCODE = 'OSH01';
    END IF;
    RETURN OLD;
  END IF;
  IF (to_jsonb(NEW) - review_cols) IS DISTINCT FROM (to_jsonb(OLD) - review_cols)
     OR ST_AsEWKB(NEW.geom) IS DISTINCT FROM ST_AsEWKB(OLD.geom)
     OR ST_AsEWKB(NEW.geom_4490) IS DISTINCT FROM ST_AsEWKB(OLD.geom_4490) THEN
    RAISE EXCEPTION 'survey result % is % and its content cannot be changed; submit a new result that supersedes it', OLD.id, OLD.status
      USING ERRCODE = 'OSH01';
  END IF;
  IF OLD.status <> 'submitted' AND (NEW.status, NEW.reviewer, NEW.reviewed_at, NEW.review_note)
       IS DISTINCT FROM (OLD.status, OLD.reviewer, OLD.reviewed_at, OLD.review_note) THEN
    RAISE EXCEPTION 'survey result % was already % and the decision cannot be changed', OLD.id, OLD.status USING ERRCODE = 'OSH01';
  END IF;
  IF NEW.superseded_by IS DISTINCT FROM OLD.superseded_by AND (OLD.superseded_by IS NOT NULL OR NEW.status <> 'accepted') THEN
    RAISE EXCEPTION 'survey result %: only an accepted result can be superseded, and only once', OLD.id USING ERRCODE = 'OSH01';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER survey_result_guard BEFORE UPDATE OR DELETE ON survey_result
  FOR EACH ROW EXECUTE FUNCTION survey_result_guard();

-- Boundary points and unit areas belong to their result: never updated, frozen once the result is accepted.
CREATE FUNCTION survey_detail_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_parcel char(19) := CASE WHEN TG_OP = 'INSERT' THEN NEW.parcel_code ELSE OLD.parcel_code END;
  row_survey uuid := CASE WHEN TG_OP = 'INSERT' THEN NEW.survey_id ELSE OLD.survey_id END;
  parent_status text;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION '% rows of survey result % cannot be changed', TG_TABLE_NAME, OLD.survey_id USING ERRCODE = 'OSH01';
  END IF;
  SELECT status INTO parent_status FROM survey_result WHERE parcel_code = row_parcel AND id = row_survey;
  IF parent_status = 'accepted' THEN
    RAISE EXCEPTION 'survey result % is accepted: its % rows cannot be added or removed', row_survey, TG_TABLE_NAME USING ERRCODE = 'OSH01';
  END IF;
  RETURN CASE WHEN TG_OP = 'INSERT' THEN NEW ELSE OLD END;
END $$;
CREATE TRIGGER boundary_point_guard BEFORE INSERT OR UPDATE OR DELETE ON boundary_point
  FOR EACH ROW EXECUTE FUNCTION survey_detail_guard();
CREATE TRIGGER unit_area_guard BEFORE INSERT OR UPDATE OR DELETE ON unit_area
  FOR EACH ROW EXECUTE FUNCTION survey_detail_guard();
