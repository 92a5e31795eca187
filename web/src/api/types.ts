// Shapes of the hub's answers the app reads (see schemas/ and GET /api/openapi.json); only the fields used here.
export type Stage = 'land_supply' | 'planning' | 'presale' | 'completion' | 'legacy';
export const STAGES: Stage[] = ['land_supply', 'planning', 'presale', 'completion', 'legacy'];
export type Role = 'surveyor' | 'reviewer' | 'registrar' | 'planner' | 'admin';
export type ResultStatus = 'submitted' | 'accepted' | 'rejected' | 'superseded' | string;

export interface Session { username: string; roles: Role[]; organisation?: string | null; demo?: boolean }

export interface ParcelItem { parcelCode: string; location: string | null; bbox4490?: number[] | null; resultCount?: number; acceptedCount?: number }

export interface TimelineEntry {
  id: string; stage: Stage; kind: string; status: ResultStatus; organisation: string; surveyedOn: string;
  planeAreaM2?: number | null; declaredAreaM2?: number | null; supersededBy?: string | null;
}

/** 界址点: x = north, y = east in the survey's zone CRS; xText/yText are the digits as surveyed. */
export interface BoundaryPoint { part: number; ring: number; seq: number; pointNo: string; x: number; y: number; xText?: string; yText?: string }

export interface ParcelDetail {
  parcel: { parcelCode: string; location?: string | null; landUse?: string | null; rightType?: string | null; [k: string]: unknown };
  units: { unitCode: string; [k: string]: unknown }[];
  timeline: TimelineEntry[];
  currentBoundary: { surveyId: string; crs: string; geometry4490: GeoJSON.Geometry; boundaryPoints: BoundaryPoint[] } | null;
  areasByStage: Record<string, unknown>;
}

export interface Finding {
  code: string; severity: 'error' | 'warning'; message: string; messageZh?: string; file?: string | null; line?: number | null;
  plot?: string | number | null; ring?: number | null; point?: string | null; x?: number | null; y?: number | null; suggestion?: string | null;
}
export interface QualityReport { file?: string; format?: string; crs: string | null; plots?: number; findings: Finding[]; errors: number; warnings: number; passed: boolean }

export interface SurveyResult {
  id: string; stage: Stage; kind: string; parcelCode: string; status: ResultStatus; organisation: string; surveyedOn: string; crs?: string;
  planeAreaM2?: number | null; geometry4490?: GeoJSON.Geometry | null; boundaryPoints?: BoundaryPoint[];
}

export interface DiffPoint { pointNo: string; x: number; y: number }
export interface BoundaryDiff {
  sameBoundary: boolean; tolerance?: number; moved: { pointNo: string; displacementM: number; dx: number; dy: number }[];
  added: unknown[]; removed: unknown[]; pairs: { accepted: DiffPoint; candidate: DiffPoint; displacementM: number }[];
  hausdorffM?: number | null; symmetricDifferenceM2?: number | null; reason?: string; reasonZh?: string; crs?: string;
  added4490?: GeoJSON.Geometry | null; removed4490?: GeoJSON.Geometry | null;
}

export interface Packet {
  packetId: string; decision: string; reason: { zh: string; en: string } | string; applicationNo: string; purpose: string;
  boundary?: { value?: unknown; rule?: string; source?: unknown; reason?: { zh?: string; en?: string } | string } | null;
  landArea?: unknown; units?: unknown[]; boundaryPoints?: BoundaryPoint[];
}

export interface AreaFigure {
  name: string; presaleM2: number | null; verifiedM2: number | null; differenceM2: number | null;
  ratioPercent: number | null; ratioText: string | null; flagged: boolean; consequence?: { zh: string; en: string } | null;
}
export interface UnitComparison { unitCode: string; buildingNo: string; missing: 'presale' | 'verified' | null; building: AreaFigure; inner: AreaFigure; shared: AreaFigure }
export interface AreaComparison { parcelCode: string; units: UnitComparison[]; buildings: { buildingNo?: string; units: number; building: { ratioText: string | null } }[]; explanation?: unknown; missingStages?: string[] }
