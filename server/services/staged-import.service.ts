// The staged bulk import (R1 migrations of legacy results, any large file): the TXT streamed into staging tables in
// batches, the checks run set-based in PostGIS, then one statement per final table and one audit row — all in one
// transaction. The answer is a summary; the per-plot findings are kept (import_run, import_finding) for download.
import type pg from 'pg';
import { withTransaction } from '../db/database';
import { sql } from '../db/sql-files';
import { badRequest, HubError } from '../errors';
import { allCountyCodes } from '../domain/counties';
import { checkMetadata, type SurveySubmission } from '../domain/survey-submission';
import { parseEpsg } from '../domain/crs';
import { decodeText } from '../formats/text-encoding';
import { readTxtHeader, streamTxtPlots, type StreamProblem, type StreamedPlot } from '../formats/txt-exchange.stream';
import type { Actor } from './audit.service';
import { surveyKinds } from './survey-store';
import { requireMaySubmit, type Upload } from './intake.service';
import { chinaToday, sha256 } from './surveys.service';

/** Plots per staging statement: large enough to amortise a round trip, small enough to bound memory. */
export const STAGE_BATCH = 10_000;
/** An overlap below this, m², is a shared edge written with different rounding, not an overlap. */
export const OVERLAP_TOLERANCE_M2 = 0.1;
/** Findings shown in the answer; the rest are in the download. */
const FINDINGS_SHOWN = 100;

export interface StagedImportSummary {
  file: string;
  dryRun: boolean;
  staged: true;
  importId: string;
  /** Summary only: GET /api/imports/{importId}/findings has every finding. */
  results: [];
  counts: { plots: number; points: number; parcels: number; resultsStored: number };
  findingsUrl: string;
  seconds: Record<string, number>;
  report: { file: string; format: 'txt'; encoding: string; crs: string; plots: []; findings: unknown[]; byCode: unknown[]; errors: number; warnings: number; passed: boolean };
}

/** Checks a TXT exchange file of many plots (each 地块编号 a 宗地代码) and, when clean and not a dry run, stores it. */
export async function stagedImport(pool: pg.Pool, meta: Partial<SurveySubmission>, actor: Actor, upload: Upload, dryRun: boolean): Promise<StagedImportSummary> {
  if (!/\.txt$/i.test(upload.fileName)) {
    throw badRequest('STAGED_FORMAT_UNSUPPORTED', `${upload.fileName}: the staged bulk import reads the coordinate exchange TXT (.txt); import other formats without staged=1`);
  }
  const kinds = await surveyKinds(pool);
  const checked = checkMetadata(meta, kinds, chinaToday(), true);
  if (!checked.ok) throw badRequest(checked.problem.code, checked.problem.message, checked.problem.details);
  const { text, encoding } = decodeText(upload.bytes);
  const header = readTxtHeader(text);
  const epsg = meta.crs ? parseEpsg(meta.crs) : header.epsg;
  if (!epsg) throw badRequest(header.refusal?.code ?? 'CRS_MISSING', `${upload.fileName}: ${header.refusal?.en ?? 'no coordinate system'}`);
  requireMaySubmit(actor, meta, []);
  const digest = sha256(upload.bytes);
  const seconds: Record<string, number> = {};
  const timed = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await work();
    } finally {
      seconds[phase] = Math.round(performance.now() - t) / 1000;
    }
  };
  const summary = await withTransaction(pool, async (client): Promise<StagedImportSummary> => {
    // One statement per query: the embedded engine's socket does not take several in one message.
    for (const statement of sql('staged-setup').split(/;\s*\n/)) if (statement.trim()) await client.query(statement);
    const problems: StreamProblem[] = [];
    const counts = await timed('stage', () => stage(client, text, problems));
    const checks: Record<string, number> = {};
    await timed('checks', () => check(client, epsg, problems, actor, checks));
    Object.assign(seconds, Object.fromEntries(Object.entries(checks).map(([k, v]) => [`check ${k}`, v])));
    const { rows: [found] } = await client.query(sql('staged-finding-counts'), [FINDINGS_SHOWN]);
    const errors = found.by_code.filter((c: any) => c.severity === 'error').reduce((n: number, c: any) => n + c.count, 0);
    const warnings = found.by_code.filter((c: any) => c.severity === 'warning').reduce((n: number, c: any) => n + c.count, 0);
    const store = !dryRun && errors === 0 && counts.plots > 0;
    const stored = store ? await timed('move', () => move(client, meta, epsg, upload.fileName, digest, actor)) : 0;
    const { rows: [run] } = await client.query('SELECT gen_random_uuid() AS id');
    await client.query(sql('import-run-insert'), [
      run.id, upload.fileName, digest, actorName(actor), meta.organisation, meta.stage, meta.kind, dryRun, counts.plots, counts.points, counts.parcels, stored, JSON.stringify(seconds),
    ]);
    return {
      file: upload.fileName, dryRun, staged: true, importId: run.id, results: [],
      counts: { ...counts, resultsStored: stored }, findingsUrl: `/api/imports/${run.id}/findings`, seconds,
      report: { file: upload.fileName, format: 'txt', encoding, crs: `EPSG:${epsg}`, plots: [], findings: found.first.map((f: object) => ({ ...f, file: upload.fileName })), byCode: found.by_code, errors, warnings, passed: errors === 0 && counts.plots > 0 },
    };
  });
  // A failed import stored nothing but its findings (committed above, for the download): 400 naming the first error.
  if (!dryRun && !summary.report.passed) {
    const first = (summary.report.findings as { code: string; severity: string; message: string }[]).find((f) => f.severity === 'error');
    const code = first?.code ?? 'TXT_NO_PLOTS';
    const message = first ? first.message : 'the file has no plot: add a [地块坐标] section with plot lines ending in @ and their point lines';
    throw badRequest(code, `${message}${summary.report.errors > 1 ? ` (and ${summary.report.errors - 1} more error(s): ${summary.findingsUrl})` : ''}`, { ...summary });
  }
  return summary;
}

const actorName = (actor: Actor) => actor.viewer?.username ?? actor.name ?? 'hub';

/** Streams the plots into staged_plot / staged_point, one statement pair per batch. */
async function stage(client: pg.PoolClient, text: string, problems: StreamProblem[]) {
  let plots = 0, points = 0;
  const parcels = new Set<string>();
  for (const batch of streamTxtPlots(text, STAGE_BATCH, problems)) {
    await client.query(sql('staged-plots-insert'), [batch.map((p) => p.plotNo), batch.map((p) => p.line), batch.map((p) => p.label), batch.map((p) => p.declared), batch.map((p) => p.pointCount)]);
    const cols = pointColumns(batch);
    if (cols[0].length) await client.query(sql('staged-points-insert'), cols);
    plots += batch.length;
    points += cols[0].length;
    for (const p of batch) parcels.add(p.label);
  }
  return { plots, points, parcels: parcels.size };
}

function pointColumns(batch: StreamedPlot[]): [number[], number[], number[], string[], string[], string[], number[]] {
  const cols: [number[], number[], number[], string[], string[], string[], number[]] = [[], [], [], [], [], [], []];
  for (const plot of batch) {
    const seqOf = new Map<number, number>();
    for (const pt of plot.points) {
      const seq = (seqOf.get(pt.ring) ?? 0) + 1;
      seqOf.set(pt.ring, seq);
      cols[0].push(plot.plotNo); cols[1].push(pt.ring); cols[2].push(seq); cols[3].push(pt.pointNo); cols[4].push(pt.x); cols[5].push(pt.y); cols[6].push(pt.line);
    }
  }
  return cols;
}

/** The checks, each one statement over the whole staging table; the file's unreadable lines join them. */
async function check(client: pg.PoolClient, epsg: number, problems: StreamProblem[], actor: Actor, seconds: Record<string, number>): Promise<void> {
  const step = async (name: string, text: string, params?: unknown[]) => {
    const t = performance.now();
    await client.query(text, params);
    seconds[name] = Math.round(performance.now() - t) / 1000;
  };
  // Set-based checks over the whole file: parallel workers help here (the hub's sessions run serial by default).
  await client.query('SET LOCAL max_parallel_workers_per_gather = 2').catch(() => undefined);
  if (problems.length) {
    await client.query(sql('staged-problems-insert'), [problems.map((p) => p.line), problems.map((p) => p.code), problems.map((p) => p.en), problems.map((p) => p.zh)]);
  }
  // Temp tables have no statistics until analysed: without them the planner nests loops over 1 M points.
  await step('analyse', 'ANALYZE staged_point');
  await step('polygons', sql('staged-geometry'), [epsg]);
  await step('index', 'CREATE INDEX ON staged_plot USING gist (geom)');
  await client.query('CREATE INDEX ON staged_plot USING gist (geom_4490)');
  await client.query('ANALYZE staged_plot');
  await step('rings', sql('staged-check-rings'));
  await step('codes', sql('staged-check-codes'), [allCountyCodes(), actor.viewer?.countyCodes ?? null]);
  await step('geometry', sql('staged-check-geometry'), [OVERLAP_TOLERANCE_M2]);
}

/** The clean file into the real tables: one statement per table, then ONE audit row listing every result. */
async function move(client: pg.PoolClient, meta: Partial<SurveySubmission>, epsg: number, fileName: string, digest: string, actor: Actor): Promise<number> {
  await client.query(sql('staged-move-parcels'), [meta.organisation]);
  const stored = await client.query(sql('staged-move-results'), [
    meta.stage, meta.kind, meta.organisation, meta.surveyedOn, epsg, meta.precisionClass ?? 1, fileName, digest, actorName(actor),
  ]);
  await client.query(sql('staged-move-points'));
  await client.query(sql('staged-audit'), [
    actorName(actor), actor.viewer?.accountId ?? null, actor.viewer?.roles ?? [], actor.clientAddress,
    JSON.stringify({ file: fileName, sha256: digest, stage: meta.stage, kind: meta.kind, organisation: meta.organisation, staged: true }),
  ]);
  return stored.rowCount ?? 0;
}

/** A staged import's findings as a CSV download (UTF-8 with BOM, CRLF, bilingual header); only its own importer's, or an admin's. */
export async function importFindingsCsv(pool: pg.Pool, rawId: string, actor: Actor): Promise<{ fileName: string; contentType: string; bytes: Uint8Array }> {
  const id = /^[0-9a-f-]{36}$/i.test(rawId) ? rawId.toLowerCase() : null;
  const admin = actor.viewer?.roles.includes('admin') ?? true;
  const { rows } = id ? await pool.query(sql('import-findings-by-run'), [id, admin ? null : actorName(actor)]) : { rows: [] };
  if (!rows.length) throw new HubError(404, 'IMPORT_NOT_FOUND', `There is no import ${rawId} of yours`);
  const cell = (v: unknown) => (v === null || v === undefined ? '' : /[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = ['序号 plot_no,行 line,地块编号 plot,代码 code,级别 severity,说明 message,中文说明 message_zh'];
  for (const r of rows) if (r.code) lines.push([r.plot_no, r.line, r.plot, r.code, r.severity, r.message_en, r.message_zh].map(cell).join(','));
  return { fileName: `${rows[0].file_name}.findings.csv`, contentType: 'text/csv; charset=utf-8', bytes: new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`) };
}

/** Files above this size take the staged path even unasked (the in-memory path needs ~25× the file in RAM). */
export const STAGED_AUTO_BYTES = 16 * 1024 * 1024;

/** Whether an import takes the staged path: asked for (staged=1), or a TXT too large for the in-memory path. */
export function useStagedImport(flag: unknown, upload: Upload): boolean {
  if (flag === '1' || flag === 'true') return true;
  return upload.bytes.byteLength > STAGED_AUTO_BYTES && /\.txt$/i.test(upload.fileName);
}
