// The survey result as the API shows it, and the pure rules that pick a parcel's current accepted results.

export const STAGES = ['land_supply', 'planning', 'presale', 'completion', 'legacy'] as const;
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
  organisation: string;
  surveyedOn: string;
  crs: string;
  precisionClass: 1 | 2 | 3;
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
}

/** Accepted and not superseded: a result that may be reused. */
export const isCurrent = (r: ResultSummary) => r.status === 'accepted' && r.supersededBy === null;

/** Newest survey first; a later review breaks ties. */
function newestFirst(a: ResultSummary, b: ResultSummary): number {
  return b.surveyedOn.localeCompare(a.surveyedOn) || (b.reviewedAt ?? '').localeCompare(a.reviewedAt ?? '');
}

/** The parcel's current boundary: the newest current result whose geometry is the parcel boundary (界址). */
export function currentBoundaryResult(results: ResultSummary[]): ResultSummary | undefined {
  return results.filter((r) => isCurrent(r) && r.geometryRole === 'parcel_boundary' && r.hasGeometry).sort(newestFirst)[0];
}

/** Per stage, the newest current result (or null where the stage has none). */
export function currentResultPerStage(results: ResultSummary[]): Record<Stage, ResultSummary | null> {
  const current = results.filter(isCurrent).sort(newestFirst);
  return Object.fromEntries(STAGES.map((s) => [s, current.find((r) => r.stage === s) ?? null])) as Record<Stage, ResultSummary | null>;
}

/**
 * Per stage, the newest current result that carries unit areas: the pre-sale 楼盘表 (房产预测) and the verified
 * 房产实测 — a stage also holds results without units (竣工测量, 规划核实), which must not hide them.
 */
export function currentUnitResultPerStage(results: ResultSummary[]): Record<Stage, ResultSummary | null> {
  return currentResultPerStage(results.filter((r) => r.units.count > 0));
}

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
