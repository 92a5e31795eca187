// Intake of survey results: a JSON submission, an uploaded file or a bulk import → quality report → (when it
// passes) one transaction that stores every result of the delivery, or nothing.
import type pg from 'pg';
import { withTransaction } from '../db/database';
import { sql } from '../db/sql-files';
import { badRequest, conflict, HubError } from '../errors';
import { hasRole, SEE_ALL, visibilityOf, type Visibility } from '../auth/viewer';
import { requireCounties } from '../auth/scope';
import { audit, type Actor, type AuditEvent } from './audit.service';
import { checkUnits, inspectSubmission, type Inspection, type SurveySubmission, type Target, type TargetMode } from '../domain/survey-submission';
import { parseEpsg } from '../domain/crs';
import { boundaryPointTolerance } from '../domain/tolerances';
import type { Delivery } from '../formats/delivery';
import { inspectInWorker } from '../workers/parsing';
import { plotPlaneArea } from '../quality/area.checks';
import { buildReport, type QualityReport } from '../quality/quality-report';
import { checkNeighbours, targetGeometryJson } from './neighbours.service';
import { surveyKinds } from './survey-store';
import { requireNotRetired } from './lineage.service';
import { chinaToday, getSurvey, requireUuid, sha256, type SurveyResultView } from './surveys.service';

export interface Upload {
  fileName: string;
  bytes: Uint8Array;
}

/** What examine finds: `complete` unpacks the 界址点 a worker left packed (call it before storing them). */
interface Examined {
  inspection: Inspection | null;
  report: QualityReport | null;
  sha256?: string;
  geometries?: (string | null)[];
  complete?: () => Promise<void>;
}

/**
 * Metadata + delivery → the full report: the file is read and the pure checks run in a parse worker (off the main
 * thread), then the neighbours in PostGIS where the geometry is sound. The upload's `sha256` and the targets'
 * `geometries` (GeoJSON text, as stored) come from the worker too.
 */
async function examine(pool: pg.Pool, meta: Partial<SurveySubmission>, upload: Upload | undefined, mode: TargetMode): Promise<Examined> {
  const kinds = await surveyKinds(pool);
  const epsg = meta.crs ? parseEpsg(meta.crs) : undefined;
  const inWorker = upload ? await inspectInWorker(upload, { requestEpsg: epsg }, { meta, kinds, today: chinaToday(), mode }) : undefined;
  const checked = inWorker ? inWorker.value.checked : inspectSubmission(meta, kinds, chinaToday(), undefined, mode);
  if (!checked.ok) throw badRequest(checked.problem.code, checked.problem.message, checked.problem.details);
  const { inspection } = checked.value;
  if (!inspection) return { inspection, report: null, sha256: inWorker?.sha256, complete: inWorker?.complete };
  if (inspection.delivery && !inspection.findings.some((f) => f.severity === 'error')) {
    const neighbours = await checkNeighbours(pool, inspection.delivery, inspection.targets, boundaryPointTolerance(meta.precisionClass ?? 1), meta.predecessorCodes, inWorker?.value.geometries?.plots);
    for (const f of neighbours) inspection.findings.push(f);
  }
  // From a worker, the plots come summarised: the report reads none of their 界址点 (they stay packed until stored).
  const summarised = inWorker?.value.plots;
  const report = summarised && inspection.delivery
    ? { ...buildReport(upload!.fileName, { ...inspection.delivery, plots: [] }, inspection.findings), plots: summarised }
    : buildReport(upload?.fileName ?? 'features', inspection.delivery, inspection.findings);
  return { inspection, report, sha256: inWorker?.sha256, geometries: inWorker?.value.geometries?.targets, complete: inWorker?.complete };
}

/** A report with errors stores nothing: 400 naming the first error, the whole report in details.report. */
function requirePassed(report: QualityReport | null): void {
  if (!report || report.passed) return;
  const first = report.findings.find((f) => f.severity === 'error')!;
  throw badRequest(first.code, report.errors === 1 ? first.message : `${first.message} (and ${report.errors - 1} more error(s): see details.report)`, { report });
}

/** Every check of a submission, nothing stored (POST /api/surveys/validate); only for parcels of the actor's counties. */
export async function validateSubmission(pool: pg.Pool, meta: Partial<SurveySubmission>, actor: Actor, upload?: Upload): Promise<QualityReport> {
  const { inspection, report } = await examine(pool, meta, upload, 'single');
  if (actor.viewer) requireCounties(actor.viewer, (inspection?.targets ?? []).map((t) => t.parcelCode));
  return report ?? buildReport('(no geometry)', null, []);
}

/**
 * What a principal may submit: a surveyor (who is not also an admin) only for its own organisation, and
 * anyone only for parcels in the counties of its scope.
 */
export function requireMaySubmit(actor: Actor, meta: Partial<SurveySubmission>, targets: Target[]): void {
  const viewer = actor.viewer;
  if (!viewer) return;
  if (!hasRole(viewer, 'admin') && viewer.organisation && meta.organisation !== viewer.organisation) {
    throw new HubError(403, 'ORGANISATION_MISMATCH', `${viewer.username} submits for ${viewer.organisation} only, not for ${meta.organisation}`);
  }
  requireCounties(viewer, targets.map((t) => t.parcelCode));
}

/** Checks and stores one result (POST /api/surveys): JSON features, a file, or unit areas alone. */
export async function submit(pool: pg.Pool, meta: Partial<SurveySubmission>, actor: Actor, upload?: Upload, rawBody?: Buffer): Promise<SurveyResultView & { quality: QualityReport | null }> {
  const { inspection, report, sha256: uploadSha256, geometries, complete } = await examine(pool, meta, upload, 'single');
  requirePassed(report);
  await complete?.();
  const target: Target = inspection?.targets[0] ?? { parcelCode: meta.parcelCode!, plots: [] };
  requireMaySubmit(actor, meta, [target]);
  const unitProblem = checkUnits(target.parcelCode, meta.units ?? []);
  if (unitProblem) throw badRequest(unitProblem.code, unitProblem.message, unitProblem.details);
  const source = uploadSha256 ?? sha256(rawBody ?? JSON.stringify(meta));
  const [stored] = await store(pool, { ...meta, sourceFileName: upload?.fileName ?? meta.sourceFileName }, inspection?.delivery ?? null, [target], source, actor, inspection?.targets.length ? geometries : undefined);
  return { ...(await getSurvey(pool, stored.id))!, quality: report };
}

export interface ImportSummary {
  file: string;
  /** Nothing was stored: only the checks ran. */
  dryRun: boolean;
  results: { parcelCode: string; id: string | null; plots: number; planeAreaM2: number }[];
  report: QualityReport;
}

/**
 * A bulk import (POST /api/imports): each plot carries its 宗地代码 (or the request names one parcel for all);
 * one result per parcel, all stored in one transaction — the file lands whole or not at all.
 */
export async function importFile(pool: pg.Pool, meta: Partial<SurveySubmission>, actor: Actor, upload: Upload, dryRun: boolean): Promise<ImportSummary> {
  const { inspection, report, sha256: uploadSha256, geometries, complete } = await examine(pool, meta, upload, 'per-plot');
  await complete?.();
  requireMaySubmit(actor, meta, inspection?.targets ?? []);
  const planned = (inspection?.targets ?? []).map((t) => ({ parcelCode: t.parcelCode, plots: t.plots.length, planeAreaM2: round3(t.plots.reduce((a, p) => a + plotPlaneArea(p), 0)) }));
  // a correction replaces one result of one parcel: refused here, in words, rather than by the foreign key
  if (meta.supersedes && planned.length > 1) throw badRequest('SUPERSEDES_NOT_ON_PARCEL', `supersedes names one result of one parcel, but the file holds plots of ${planned.length} parcels; import the correction as a file of that parcel alone`);
  if (dryRun || !report!.passed) {
    if (!dryRun) requirePassed(report);
    return { file: upload.fileName, dryRun, results: planned.map((p) => ({ ...p, id: null })), report: report! };
  }
  const stored = await store(pool, { ...meta, sourceFileName: upload.fileName }, inspection!.delivery, inspection!.targets, uploadSha256 ?? sha256(upload.bytes), actor, geometries);
  const ids = new Map(stored.map((s) => [s.parcelCode, s.id]));
  return { file: upload.fileName, dryRun, results: planned.map((p) => ({ ...p, id: ids.get(p.parcelCode) ?? null })), report: report! };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Stores one result per target in a single transaction: parcels, results, 界址点, unit areas. `written`: the targets'
 * geometries as GeoJSON text when a parse worker already wrote them.
 */
async function store(pool: pg.Pool, s: Partial<SurveySubmission>, delivery: Delivery | null, targets: Target[], sourceSha256: string, actor: Actor, written?: (string | null)[]): Promise<{ id: string; parcelCode: string }[]> {
  const codes = targets.map((t) => t.parcelCode);
  const geometries = written ?? targets.map(targetGeometryJson);
  const declared = targets.map((t) => (targets.length === 1 && s.declaredAreaM2 !== undefined ? s.declaredAreaM2 : sumDeclared(t)) ?? null);
  return withTransaction(pool, async (client) => {
    // Parcels a submission brings stay with its organisation until a result of them is accepted.
    await client.query(sql('parcel-ensure'), [codes, s.organisation]);
    await requireNotRetired(client, codes);
    if (s.supersedes) await requireSupersedable(client, codes[0], requireUuid(s.supersedes), actor.viewer ? visibilityOf(actor.viewer) : SEE_ALL, s);
    const inserted = await client.query(sql('survey-insert'), [
      codes, s.stage, s.kind, s.organisation, s.surveyedOn, delivery?.epsg ?? epsgOf(s.crs), s.precisionClass,
      s.sourceFileName ?? null, sourceSha256, geometries, declared, codes.map(() => s.supersedes?.toLowerCase() ?? null),
      actor.viewer?.username ?? s.submittedBy ?? 'hub', s.declaredBuildingAreaM2 ?? null,
      s.areaPrecisionClass ?? null, s.supplyDocumentKind ?? null, s.supplyDocumentNo ?? null, s.supplyDocumentDate ?? null,
      s.completionAcceptanceNo ?? null, s.completionAcceptanceDate ?? null,
    ]).catch((err) => {
      // Two corrections of one result: the unique index lets exactly one be pending or accepted.
      if (err.code === '23505' && err.constraint === 'survey_result_one_pending_correction') {
        throw conflict('SUPERSEDES_IN_PROGRESS', `supersedes ${s.supersedes}: ${s.organisation} already submitted a correction of that result that waits for review; wait for its decision`);
      }
      throw err;
    });
    const ids = new Map<string, string>(inserted.rows.map((r) => [r.parcel_code, r.id]));
    const details = { stage: s.stage, kind: s.kind, organisation: s.organisation, file: s.sourceFileName ?? null, sha256: sourceSha256 };
    await audit(client, actor, submitEvents(ids, details));
    await insertBoundaryPoints(client, targets, ids);
    if (s.units?.length) {
      await client.query(sql('unit-ensure'), [codes[0], s.units.map((u) => u.unitCode), s.organisation]);
      await client.query(sql('unit-areas-insert'), [
        codes[0], ids.get(codes[0]), s.units.map((u) => u.unitCode), s.units.map((u) => u.buildingAreaM2),
        s.units.map((u) => u.innerAreaM2 ?? null), s.units.map((u) => u.sharedAreaM2 ?? null),
      ]);
    }
    return codes.map((parcelCode) => ({ parcelCode, id: ids.get(parcelCode)! }));
  });
}

/**
 * The audit of a submission: one survey.submit row for one parcel (on that parcel's chain); an import of many parcels
 * is ONE survey.import row listing its parcels and results (a parcel's history finds it through details.parcelCodes).
 */
export function submitEvents(ids: Map<string, string>, details: Record<string, unknown>): AuditEvent[] {
  if (ids.size === 1) {
    const [[parcelCode, id]] = [...ids];
    return [{ action: 'survey.submit', parcelCode, subjectId: id, details }];
  }
  return [{ action: 'survey.import', details: { ...details, results: ids.size, parcelCodes: [...ids.keys()], surveyIds: [...ids.values()] } }];
}

const epsgOf = (crs?: string) => (crs ? parseEpsg(crs)! : 4526);

/** The plots' declared areas added up, m², when every plot declares one. */
function sumDeclared(target: Target): number | undefined {
  if (!target.plots.length || target.plots.some((p) => !p.declaredArea)) return undefined;
  return Math.round(target.plots.reduce((sum, p) => sum + p.declaredArea!.m2, 0) * 10_000) / 10_000;
}

/** 界址点 of every result, with the digits as delivered where the format kept them (numeric keeps '3899300.000'). */
async function insertBoundaryPoints(client: pg.PoolClient, targets: Target[], ids: Map<string, string>): Promise<void> {
  const cols: [string[], string[], number[], number[], number[], string[], string[], string[]] = [[], [], [], [], [], [], [], []];
  for (const target of targets) {
    let partNo = 0;
    for (const plot of target.plots) for (const part of plot.parts) {
      partNo += 1;
      part.rings.forEach((ring, r) => ring.points.forEach((p, i) => {
        cols[0].push(target.parcelCode); cols[1].push(ids.get(target.parcelCode)!);
        cols[2].push(partNo); cols[3].push(r + 1); cols[4].push(i + 1); cols[5].push(p.pointNo);
        cols[6].push(p.xText ?? String(p.x)); cols[7].push(p.yText ?? String(p.y));
      }));
    }
  }
  if (cols[0].length) await client.query(sql('boundary-points-insert'), cols);
}

/**
 * Visibility decides first: another organisation's unreviewed result is "no such result", never "not accepted";
 * then the target must be accepted and current (or returned to the correcting organisation), and of the correction's
 * stage and kind family.
 */
async function requireSupersedable(client: pg.PoolClient, parcelCode: string, id: string, visibility: Visibility, s: Partial<SurveySubmission>): Promise<void> {
  const { rows } = await client.query(sql('supersede-target'), [parcelCode, id, s.kind]);
  const visible = rows[0] && (visibility.organisation === null || rows[0].status === 'accepted' || rows[0].organisation === visibility.organisation);
  if (!visible) throw badRequest('SUPERSEDES_NOT_FOUND', `supersedes ${id}: parcel ${parcelCode} has no such result`);
  // A result returned (退回) to the organisation is corrected by a new result that names it; an accepted one is replaced.
  const returnedToSubmitter = rows[0].status === 'rejected' && rows[0].organisation === s.organisation;
  if (rows[0].status !== 'accepted' && !returnedToSubmitter) {
    throw badRequest('SUPERSEDES_NOT_ACCEPTED', `supersedes ${id}: that result is ${rows[0].status}; only an accepted result, or one returned to your organisation, can be corrected`);
  }
  if (rows[0].superseded_by) throw conflict('SUPERSEDES_ALREADY_SUPERSEDED', `supersedes ${id}: that result was already superseded by ${rows[0].superseded_by}`);
  // A correction replaces a result of its own kind family and stage only: a 房产预测 never replaces an 出让合同.
  if (rows[0].stage !== s.stage || rows[0].family !== rows[0].new_family) {
    throw conflict('SUPERSEDES_OTHER_KIND', `supersedes ${id}: that result is a ${rows[0].kind} of stage ${rows[0].stage}; a ${s.kind} of stage ${s.stage} cannot replace it — a correction is of the same stage and kind family (e.g. 权籍调查 ↔ 竣工测量, 出让合同 ↔ 划拨决定书); submit it without supersedes`);
  }
}
