// Checks a survey submission against the domain (codes, CRS, kind for stage, unit areas) and turns its delivery
// (GeoJSON features or an uploaded file) into a quality report and, when it passes, what will be stored.
import { parseParcelCode, parseUnitCode } from './parcel-code';
import { parseEpsg, zoneCrsFromEpsg } from './crs';
import type { KindFamily, Stage } from './survey-result';
import type { PrecisionClass } from './tolerances';
import type { Delivery, DeliveryPlot, Finding, ReadResult } from '../formats/delivery';
import { readGeoJsonObject } from '../formats/geojson.format';
import { checkDelivery } from '../quality/quality-report';
import { finding } from '../quality/finding';
import { checkDeclaredBuildingArea, checkUnitAreas, type UnitFinding } from '../quality/unit.checks';

/** The metadata of a submission: the JSON body of POST /api/surveys (schemas/survey-submission.schema.json) or the fields of an upload. */
export interface SurveySubmission {
  stage: Stage;
  kind: string;
  /** Optional for uploads: then taken from the file (its plots' 宗地代码, or its name). */
  parcelCode: string;
  organisation: string;
  surveyedOn: string;
  /** Optional for uploads whose file states its CRS. */
  crs: string;
  /** 界址点 precision class. */
  precisionClass: PrecisionClass;
  /** 房产面积 precision class (GB/T 17986.1); absent: 二级. */
  areaPrecisionClass?: PrecisionClass;
  declaredAreaM2?: number;
  declaredBuildingAreaM2?: number;
  /** R2 evidence: the supply document a 权籍调查 was used for (or a supply document's own reference). */
  supplyDocumentKind?: string;
  supplyDocumentNo?: string;
  supplyDocumentDate?: string;
  /** R5 evidence: the 竣工联合验收 / 备案 reference of a completion result. */
  completionAcceptanceNo?: string;
  completionAcceptanceDate?: string;
  /** 宗地代码 of the parcels a new parcel is split from or merged from: their land is its own (no neighbour conflict). */
  predecessorCodes?: string[];
  sourceFileName?: string;
  supersedes?: string;
  submittedBy?: string;
  /** GeoJSON FeatureCollection of the plot polygon(s), in `crs`: positions [easting, northing]. */
  features?: { type: 'FeatureCollection'; features: { type: 'Feature'; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }; properties?: { pointNumbers?: unknown; [key: string]: unknown } | null }[] };
  units?: { unitCode: string; buildingAreaM2: number; innerAreaM2?: number; sharedAreaM2?: number; location?: string }[];
}

export interface KindRule {
  code: string;
  stages: string[];
  geometryRole: 'parcel_boundary' | 'building_footprint';
  officialLandArea: boolean;
  family: KindFamily;
  /** false: may be recorded without coordinates (an area-only supply document, R3). */
  geometryRequired: boolean;
}

export interface SubmissionProblem {
  code: string;
  message: string;
  details?: unknown;
}

type Checked<T> = { ok: true; value: T } | { ok: false; problem: SubmissionProblem };
const fail = (code: string, message: string, details?: unknown) => ({ ok: false as const, problem: { code, message, details } });

export { UNIT_AREA_SUM_TOLERANCE_M2 } from '../quality/unit.checks';

/** The metadata checks: codes, CRS, date, kind for stage, unit areas. `hasGeometry`: a delivery comes with it. */
export function checkMetadata(s: Partial<SurveySubmission>, kinds: KindRule[], today: string, hasGeometry: boolean): Checked<{ kind: KindRule; epsg?: number }> {
  if (s.parcelCode !== undefined) {
    const parcel = parseParcelCode(s.parcelCode);
    if (!parcel.ok) return fail('PARCEL_CODE_INVALID', `parcelCode '${s.parcelCode}': ${parcel.problems.map((p) => p.message).join('; ')}`, { problems: parcel.problems });
  }
  let epsg: number | undefined;
  if (s.crs !== undefined) {
    epsg = parseEpsg(s.crs);
    if (epsg === undefined || (epsg !== 4490 && !zoneCrsFromEpsg(epsg))) {
      return fail('CRS_UNSUPPORTED', `crs ${s.crs} is not a CGCS2000 Gauss-Krüger zone: official areas are plane areas in the survey's projected CRS, so give coordinates in EPSG:4513–4554 (3° zones) or EPSG:4491–4512 (6° zones), e.g. EPSG:4526 for 焦作 (a GeoJSON file in EPSG:4490 lon/lat is placed into its zone)`);
    }
    if (epsg === 4490 && s.features !== undefined) {
      return fail('CRS_UNSUPPORTED', `crs ${s.crs} is geographic: official areas are plane areas in the survey's projected CRS, so submit features in the CGCS2000 Gauss-Krüger zone (EPSG:4513–4554 or 4491–4512), e.g. EPSG:4526`);
    }
  }
  if (s.surveyedOn && s.surveyedOn > today) return fail('SURVEY_DATE_IN_FUTURE', `surveyedOn ${s.surveyedOn} is after today (${today})`);
  const kind = kinds.find((k) => k.code === s.kind);
  if (!kind) return fail('KIND_UNKNOWN', `kind '${s.kind}' is not a known survey kind; use one of ${kinds.map((k) => k.code).join(', ')}`);
  if (!kind.stages.includes(s.stage as string)) {
    return fail('KIND_NOT_FOR_STAGE', `kind ${s.kind} does not belong to stage ${s.stage}; it is submitted for ${kind.stages.join(' or ')}`);
  }
  if (kind.geometryRequired && !hasGeometry) {
    return fail('FEATURES_REQUIRED', `a ${s.kind} result describes the parcel boundary: its geometry (features, or a file) is required`);
  }
  const areaOnly = kind.officialLandArea && !hasGeometry;
  if (areaOnly && s.declaredAreaM2 === undefined) {
    return fail('DECLARED_AREA_REQUIRED', `a ${s.kind} without coordinates records the land area it states (R3): give declaredAreaM2 in m²`);
  }
  if (!hasGeometry && !areaOnly && !s.units?.length) return fail('NOTHING_SURVEYED', 'a result needs a geometry (features, or a file) or units (per-unit areas)');
  const evidence = checkEvidence(s, kind, today);
  if (evidence) return { ok: false, problem: evidence };
  const unitProblem = (s.parcelCode ? checkUnits(s.parcelCode, s.units ?? []) : undefined)
    ?? asProblem(checkDeclaredBuildingArea(s.units ?? [], s.declaredBuildingAreaM2, s.areaPrecisionClass ?? 2)[0]);
  if (unitProblem) return { ok: false, problem: unitProblem };
  return { ok: true, value: { kind, epsg } };
}

/**
 * The evidence a result may carry, where it means something: the supply procedure (R2) on a cadastral survey or
 * demarcation of the land-supply or legacy stage, or a supply document's own reference (its kind must be the
 * document's); the completion acceptance (R5) on a result of the completion stage. Dates not after today.
 */
export function checkEvidence(s: Partial<SurveySubmission>, kind: KindRule, today: string): SubmissionProblem | undefined {
  if (s.supplyDocumentKind !== undefined) {
    const surveyForSupply = (kind.family === 'cadastral' || kind.family === 'demarcation') && (s.stage === 'land_supply' || s.stage === 'legacy');
    if (!surveyForSupply && kind.family !== 'supply_document') {
      return { code: 'EVIDENCE_NOT_FOR_KIND', message: `supplyDocumentKind/No/Date record the supply procedure a 权籍调查 or 勘测定界 of the land-supply stage was used for (R2), or a supply document's own reference; a ${s.kind} of stage ${s.stage} does not carry them` };
    }
    if (kind.family === 'supply_document' && s.supplyDocumentKind !== s.kind) {
      return { code: 'EVIDENCE_NOT_FOR_KIND', message: `supplyDocumentKind ${s.supplyDocumentKind} differs from the kind ${s.kind}: a supply document's reference is its own` };
    }
    if (s.supplyDocumentDate && s.supplyDocumentDate > today) return { code: 'EVIDENCE_DATE_IN_FUTURE', message: `supplyDocumentDate ${s.supplyDocumentDate} is after today (${today})` };
  }
  if (s.predecessorCodes !== undefined) {
    if (kind.family !== 'cadastral') {
      return { code: 'EVIDENCE_NOT_FOR_KIND', message: `predecessorCodes name the parcels a new parcel is split or merged from, on its 权籍调查; a ${s.kind} does not carry them` };
    }
    if (s.parcelCode && s.predecessorCodes.includes(s.parcelCode)) {
      return { code: 'PREDECESSOR_IS_ITSELF', message: `predecessorCodes name ${s.parcelCode} itself: a new parcel of a split or merge has a new 宗地代码` };
    }
  }
  if (s.completionAcceptanceNo !== undefined && s.stage !== 'completion') {
    return { code: 'EVIDENCE_NOT_FOR_KIND', message: `completionAcceptanceNo is the 竣工联合验收 / 备案 reference of a completion-stage result (R5); a result of stage ${s.stage} does not carry it` };
  }
  if (s.completionAcceptanceDate && s.completionAcceptanceDate > today) return { code: 'EVIDENCE_DATE_IN_FUTURE', message: `completionAcceptanceDate ${s.completionAcceptanceDate} is after today (${today})` };
  return undefined;
}

export function checkUnits(parcelCode: string, units: NonNullable<SurveySubmission['units']>): SubmissionProblem | undefined {
  const seen = new Set<string>();
  for (const [i, u] of units.entries()) {
    const where = `units[${i}] (${u.unitCode})`;
    const code = parseUnitCode(u.unitCode);
    if (!code.ok) return { code: 'UNIT_CODE_INVALID', message: `${where}: ${code.problems.map((p) => p.message).join('; ')}`, details: { index: i, problems: code.problems } };
    if (!u.unitCode.startsWith(parcelCode)) {
      return { code: 'UNIT_NOT_ON_PARCEL', message: `${where} is not a unit of parcel ${parcelCode}: its first 19 characters are ${u.unitCode.slice(0, 19)}` };
    }
    if (seen.has(u.unitCode)) return { code: 'UNIT_REPEATED', message: `${where} appears more than once in this result` };
    seen.add(u.unitCode);
    const problem = asProblem(checkUnitAreas(u, i)[0]);
    if (problem) return problem;
  }
  return undefined;
}

/** A unit finding as the problem that refuses the submission; the Chinese message goes with the details. */
function asProblem(f: UnitFinding | undefined): SubmissionProblem | undefined {
  return f && { code: f.code, message: f.message, details: { ...f.details, messageZh: f.messageZh } };
}

/** Where a delivery's plots go: one result per parcel. */
export interface Target {
  parcelCode: string;
  plots: DeliveryPlot[];
}

/** A delivery examined for a submission: the results it makes and every finding of the pure checks. */
export interface Inspection {
  delivery: Delivery | null;
  targets: Target[];
  findings: Finding[];
}

/**
 * `single`: the whole delivery is one result for the request's parcel (or the one 宗地代码 the file or its
 * name gives); `per-plot`: a bulk import where each plot carries its own 宗地代码 (plots of one parcel make one result).
 */
export type TargetMode = 'single' | 'per-plot';

const PARCEL_CODE = /^\d{12}[GJZ][A-Z]\d{5}/;

/** Resolves CRS and parcel codes between request and file, then runs the pure quality checks. */
export function inspectDelivery(read: ReadResult, s: Partial<SurveySubmission>, kind: KindRule, requestEpsg?: number, mode: TargetMode = 'single'): Inspection {
  if (!read.ok) return { delivery: null, targets: [], findings: read.findings };
  const delivery = read.delivery;
  const file = delivery.fileName;
  const refuse = (code: string, message: string, messageZh: string): Inspection => ({ delivery, targets: [], findings: [...delivery.findings, finding(code, 'error', { file }, message, messageZh)] });
  if (delivery.epsg === null) {
    return refuse('CRS_MISSING', 'the file does not state its coordinate system: give crs (e.g. EPSG:4526) with the upload', '文件未说明坐标系：请在提交时给出crs（如EPSG:4526）');
  }
  if (requestEpsg !== undefined && requestEpsg !== 4490 && delivery.format !== 'geojson' && delivery.epsg !== requestEpsg) {
    return refuse('CRS_CONFLICT', `the file is in EPSG:${delivery.epsg} but the request says ${s.crs}; leave crs out or correct it`, `文件坐标系为EPSG:${delivery.epsg}，与提交的${s.crs}不一致；请删除或更正crs`);
  }
  if (!zoneCrsFromEpsg(delivery.epsg)) {
    return refuse('CRS_UNSUPPORTED', `the coordinates are in EPSG:${delivery.epsg}, not a CGCS2000 Gauss-Krüger zone: official areas are plane areas in the survey's projected CRS, so deliver the file in its zone (EPSG:4513–4554 or 4491–4512; only GeoJSON in EPSG:4490 lon/lat is converted)`,
      `坐标为EPSG:${delivery.epsg}，不是CGCS2000高斯-克吕格投影带：法定面积是测量所用投影坐标系下的平面面积，请提交投影带坐标（EPSG:4513–4554或4491–4512；仅EPSG:4490经纬度的GeoJSON会自动转换）`);
  }
  const { targets, findings: targetFindings } = mode === 'per-plot' && !s.parcelCode ? perPlotTargets(delivery) : singleTarget(delivery, s.parcelCode);
  // declaredAreaM2 is stored as the area of a result only when the delivery makes one result: then it is checked
  const declaredAreaM2 = targets.length === 1 ? s.declaredAreaM2 : undefined;
  const findings = [...checkDelivery(delivery, { precisionClass: s.precisionClass ?? 1, officialArea: kind.officialLandArea, parcelCode: mode === 'single' ? targets[0]?.parcelCode : s.parcelCode, declaredAreaM2 }), ...targetFindings];
  return { delivery, targets, findings };
}

function singleTarget(delivery: Delivery, requested?: string): { targets: Target[]; findings: Finding[] } {
  const fromPlots = [...new Set(delivery.plots.map((p) => p.parcelCode).filter((c): c is string => !!c))];
  const parcelCode = requested ?? (fromPlots.length === 1 ? fromPlots[0] : PARCEL_CODE.exec(delivery.fileName.replace(/^.*[\\/]/, ''))?.[0]);
  if (parcelCode) return { targets: [{ parcelCode, plots: delivery.plots }], findings: [] };
  const many = fromPlots.length > 1;
  return {
    targets: [],
    findings: [finding('PARCEL_CODE_MISSING', 'error', { file: delivery.fileName },
      many ? `the file holds plots of ${fromPlots.length} parcels: import it with POST /api/imports (npm run import), or give parcelCode` : 'no 宗地代码 in the request, the file or its name: give parcelCode',
      many ? `文件包含${fromPlots.length}宗地的地块：请用批量导入（POST /api/imports 或 npm run import），或给出parcelCode` : '请求、文件及文件名中均无宗地代码：请给出parcelCode')],
  };
}

function perPlotTargets(delivery: Delivery): { targets: Target[]; findings: Finding[] } {
  const byCode = new Map<string, DeliveryPlot[]>();
  const findings: Finding[] = [];
  for (const plot of delivery.plots) {
    const where = { file: delivery.fileName, plot: plot.plotNo, line: plot.line };
    const parsed = plot.parcelCode ? parseParcelCode(plot.parcelCode) : undefined;
    if (!parsed) {
      findings.push(finding('PARCEL_CODE_MISSING', 'error', where, 'the plot has no 宗地代码: write it as 地块编号 (TXT), a ZDDM/宗地代码 attribute or TEXT, or import the file for one parcel with parcelCode', '该地块没有宗地代码：请在地块编号（TXT）、ZDDM/宗地代码属性或文字注记中给出，或指定parcelCode按单宗导入'));
    } else if (!parsed.ok) {
      findings.push(finding('PARCEL_CODE_INVALID', 'error', where, `宗地代码 ${plot.parcelCode}: ${parsed.problems.map((p) => p.message).join('; ')}`, `宗地代码${plot.parcelCode}：${parsed.problems.map((p) => p.messageZh).join('；')}`));
    } else {
      byCode.set(plot.parcelCode!, [...(byCode.get(plot.parcelCode!) ?? []), plot]);
    }
  }
  return { targets: [...byCode].map(([parcelCode, plots]) => ({ parcelCode, plots })), findings };
}

/**
 * Everything about a submission that needs no database: the metadata checks (a wrong field is a
 * problem), then the delivery read and checked (its findings go into the report, they are not a problem here).
 * `read`: the delivery as read from an upload; absent, the GeoJSON `features` of the submission are read.
 */
export function inspectSubmission(s: Partial<SurveySubmission>, kinds: KindRule[], today: string, read?: ReadResult, mode: TargetMode = 'single'): Checked<{ kind: KindRule; inspection: Inspection | null }> {
  const meta = checkMetadata(s, kinds, today, read !== undefined || s.features !== undefined);
  if (!meta.ok) return meta;
  const { kind, epsg } = meta.value;
  const delivery = read ?? (s.features !== undefined ? readGeoJsonObject(s.features, 'features', epsg) : undefined);
  return { ok: true, value: { kind, inspection: delivery ? inspectDelivery(delivery, s, kind, epsg, mode) : null } };
}

/** A JSON submission that passes every pure check, or the first problem (errors of the delivery included). */
export function checkSubmission(s: SurveySubmission, kinds: KindRule[], today: string): Checked<{ kind: KindRule; inspection: Inspection | null }> {
  const checked = inspectSubmission(s, kinds, today);
  if (!checked.ok) return checked;
  const errors = checked.value.inspection?.findings.filter((f) => f.severity === 'error') ?? [];
  if (errors.length) return fail(errors[0].code, errors[0].message, { findings: checked.value.inspection!.findings });
  return checked;
}
