// The survey result as the API shows it, and the pure rules that pick a parcel's current accepted results.

export const STAGES = ['land_supply', 'planning', 'presale', 'completion', 'legacy'] as const;
export type KindFamily = 'demarcation' | 'cadastral' | 'supply_document' | 'planning_line' | 'planning_verification' | 'presale' | 'verified';
export type Stage = (typeof STAGES)[number];
export type ResultStatus = 'submitted' | 'accepted' | 'rejected';

/** A survey result without its geometry (timeline entry). Areas in m². */
export interface ResultSummary {
  id: string;
  parcelCode: string;
  stage: Stage;
  kind: string;
  geometryRole: 'parcel_boundary' | 'building_footprint';
  /** A supply document whose land area is official (rule R3). */
  officialLandArea: boolean;
  /** Kinds that may correct each other (with the same stage), e.g. cadastral = 权籍调查 and 竣工测量. */
  family: KindFamily;
  /** Whose unit areas a registration may take: the pre-sale 楼盘表, the verified 实测 (R5, R1), or none (规划核实). */
  unitAreaRole: 'none' | 'presale' | 'verified';
  organisation: string;
  surveyedOn: string;
  crs: string;
  /** 界址点 precision class (允许误差 一级 ±10 cm, 二级 ±15 cm, 三级 ±20 cm). */
  precisionClass: 1 | 2 | 3;
  /** 房产面积 precision class (GB/T 17986.1); null: not stated (二级 assumed, see `areaClassOf`). */
  areaPrecisionClass: 1 | 2 | 3 | null;
  /** R2 evidence (the supply procedure a cadastral survey was used for), or a supply document's own reference. */
  supplyDocument: { kind: string; no: string; date: string } | null;
  /** R5 evidence: the 竣工联合验收 / 竣工验收备案 the completion result was verified in. */
  completionAcceptance: { no: string; date: string | null } | null;
  /** Fixed at acceptance for boundary results: the first description of a boundary, or a confirmation within the 允许误差. */
  boundaryRole: 'establishes' | 'confirms' | null;
  /** confirms: the result that established the boundary; area-only supply document: the boundary in force when accepted. */
  boundaryOf: string | null;
  sourceFileName: string | null;
  sourceSha256: string;
  declaredAreaM2: number | null;
  declaredBuildingAreaM2: number | null;
  /** Plane area of the geometry in its projected CRS, m², to 0.001 m². */
  planeAreaM2: number | null;
  hasGeometry: boolean;
  units: { count: number; buildingAreaM2: number | null; innerAreaM2: number | null; sharedAreaM2: number | null };
  status: ResultStatus;
  supersedes: string | null;
  supersededBy: string | null;
  submittedBy: string | null;
  submittedAt: string;
  reviewer: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  /** 挂起: a submitted result a reviewer set aside with a note (out of the queue until resumed); null otherwise. */
  suspension?: { at: string; by: string; note: string } | null;
}

/** Accepted and not superseded: a result that may be reused. */
export const isCurrent = (r: ResultSummary) => r.status === 'accepted' && r.supersededBy === null;

/** Newest survey first; a later review breaks ties. */
function newestFirst(a: ResultSummary, b: ResultSummary): number {
  return b.surveyedOn.localeCompare(a.surveyedOn) || (b.reviewedAt ?? '').localeCompare(a.reviewedAt ?? '');
}

/** In order of acceptance (the order in which the registry's state changed). */
const byAcceptance = (a: ResultSummary, b: ResultSummary) => (a.reviewedAt ?? '').localeCompare(b.reviewedAt ?? '') || a.id.localeCompare(b.id);

/** A current result that describes the parcel boundary with coordinates. */
const isBoundary = (r: ResultSummary) => isCurrent(r) && r.geometryRole === 'parcel_boundary' && r.hasGeometry;

/**
 * The parcel's boundary (DOMAIN.md §5): established by the result that first described it; a later accepted
 * re-survey within the 允许误差 confirms it and changes nothing; one beyond it establishes a new boundary. The role is
 * fixed when a result is accepted (results accepted before roles were recorded count as establishing).
 */
export function currentBoundaryResult(results: ResultSummary[]): ResultSummary | undefined {
  const establishing = results.filter((r) => isBoundary(r) && r.boundaryRole !== 'confirms').sort(byAcceptance);
  return establishing[establishing.length - 1];
}

/** The current accepted results that confirmed the established boundary `established`, oldest first. */
export function boundaryConfirmations(results: ResultSummary[], established: ResultSummary | undefined): ResultSummary[] {
  if (!established) return [];
  return results.filter((r) => isBoundary(r) && r.boundaryRole === 'confirms' && r.boundaryOf === established.id).sort(byAcceptance);
}

/**
 * The current supply documents whose values (R3 area, R4 coordinates) apply to the established boundary: the one
 * that established it or confirmed it, and area-only documents accepted while it was in force (or, accepted before
 * any boundary, when it is the parcel's first). Documents of an earlier boundary stop applying (DOMAIN.md §5).
 */
export function supplyDocumentsOf(results: ResultSummary[], established: ResultSummary | undefined): ResultSummary[] {
  if (!established) return results.filter((r) => isCurrent(r) && r.officialLandArea && !r.hasGeometry);
  const first = results.filter((r) => r.status === 'accepted' && r.geometryRole === 'parcel_boundary' && r.hasGeometry && r.boundaryRole !== 'confirms').sort(byAcceptance)[0];
  return results.filter((r) => isCurrent(r) && r.officialLandArea && (
    r.id === established.id || (r.hasGeometry ? r.boundaryRole === 'confirms' && r.boundaryOf === established.id
      : r.boundaryOf === established.id || (r.boundaryOf === null && first?.id === established.id))));
}

/** Per stage, the newest current result (or null where the stage has none). */
export function currentResultPerStage(results: ResultSummary[]): Record<Stage, ResultSummary | null> {
  const current = results.filter(isCurrent).sort(newestFirst);
  return Object.fromEntries(STAGES.map((s) => [s, current.find((r) => r.stage === s) ?? null])) as Record<Stage, ResultSummary | null>;
}

/**
 * Per stage, the newest current result whose unit areas count: the pre-sale 楼盘表 (房产预测) and the verified
 * 房产实测 (or a legacy 房产测量) — never a 规划核实's, and results without units must not hide them.
 */
export function currentUnitResultPerStage(results: ResultSummary[]): Record<Stage, ResultSummary | null> {
  return currentResultPerStage(results.filter((r) => r.units.count > 0 && r.unitAreaRole !== 'none'));
}

/**
 * The two sides of a unit-area comparison and of a registration: the current pre-sale 楼盘表, and the verified
 * areas — the completion 房产实测 (R5), else a legacy 房产实测/房产测量 (R1).
 */
export function unitAreaSources(results: ResultSummary[]): { presale: ResultSummary | null; verified: ResultSummary | null } {
  const per = currentUnitResultPerStage(results);
  const verified = [per.completion, per.legacy].find((r) => r?.unitAreaRole === 'verified') ?? null;
  return { presale: per.presale?.unitAreaRole === 'presale' ? per.presale : null, verified };
}

/** The 房产面积 precision class a result's areas are judged by: as stated, else 二级 (GB/T 17986.1's usual class). */
export const areaClassOf = (r: Pick<ResultSummary, 'areaPrecisionClass'>): 1 | 2 | 3 => r.areaPrecisionClass ?? 2;

/** The areas a stage's current result gives, m², with where they come from. */
export interface StageAreas {
  surveyId: string;
  kind: string;
  surveyedOn: string;
  /** Land area: the declared area, official where the kind is a supply document (R3). */
  declaredAreaM2: number | null;
  officialLandArea: boolean;
  planeAreaM2: number | null;
  declaredBuildingAreaM2: number | null;
  /** Unit-area totals of the stage's current result with units (it may be another result of the stage). */
  units: ResultSummary['units'];
  unitsSurveyId: string | null;
}

/** Areas per stage from each stage's current accepted result (unit totals from its current result with units). */
export function areasPerStage(results: ResultSummary[]): Record<Stage, StageAreas | null> {
  const perStage = currentResultPerStage(results);
  const withUnits = currentUnitResultPerStage(results);
  return Object.fromEntries(
    STAGES.map((s) => {
      const r = perStage[s];
      const u = withUnits[s];
      return [s, r && {
        surveyId: r.id,
        kind: r.kind,
        surveyedOn: r.surveyedOn,
        declaredAreaM2: r.declaredAreaM2,
        officialLandArea: r.officialLandArea,
        planeAreaM2: r.planeAreaM2,
        declaredBuildingAreaM2: r.declaredBuildingAreaM2,
        units: u?.units ?? r.units,
        unitsSurveyId: u?.id ?? null,
      }];
    }),
  ) as Record<Stage, StageAreas | null>;
}

/** Results grouped by stage, each group oldest first as given. */
export function groupByStage(results: ResultSummary[]): Record<Stage, ResultSummary[]> {
  return Object.fromEntries(STAGES.map((s) => [s, results.filter((r) => r.stage === s)])) as Record<Stage, ResultSummary[]>;
}
