// Intake of survey results: a JSON submission or an uploaded file → quality report → (when it passes) one transaction.
import type pg from 'pg';
import { withTransaction } from '../db/database';
import { sql } from '../db/sql-files';
import { badRequest, conflict } from '../errors';
import { checkUnits, inspectSubmission, type Inspection, type KindRule, type SurveySubmission } from '../domain/survey-submission';
import { parseEpsg } from '../domain/crs';
import { boundaryPointTolerance } from '../domain/tolerances';
import type { Delivery } from '../formats/delivery';
import { readDelivery } from '../formats/read-delivery';
import { buildReport, type QualityReport } from '../quality/quality-report';
import { checkNeighbours, deliveryMultiPolygon } from './neighbours.service';
import { surveyKinds } from './survey-store';
import { chinaToday, getSurvey, requireUuid, sha256, type SurveyResultView } from './surveys.service';

export interface Upload {
  fileName: string;
  bytes: Uint8Array;
}

/** Metadata + delivery → the full report (pure checks, then the neighbours in PostGIS where the geometry is sound). */
async function examine(pool: pg.Pool, meta: Partial<SurveySubmission>, upload: Upload | undefined): Promise<{ kind: KindRule; inspection: Inspection | null; report: QualityReport | null }> {
  const kinds = await surveyKinds(pool);
  const epsg = meta.crs ? parseEpsg(meta.crs) : undefined;
  const read = upload ? await readDelivery(upload.fileName, upload.bytes, { requestEpsg: epsg }) : undefined;
  const checked = inspectSubmission(meta, kinds, chinaToday(), read);
  if (!checked.ok) throw badRequest(checked.problem.code, checked.problem.message, checked.problem.details);
  const { kind, inspection } = checked.value;
  if (!inspection) return { kind, inspection, report: null };
  if (inspection.delivery && inspection.parcelCode && !inspection.findings.some((f) => f.severity === 'error')) {
    inspection.findings.push(...(await checkNeighbours(pool, inspection.delivery, inspection.parcelCode, boundaryPointTolerance(meta.precisionClass ?? 1))));
  }
  return { kind, inspection, report: buildReport(upload?.fileName ?? 'features', inspection.delivery, inspection.findings) };
}

/** Every check of a submission, nothing stored (POST /api/surveys/validate). */
export async function validateSubmission(pool: pg.Pool, meta: Partial<SurveySubmission>, upload?: Upload): Promise<QualityReport> {
  const { report } = await examine(pool, meta, upload);
  return report ?? buildReport('(no geometry)', null, []);
}

/** Checks and stores a submission in one transaction; a report with errors stores nothing (400, the report in details). */
export async function submit(pool: pg.Pool, meta: Partial<SurveySubmission>, upload?: Upload, rawBody?: Buffer): Promise<SurveyResultView & { quality: QualityReport | null }> {
  const { inspection, report } = await examine(pool, meta, upload);
  if (report && !report.passed) {
    const first = report.findings.find((f) => f.severity === 'error')!;
    throw badRequest(first.code, report.errors === 1 ? first.message : `${first.message} (and ${report.errors - 1} more error(s): see details.report)`, { report });
  }
  const parcelCode = inspection?.parcelCode ?? meta.parcelCode;
  if (!parcelCode) throw badRequest('PARCEL_CODE_MISSING', 'parcelCode is required');
  const units = meta.units ?? [];
  const unitProblem = checkUnits(parcelCode, units);
  if (unitProblem) throw badRequest(unitProblem.code, unitProblem.message, unitProblem.details);
  const source = upload ? sha256(upload.bytes) : sha256(rawBody ?? JSON.stringify(meta));
  const id = await store(pool, { ...meta, parcelCode, sourceFileName: upload?.fileName ?? meta.sourceFileName }, inspection?.delivery ?? null, source);
  return { ...(await getSurvey(pool, id))!, quality: report };
}

type Stored = Partial<SurveySubmission> & { parcelCode: string };

async function store(pool: pg.Pool, s: Stored, delivery: Delivery | null, sourceSha256: string): Promise<string> {
  const multi = delivery && deliveryMultiPolygon(delivery);
  const geometry = multi && (multi.coordinates.length === 1 ? { type: 'Polygon', coordinates: multi.coordinates[0] } : multi);
  const declaredArea = s.declaredAreaM2 ?? sumDeclared(delivery);
  return withTransaction(pool, async (client) => {
    await client.query(sql('parcel-ensure'), [s.parcelCode]);
    if (s.supersedes) await requireSupersedable(client, s.parcelCode, requireUuid(s.supersedes));
    const inserted = await client.query(sql('survey-insert'), [
      s.parcelCode, s.stage, s.kind, s.organisation, s.surveyedOn, delivery?.epsg ?? epsgOf(s.crs), s.precisionClass,
      s.sourceFileName ?? null, sourceSha256, geometry ? JSON.stringify(geometry) : null, declaredArea ?? null,
      s.declaredBuildingAreaM2 ?? null, s.supersedes?.toLowerCase() ?? null, s.submittedBy ?? null,
    ]);
    const surveyId: string = inserted.rows[0].id;
    if (delivery) await insertBoundaryPoints(client, s.parcelCode, surveyId, delivery);
    if (s.units?.length) {
      await client.query(sql('unit-ensure'), [s.parcelCode, s.units.map((u) => u.unitCode)]);
      await client.query(sql('unit-areas-insert'), [
        s.parcelCode, surveyId, s.units.map((u) => u.unitCode), s.units.map((u) => u.buildingAreaM2),
        s.units.map((u) => u.innerAreaM2 ?? null), s.units.map((u) => u.sharedAreaM2 ?? null),
      ]);
    }
    return surveyId;
  });
}

const epsgOf = (crs?: string) => (crs ? Number(/\d+$/.exec(crs)?.[0]) : 4526);

/** The plots' declared areas added up, m², when every plot declares one. */
function sumDeclared(delivery: Delivery | null): number | undefined {
  if (!delivery?.plots.length || delivery.plots.some((p) => !p.declaredArea)) return undefined;
  return Math.round(delivery.plots.reduce((sum, p) => sum + p.declaredArea!.m2, 0) * 10_000) / 10_000;
}

/** 界址点 with the digits as delivered where the format kept them (numeric keeps '3899300.000' as written). */
async function insertBoundaryPoints(client: pg.PoolClient, parcelCode: string, surveyId: string, delivery: Delivery): Promise<void> {
  const cols: [number[], number[], number[], string[], string[], string[]] = [[], [], [], [], [], []];
  let partNo = 0;
  for (const plot of delivery.plots) for (const part of plot.parts) {
    partNo += 1;
    part.rings.forEach((ring, r) => ring.points.forEach((p, i) => {
      cols[0].push(partNo); cols[1].push(r + 1); cols[2].push(i + 1); cols[3].push(p.pointNo);
      cols[4].push(p.xText ?? String(p.x)); cols[5].push(p.yText ?? String(p.y));
    }));
  }
  await client.query(sql('boundary-points-insert'), [parcelCode, surveyId, ...cols]);
}

async function requireSupersedable(client: pg.PoolClient, parcelCode: string, id: string): Promise<void> {
  const { rows } = await client.query(sql('supersede-target'), [parcelCode, id]);
  if (!rows[0]) throw badRequest('SUPERSEDES_NOT_FOUND', `supersedes ${id}: parcel ${parcelCode} has no such result`);
  if (rows[0].status !== 'accepted') throw badRequest('SUPERSEDES_NOT_ACCEPTED', `supersedes ${id}: that result is ${rows[0].status}; only an accepted result can be superseded`);
  if (rows[0].superseded_by) throw conflict('SUPERSEDES_ALREADY_SUPERSEDED', `supersedes ${id}: that result was already superseded by ${rows[0].superseded_by}`);
}
