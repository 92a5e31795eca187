// Checks a survey submission against the domain (codes, CRS, kind for stage, geometry, unit areas) without a database.
import { parseParcelCode, parseUnitCode } from './parcel-code';
import { parseEpsg, zoneCrsFromEpsg, type ZoneCrs } from './crs';
import { readSurveyedGeometry, type SurveyedGeometry } from './survey-geometry';
import type { Stage } from './survey-result';

/** The body of POST /api/surveys (schemas/survey-submission.schema.json). */
export interface SurveySubmission {
  stage: Stage;
  kind: string;
  parcelCode: string;
  organisation: string;
  surveyedOn: string;
  crs: string;
  precisionClass: 1 | 2 | 3;
  declaredAreaM2?: number;
  declaredBuildingAreaM2?: number;
  sourceFileName?: string;
  supersedes?: string;
  submittedBy?: string;
  features?: { type: 'FeatureCollection'; features: { type: 'Feature'; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }; properties?: { pointNumbers?: unknown } | null }[] };
  units?: { unitCode: string; buildingAreaM2: number; innerAreaM2?: number; sharedAreaM2?: number; location?: string }[];
}

export interface KindRule {
  code: string;
  stages: string[];
  geometryRole: 'parcel_boundary' | 'building_footprint';
}

/** A submission that passed every check, ready to store. */
export interface SurveyDraft {
  submission: SurveySubmission;
  crs: ZoneCrs;
  geometry: SurveyedGeometry | null;
}

export interface SubmissionProblem {
  code: string;
  message: string;
  details?: unknown;
}

/** 建筑面积 = 套内建筑面积 + 分摊面积, to the 0.01 m² areas are written to (plus rounding of both parts). */
export const UNIT_AREA_SUM_TOLERANCE_M2 = 0.015;

/** Runs every domain check; the first failing family of checks is returned with all its problems. */
export function checkSubmission(s: SurveySubmission, kinds: KindRule[], today: string): { ok: true; value: SurveyDraft } | { ok: false; problem: SubmissionProblem } {
  const fail = (code: string, message: string, details?: unknown) => ({ ok: false as const, problem: { code, message, details } });

  const parcel = parseParcelCode(s.parcelCode);
  if (!parcel.ok) {
    return fail('PARCEL_CODE_INVALID', `parcelCode '${s.parcelCode}': ${parcel.problems.map((p) => p.message).join('; ')}`, { problems: parcel.problems });
  }
  const epsg = parseEpsg(s.crs);
  const crs = epsg === undefined ? undefined : zoneCrsFromEpsg(epsg);
  if (!crs) {
    return fail('CRS_UNSUPPORTED', `crs ${s.crs} is not a CGCS2000 Gauss-Krüger zone: official areas are plane areas in the survey's projected CRS, so submit coordinates in EPSG:4513–4554 (3° zones) or EPSG:4491–4512 (6° zones), e.g. EPSG:4526 for 焦作`);
  }
  if (s.surveyedOn > today) return fail('SURVEY_DATE_IN_FUTURE', `surveyedOn ${s.surveyedOn} is after today (${today})`);

  const kind = kinds.find((k) => k.code === s.kind);
  if (!kind) return fail('KIND_UNKNOWN', `kind '${s.kind}' is not a known survey kind; use one of ${kinds.map((k) => k.code).join(', ')}`);
  if (!kind.stages.includes(s.stage)) {
    return fail('KIND_NOT_FOR_STAGE', `kind ${s.kind} does not belong to stage ${s.stage}; it is submitted for ${kind.stages.join(' or ')}`);
  }
  if (kind.geometryRole === 'parcel_boundary' && !s.features) {
    return fail('FEATURES_REQUIRED', `a ${s.kind} result describes the parcel boundary: features (the parcel polygon in ${s.crs}) is required`);
  }
  if (!s.features && !s.units?.length) return fail('NOTHING_SURVEYED', 'a result needs features (footprints) or units (per-unit areas)');

  const unitProblem = checkUnits(s);
  if (unitProblem) return { ok: false, problem: unitProblem };

  let geometry: SurveyedGeometry | null = null;
  if (s.features) {
    const read = readSurveyedGeometry(s.features.features, crs);
    if (!read.ok) {
      return fail(read.problems[0].code, read.problems.length === 1 ? read.problems[0].message : `${read.problems[0].message} (and ${read.problems.length - 1} more problem(s), see details)`, { problems: read.problems });
    }
    geometry = read.value;
  }
  return { ok: true, value: { submission: s, crs, geometry } };
}

function checkUnits(s: SurveySubmission): SubmissionProblem | undefined {
  const seen = new Set<string>();
  for (const [i, u] of (s.units ?? []).entries()) {
    const where = `units[${i}] (${u.unitCode})`;
    const code = parseUnitCode(u.unitCode);
    if (!code.ok) return { code: 'UNIT_CODE_INVALID', message: `${where}: ${code.problems.map((p) => p.message).join('; ')}`, details: { index: i, problems: code.problems } };
    if (!u.unitCode.startsWith(s.parcelCode)) {
      return { code: 'UNIT_NOT_ON_PARCEL', message: `${where} is not a unit of parcel ${s.parcelCode}: its first 19 characters are ${u.unitCode.slice(0, 19)}` };
    }
    if (seen.has(u.unitCode)) return { code: 'UNIT_REPEATED', message: `${where} appears more than once in this result` };
    seen.add(u.unitCode);
    if (u.innerAreaM2 !== undefined && u.sharedAreaM2 !== undefined) {
      const sum = u.innerAreaM2 + u.sharedAreaM2;
      if (Math.abs(sum - u.buildingAreaM2) > UNIT_AREA_SUM_TOLERANCE_M2) {
        return {
          code: 'UNIT_AREAS_INCONSISTENT',
          message: `${where}: 建筑面积 ${u.buildingAreaM2} m² must equal 套内建筑面积 ${u.innerAreaM2} m² + 分摊面积 ${u.sharedAreaM2} m² = ${sum.toFixed(2)} m²`,
        };
      }
    }
  }
  return undefined;
}
