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
  units: ResultSummary['units'];
}

/** Areas per stage from each stage's current accepted result. */
export function areasPerStage(results: ResultSummary[]): Record<Stage, StageAreas | null> {
  const perStage = currentResultPerStage(results);
  return Object.fromEntries(
    STAGES.map((s) => {
      const r = perStage[s];
      return [s, r && {
        surveyId: r.id,
        kind: r.kind,
        surveyedOn: r.surveyedOn,
        declaredAreaM2: r.declaredAreaM2,
        officialLandArea: r.officialLandArea,
        planeAreaM2: r.planeAreaM2,
        declaredBuildingAreaM2: r.declaredBuildingAreaM2,
        units: r.units,
      }];
    }),
  ) as Record<Stage, StageAreas | null>;
}

/** Results grouped by stage, each group oldest first as given. */
export function groupByStage(results: ResultSummary[]): Record<Stage, ResultSummary[]> {
  return Object.fromEntries(STAGES.map((s) => [s, results.filter((r) => r.stage === s)])) as Record<Stage, ResultSummary[]>;
}
