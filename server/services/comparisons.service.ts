// Pre-sale (预测) vs verified (实测) unit areas of a parcel, from its current accepted presale and completion results.
import type pg from 'pg';
import { badRequest, HubError } from '../errors';
import { compareUnitAreaLists, totals, SETTLEMENT_RATIO_PERCENT, type GroupTotals, type UnitAreaComparison } from '../domain/area-comparison';
import { areaClassOf, unitAreaSources, type ResultSummary } from '../domain/survey-result';
import { AREA_MEAN_ERROR_COEFFICIENTS, CLASS_NAMES } from '../domain/tolerances';
import { writeAreaComparisonCsv } from '../formats/area-comparison-csv.format';
import { resultsOfParcel, unitAreasOf } from './survey-store';
import { requireParcelCode, requireVisibleParcel } from './parcels.service';
import { auditRead, type Actor } from './audit.service';
import { requirePurpose, type ReadPurpose } from '../auth/purpose';
import { SEE_ALL, visibilityOf, type Visibility } from '../auth/viewer';

/** Where one side's numbers come from: the stage's current accepted result. */
export interface ComparisonSource {
  surveyId: string;
  stage: ResultSummary['stage'];
  kind: string;
  organisation: string;
  surveyedOn: string;
  reviewedAt: string | null;
  precisionClass: 1 | 2 | 3;
}

export interface AreaComparisonReport {
  parcelCode: string;
  building: string | null;
  sources: { presale: ComparisonSource | null; verified: ComparisonSource | null };
  /** Stages without a current accepted result; the comparison needs both. */
  missingStages: ('presale' | 'completion')[];
  /** Why there is nothing to compare (a stage is missing, or neither side has units); null when compared. */
  explanation: string | null;
  settlementRatioPercent: number;
  /** The GB/T 17986.1 限差 applied: class of the completion result, S = the pre-sale area. */
  tolerance: { standard: string; formula: string; precisionClass: 1 | 2 | 3; className: string; a: number; b: number } | null;
  units: (UnitAreaComparison & { buildingNo: string })[];
  buildings: GroupTotals[];
  parcel: GroupTotals | null;
}

const source = (r: ResultSummary | null): ComparisonSource | null =>
  r && { surveyId: r.id, stage: r.stage, kind: r.kind, organisation: r.organisation, surveyedOn: r.surveyedOn, reviewedAt: r.reviewedAt, precisionClass: r.precisionClass };

const STAGE_NAMES = { presale: 'pre-sale (预测, stage presale)', completion: 'completion (实测, stage completion)' } as const;

/** Parses the query: parcelCode required and valid, building 4 digits, format json|csv; 400 naming the parameter. */
export function parseComparisonQuery(query: Record<string, unknown>): { parcelCode: string; building: string | null; format: 'json' | 'csv' } {
  const text = (v: unknown) => (v === undefined ? undefined : String(v));
  const [parcelCode, building, format] = [text(query.parcelCode), text(query.building), text(query.format)];
  if (parcelCode === undefined || parcelCode === '') throw badRequest('PARCEL_CODE_REQUIRED', 'parcelCode is required: the 宗地代码 (19 characters, e.g. 410802003012GB00025) of the parcel to compare');
  try {
    requireParcelCode(parcelCode);
  } catch (err) {
    if (err instanceof HubError) throw badRequest(err.code, `parcelCode: ${err.message}`, err.details);
    throw err;
  }
  if (building !== undefined && !/^\d{4}$/.test(building)) throw badRequest('BUILDING_NO_INVALID', `building '${building}' must be a 自然幢号 of 4 digits (characters 21–24 of the 不动产单元号), e.g. 0001`);
  if (format !== undefined && format !== 'json' && format !== 'csv') throw badRequest('FORMAT_UNSUPPORTED', `format '${format}' must be json or csv`);
  return { parcelCode, building: building ?? null, format: format === 'csv' ? 'csv' : 'json' };
}

/** A file to download (the route's `{ file }`). */
export interface ComparisonFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

/**
 * Per unit, 预测 against 实测 建筑面积 / 套内建筑面积 / 分摊面积 (面积误差比 on both bases, the 3 % flag, the 限差 of the
 * completion result's precision class), totals per building and for the parcel, from the current accepted presale
 * and completion results. Without both, the report explains which stage is missing (not an error). With format csv
 * and something to compare, also the file (UTF-8 with BOM, CRLF), recorded in the audit log as an export.
 */
export async function compareParcelAreas(
  pool: pg.Pool,
  query: ReturnType<typeof parseComparisonQuery>,
  actor: Actor,
  why: ReadPurpose = {},
): Promise<{ report: AreaComparisonReport; file?: ComparisonFile }> {
  const recorded = requirePurpose(actor.viewer, query.format === 'csv' ? 'export' : 'view', why);
  const report = await comparisonReport(pool, query.parcelCode, query.building, actor.viewer ? visibilityOf(actor.viewer) : SEE_ALL);
  const { presale, verified } = report.sources;
  if (query.format !== 'csv' || !presale || !verified) {
    await auditRead(pool, actor, 'comparison.read', { parcelCode: report.parcelCode, subjectId: verified?.surveyId }, recorded, { building: report.building, presaleSurveyId: presale?.surveyId ?? null });
    return { report };
  }
  const details = { export: 'area-comparison', format: 'csv', building: report.building, presaleSurveyId: presale.surveyId };
  await auditRead(pool, actor, 'survey.export', { parcelCode: report.parcelCode, subjectId: verified.surveyId }, recorded, details);
  const file = {
    fileName: `${report.parcelCode}${report.building ? `-${report.building}幢` : ''}-预测实测面积对比.csv`,
    contentType: 'text/csv; charset=utf-8',
    bytes: writeAreaComparisonCsv(report.units, report.buildings, report.parcel),
  };
  return { report, file };
}

async function comparisonReport(pool: pg.Pool, parcelCode: string, building: string | null, visibility: Visibility): Promise<AreaComparisonReport> {
  await requireVisibleParcel(pool, parcelCode, visibility);
  // The same two sides a registration takes: the pre-sale 楼盘表 and the verified areas (房产实测, or a legacy survey).
  const { presale, verified } = unitAreaSources(await resultsOfParcel(pool, parcelCode, visibility));
  const missingStages = ([['presale', presale], ['completion', verified]] as const).filter(([, r]) => !r).map(([s]) => s);
  const base = { parcelCode, building, sources: { presale: source(presale), verified: source(verified) }, missingStages, settlementRatioPercent: SETTLEMENT_RATIO_PERCENT };
  if (!presale || !verified) {
    const explanation = `Parcel ${parcelCode} has no current accepted ${missingStages.map((s) => STAGE_NAMES[s]).join(' and no ')} result; the comparison needs both a pre-sale and a completion result`;
    return { ...base, explanation, tolerance: null, units: [], buildings: [], parcel: null };
  }
  const inBuilding = (u: { unitCode: string }) => building === null || u.unitCode.slice(20, 24) === building;
  const [presaleUnits, verifiedUnits] = await Promise.all([unitAreasOf(pool, parcelCode, presale.id), unitAreasOf(pool, parcelCode, verified.id)]);
  const units = compareUnitAreaLists(presaleUnits.filter(inBuilding), verifiedUnits.filter(inBuilding), areaClassOf(verified));
  const sums = totals(units);
  const cls = areaClassOf(verified);
  return {
    ...base,
    explanation: units.length ? null : `Neither result has units${building === null ? '' : ` in building ${building}`} to compare`,
    tolerance: { standard: 'GB/T 17986.1-2000', formula: '限差 = 2 × (a·√S + b·S), S = 预测面积 (m²)', precisionClass: cls, className: CLASS_NAMES[cls], ...AREA_MEAN_ERROR_COEFFICIENTS[cls] },
    units: units.map((u) => ({ ...u, buildingNo: u.unitCode.slice(20, 24) })),
    buildings: sums.buildings,
    parcel: sums.parcels[0] ?? null,
  };
}
