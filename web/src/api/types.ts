// Shapes of the hub's answers the app reads: generated from the hub's OpenAPI document where a schema in schemas/ gives
// the answer (openapi.gen.ts, `npm run api:types`; drift fails `npm run typecheck` and the api-types test); written
// here only for answers that have no schema yet.
import type { components } from './openapi.gen';

type Schemas = components['schemas'];
export type Stage = 'land_supply' | 'planning' | 'presale' | 'completion' | 'legacy';
export const STAGES: Stage[] = ['land_supply', 'planning', 'presale', 'completion', 'legacy'];
export type Role = 'surveyor' | 'reviewer' | 'registrar' | 'planner' | 'admin';
export type ResultStatus = 'submitted' | 'accepted' | 'rejected' | 'superseded' | string;

export interface Session { username: string; roles: Role[]; organisation?: string | null; demo?: boolean }

export type ParcelItem = Schemas['parcel-list']['items'][number];

export interface Bilingual { zh: string; en: string }

/** R2 evidence (the supply procedure a 权籍调查 was used for) or a supply document's own reference. */
export interface SupplyDocument { kind: string; no: string; date: string }
/** R5 evidence: the 竣工联合验收 / 备案 a completion result was verified in. */
export interface CompletionAcceptance { no: string; date: string | null }

/** What a result carries besides its geometry: evidence cited by packets, and its part in the parcel's boundary. */
export interface ResultEvidence {
  /** 房产面积 precision class (GB/T 17986.1); null: not stated (二级 assumed). */
  areaPrecisionClass?: 1 | 2 | 3 | null;
  supplyDocument?: SupplyDocument | null;
  completionAcceptance?: CompletionAcceptance | null;
  /** Fixed at acceptance: the result established the boundary (确立界址) or confirmed one within the 允许误差 (复核一致). */
  boundaryRole?: 'establishes' | 'confirms' | null;
  /** confirms: the result that established the boundary. */
  boundaryOf?: string | null;
}

export interface TimelineEntry extends ResultEvidence {
  id: string; stage: Stage; kind: string; status: ResultStatus; organisation: string; surveyedOn: string;
  planeAreaM2?: number | null; declaredAreaM2?: number | null; supersededBy?: string | null;
}

/** 宗地沿革: the split or merge that made the parcel, and the one that retired it (schemas/parcel-lineage.schema.json). */
export interface ParcelLineage {
  madeBy: { kind: 'split' | 'merge'; predecessorCodes: string[]; surveyId: string; changeNo: string; recordedAt: string } | null;
  retired: { kind: 'split' | 'merge'; successorCodes: string[]; changeNo: string; retiredAt: string } | null;
}

/** 界址点: x = north, y = east in the survey's zone CRS; xText/yText are the digits as surveyed. */
export interface BoundaryPoint { part: number; ring: number; seq: number; pointNo: string; x: number; y: number; xText?: string; yText?: string }

export interface ParcelDetail {
  parcel: { parcelCode: string; location?: string | null; landUse?: string | null; rightType?: string | null; [k: string]: unknown };
  units: { unitCode: string; [k: string]: unknown }[];
  timeline: TimelineEntry[];
  currentBoundary: { surveyId: string; crs: string; geometry4490: GeoJSON.Geometry; boundaryPoints: BoundaryPoint[] } | null;
  areasByStage: Record<string, unknown>;
  lineage?: ParcelLineage;
}

export type QualityReport = Schemas['quality-report'];
export type Finding = QualityReport['findings'][number];

/** A result with its geometry (GET /api/surveys/{id}); geometry4490 is GeoJSON in EPSG:4490. */
export type SurveyResult = Omit<Schemas['survey-result'], 'geometry4490'> & { geometry4490?: GeoJSON.Geometry | null };
/** The lists GET /api/surveys answers: the review queue (submitted), 挂起 (suspended), decided ones, or all. */
export const LIST_STATUSES = ['submitted', 'suspended', 'accepted', 'rejected', 'all'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];
/** The export formats of GET /api/surveys/{id}/export (server/services/export.service.ts EXPORT_FORMATS). */
export const EXPORT_FORMATS = ['txt', 'geojson', 'csv', 'dxf', 'gpkg', 'shp'] as const;
/** A row of GET /api/surveys: the review queue, the 挂起 list, a surveyor's 我的成果. */
export type ResultListItem = Schemas['result-list']['items'][number];

export interface DiffPoint { pointNo: string; x: number; y: number }
export interface BoundaryDiff {
  sameBoundary: boolean; tolerance?: number; moved: { pointNo: string; displacementM: number; dx: number; dy: number }[];
  added: unknown[]; removed: unknown[]; pairs: { accepted: DiffPoint; candidate: DiffPoint; displacementM: number }[];
  hausdorffM?: number | null; symmetricDifferenceM2?: number | null; reason?: string; reasonZh?: string; crs?: string;
  added4490?: GeoJSON.Geometry | null; removed4490?: GeoJSON.Geometry | null;
}

/** The 14 登记类型 of schemas/packet-request.schema.json, in its order. */
export const REGISTRATION_TYPES = [
  '国有建设用地使用权首次登记', '集体建设用地使用权首次登记', '宅基地使用权及房屋所有权首次登记', '房屋所有权首次登记',
  '变更登记', '转移登记', '预告登记', '预购商品房抵押预告登记', '在建建筑物抵押登记',
  '抵押登记', '更正登记', '异议登记', '注销登记', '查封登记',
] as const;
export type RegistrationType = (typeof REGISTRATION_TYPES)[number];
/** What a 变更登记 changes (required there). */
export const CHANGE_KINDS = ['名称', '用途', '界址', '面积', '分割', '合并'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface PacketRequest { parcelCode: string; registrationType: RegistrationType; changeKind?: ChangeKind; unitCode?: string; applicationNo: string; purpose: string }

export type PacketDecision = 'reuse' | 'awaiting_review' | 'new_survey_required';
export type Rule = 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'R6' | 'R7';
/** The result a value comes from. */
export interface PacketSource { surveyId: string; stage: Stage; kind: string; organisation: string; surveyedOn: string }
export interface Sourced<T> { value: T; rule: Rule; source: PacketSource; reason: Bilingual }
export interface RequirementState { requirement: string; state: 'met' | 'pending' | 'missing'; reason: Bilingual; surveyIds: string[] }

export interface Packet {
  packetId: string; decision: PacketDecision; reason: Bilingual;
  /** The decision-table row applied, e.g. 变更登记（界址/面积）. */
  tableRow: string;
  requirements: RequirementState[];
  boundary: (Sourced<{ surveyId: string; crs: string; planeAreaM2: number | null }> & { confirmedBy: PacketSource[] }) | null;
  /** Land area, m² (registered to 0.01 m²); computedM2 the plane area of the coordinates. */
  landArea: (Sourced<number> & { computedM2: number | null; note: Bilingual | null }) | null;
  units: (UnitComparison & { registered: Sourced<number> | null })[];
  /** Units of the 楼盘表 without a verified (实测) area. */
  unitsMissingFromVerified: string[];
  lineage: ParcelLineage['madeBy'];
  applicationNo: string; purpose: string;
  boundaryPoints?: BoundaryPoint[];
}

export interface AreaFigure {
  name: string; presaleM2: number | null; verifiedM2: number | null; differenceM2: number | null;
  ratioPercent: number | null; ratioText: string | null; flagged: boolean; consequence?: { zh: string; en: string } | null;
}
export interface UnitComparison { unitCode: string; buildingNo?: string; missing: 'presale' | 'verified' | null; building: AreaFigure; inner: AreaFigure; shared: AreaFigure }
export interface AreaComparison { parcelCode: string; units: UnitComparison[]; buildings: { buildingNo?: string; units: number; building: { ratioText: string | null } }[]; explanation?: unknown; missingStages?: string[] }
