-- Registration decisions by rule (DOMAIN.md §1, §5, §8): the evidence the rules depend on, which boundary a parcel
-- has (established or confirmed at acceptance), supersession within a kind family, and parcel lineage (split/merge).
-- Distributable (SCALE-OUT.md): new tables carry parcel_code in their keys; triggers look at their own parcel only.

-- Kind families: a correction supersedes only a result of the same stage and family (a 房产预测 never replaces an
-- 出让合同). Supply documents may be recorded without coordinates (area-only, R3); a legacy 房产测量 carries unit areas (R1).
ALTER TABLE survey_kind ADD COLUMN family text;
ALTER TABLE survey_kind ADD COLUMN geometry_required boolean NOT NULL DEFAULT true;
ALTER TABLE survey_kind ADD COLUMN unit_areas text NOT NULL DEFAULT 'none' CHECK (unit_areas IN ('none', 'presale', 'verified'));
COMMENT ON COLUMN survey_kind.family IS 'Kinds that may correct each other (with the same stage): demarcation, cadastral, supply_document, planning_line, planning_verification, presale, verified.';
COMMENT ON COLUMN survey_kind.geometry_required IS 'false: a result of this kind may be recorded without coordinates (an area-only supply document, R3).';
COMMENT ON COLUMN survey_kind.unit_areas IS 'Whose unit areas a registration may take: presale (预测, 楼盘表), verified (实测, R5/R1), none (e.g. 规划核实).';
INSERT INTO survey_kind (code, name_en, stages, geometry_role, official_land_area, sort_order) VALUES
  ('房产测量', 'legacy building area survey', '{legacy}', 'building_footprint', false, 11);
UPDATE survey_kind SET family = CASE code
    WHEN '勘测定界' THEN 'demarcation' WHEN '权籍调查' THEN 'cadastral' WHEN '竣工测量' THEN 'cadastral'
    WHEN '出让合同' THEN 'supply_document' WHEN '划拨决定书' THEN 'supply_document'
    WHEN '规划放线' THEN 'planning_line' WHEN '规划验线' THEN 'planning_line' WHEN '规划核实' THEN 'planning_verification'
    WHEN '房产预测' THEN 'presale' WHEN '房产实测' THEN 'verified' WHEN '房产测量' THEN 'verified' END,
  geometry_required = geometry_role = 'parcel_boundary' AND NOT official_land_area,
  unit_areas = CASE code WHEN '房产预测' THEN 'presale' WHEN '房产实测' THEN 'verified' WHEN '房产测量' THEN 'verified' ELSE 'none' END;
ALTER TABLE survey_kind ALTER COLUMN family SET NOT NULL;

-- Evidence on a result, cited by the packet.
ALTER TABLE survey_result
  ADD COLUMN area_precision_class smallint CHECK (area_precision_class BETWEEN 1 AND 3),
  ADD COLUMN supply_doc_kind text CHECK (supply_doc_kind IN ('出让合同', '划拨决定书', '其他供地文件')),
  ADD COLUMN supply_doc_no text CHECK (supply_doc_no <> ''),
  ADD COLUMN supply_doc_date date,
  ADD COLUMN acceptance_no text CHECK (acceptance_no <> ''),
  ADD COLUMN acceptance_date date,
  ADD COLUMN boundary_role text CHECK (boundary_role IN ('establishes', 'confirms')),
  ADD COLUMN boundary_of uuid,
  ADD CONSTRAINT survey_result_supply_doc_complete CHECK ((supply_doc_kind IS NULL) = (supply_doc_no IS NULL) AND (supply_doc_no IS NULL) = (supply_doc_date IS NULL)),
  ADD CONSTRAINT survey_result_acceptance_complete CHECK (acceptance_date IS NULL OR acceptance_no IS NOT NULL),
  ADD CONSTRAINT survey_result_boundary_of_fkey FOREIGN KEY (parcel_code, boundary_of) REFERENCES survey_result (parcel_code, id);
COMMENT ON COLUMN survey_result.precision_class IS '界址点 precision class (允许误差 一级 ±10 cm, 二级 ±15 cm, 三级 ±20 cm).';
COMMENT ON COLUMN survey_result.area_precision_class IS '房产面积 precision class of GB/T 17986.1 (一级/二级/三级); null: not stated (二级 assumed).';
COMMENT ON COLUMN survey_result.supply_doc_kind IS 'R2 evidence on a cadastral survey: the supply procedure it was used for (出让合同, 划拨决定书…); on a supply document: its own kind.';
COMMENT ON COLUMN survey_result.supply_doc_no IS 'Number of that supply document (合同编号 / 决定书文号).';
COMMENT ON COLUMN survey_result.acceptance_no IS 'R5 evidence: the 竣工联合验收 / 竣工验收备案 reference the completion result was verified in.';
COMMENT ON COLUMN survey_result.boundary_role IS 'Set at acceptance for boundary results: establishes (describes a boundary first) or confirms (within the 允许误差 of the established boundary_of).';
COMMENT ON COLUMN survey_result.boundary_of IS 'confirms: the result that established the boundary; an area-only supply document: the boundary in force when it was accepted (null: the first one established).';

-- The guard: content frozen at submission; review fields (now with the boundary role fixed at acceptance) written once.
CREATE OR REPLACE FUNCTION survey_result_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  review_cols text[] := ARRAY['status', 'reviewer', 'reviewed_at', 'review_note', 'superseded_by', 'boundary_role', 'boundary_of', 'geom', 'geom_4490'];
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
  IF OLD.status <> 'submitted' AND (NEW.status, NEW.reviewer, NEW.reviewed_at, NEW.review_note, NEW.boundary_role, NEW.boundary_of)
       IS DISTINCT FROM (OLD.status, OLD.reviewer, OLD.reviewed_at, OLD.review_note, OLD.boundary_role, OLD.boundary_of) THEN
    RAISE EXCEPTION 'survey result % was already % and the decision cannot be changed', OLD.id, OLD.status USING ERRCODE = 'OSH01';
  END IF;
  IF NEW.superseded_by IS DISTINCT FROM OLD.superseded_by AND (OLD.superseded_by IS NOT NULL OR NEW.status <> 'accepted') THEN
    RAISE EXCEPTION 'survey result %: only an accepted result can be superseded, and only once', OLD.id USING ERRCODE = 'OSH01';
  END IF;
  RETURN NEW;
END $$;

-- Parcel lineage: a split or merge (a 变更 backed by the accepted 权籍调查 of each new parcel) links the new 宗地代码
-- to its predecessors and retires the old codes. Rows are keyed by the parcel they describe, so each side of an
-- event lives with its own parcel when distributed; both sides share the event id.
CREATE TABLE parcel_lineage (
  parcel_code char(19) NOT NULL REFERENCES parcel (parcel_code),
  event_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('split', 'merge')),
  predecessor_codes char(19)[] NOT NULL CHECK (cardinality(predecessor_codes) >= 1),
  survey_id uuid NOT NULL,
  change_no text NOT NULL CHECK (change_no <> ''),
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (parcel_code, event_id),
  FOREIGN KEY (parcel_code, survey_id) REFERENCES survey_result (parcel_code, id)
);
COMMENT ON TABLE parcel_lineage IS 'A parcel created by a split or merge: its predecessors and the accepted 权籍调查 that made it; append-only.';
COMMENT ON COLUMN parcel_lineage.change_no IS 'The 变更 application / decision the split or merge was made under.';

CREATE TABLE parcel_retirement (
  parcel_code char(19) PRIMARY KEY REFERENCES parcel (parcel_code),
  event_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('split', 'merge')),
  successor_codes char(19)[] NOT NULL CHECK (cardinality(successor_codes) >= 1),
  change_no text NOT NULL CHECK (change_no <> ''),
  recorded_by text NOT NULL,
  retired_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE parcel_retirement IS 'A 宗地代码 retired by a split or merge, and where it went; a retired parcel takes no new results; append-only.';
CREATE INDEX parcel_lineage_event_idx ON parcel_lineage (event_id);

CREATE FUNCTION lineage_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'OSH01';
END $$;
CREATE TRIGGER parcel_lineage_append_only BEFORE UPDATE OR DELETE ON parcel_lineage
  FOR EACH ROW EXECUTE FUNCTION lineage_append_only();
CREATE TRIGGER parcel_retirement_append_only BEFORE UPDATE OR DELETE ON parcel_retirement
  FOR EACH ROW EXECUTE FUNCTION lineage_append_only();
CREATE TRIGGER parcel_lineage_no_truncate BEFORE TRUNCATE ON parcel_lineage
  FOR EACH STATEMENT EXECUTE FUNCTION lineage_append_only();
CREATE TRIGGER parcel_retirement_no_truncate BEFORE TRUNCATE ON parcel_retirement
  FOR EACH STATEMENT EXECUTE FUNCTION lineage_append_only();

-- A retired parcel takes no new results (the same parcel's row only: a local trigger).
CREATE FUNCTION survey_result_not_retired() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM parcel_retirement WHERE parcel_code = NEW.parcel_code) THEN
    RAISE EXCEPTION 'parcel % was retired by a split or merge and takes no new results', NEW.parcel_code USING ERRCODE = 'OSH03';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER survey_result_not_retired BEFORE INSERT ON survey_result
  FOR EACH ROW EXECUTE FUNCTION survey_result_not_retired();

ALTER TABLE registration_packet DROP CONSTRAINT registration_packet_decision_check;
ALTER TABLE registration_packet ADD CONSTRAINT registration_packet_decision_check
  CHECK (decision IN ('reuse', 'awaiting_review', 'new_survey_required'));
