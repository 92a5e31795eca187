// The staged bulk import (R1 migrations of legacy results, any large file): a parse worker reads the file into staging
// rows and runs the checks that need no database; the rows go into staging tables in chunks, the remaining checks run
// set-based in PostGIS, then one statement per final table and one audit row — all in one transaction. The answer is a
// summary; the per-plot findings are kept (import_run, import_finding) for download.
import type pg from 'pg';
import { withTransaction } from '../db/database';
import { sql } from '../db/sql-files';
import { badRequest, HubError } from '../errors';
import { checkMetadata, type SurveySubmission } from '../domain/survey-submission';
import { parseEpsg } from '../domain/crs';
import { detectFormat } from '../formats/read-delivery';
import { stageInWorker } from '../workers/parsing';
import type { StagedFile } from '../workers/staged-file';
import type { Actor } from './audit.service';
import { surveyKinds } from './survey-store';
import { requireMaySubmit, type Upload } from './intake.service';
import { chinaToday } from './surveys.service';

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
  report: { file: string; format: string; encoding: string; crs: string; plots: []; findings: unknown[]; byCode: unknown[]; errors: number; warnings: number; passed: boolean };
}

/** Checks a file of many plots (each 地块编号 a 宗地代码) and, when clean and not a dry run, stores it. */
export async function stagedImport(pool: pg.Pool, meta: Partial<SurveySubmission>, actor: Actor, upload: Upload, dryRun: boolean): Promise<StagedImportSummary> {
  if (!detectFormat(upload.fileName, upload.bytes)) {
    throw badRequest('STAGED_FORMAT_UNSUPPORTED', `${upload.fileName}: the staged bulk import reads the coordinate exchange TXT, GeoJSON, CSV, DXF and zipped shapefiles; export the file in one of them`);
  }
  const kinds = await surveyKinds(pool);
  const checked = checkMetadata(meta, kinds, chinaToday(), true);
  if (!checked.ok) throw badRequest(checked.problem.code, checked.problem.message, checked.problem.details);
  requireMaySubmit(actor, meta, []);
  const requestEpsg = meta.crs ? parseEpsg(meta.crs) : undefined;
  const seconds: Record<string, number> = {};
  const timed = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await work();
    } finally {
      seconds[phase] = Math.round(performance.now() - t) / 1000;
    }
  };
  const { value: file, sha256: digest } = await timed('read', () => stageInWorker(upload, actor.viewer?.countyCodes ?? null, { requestEpsg }));
  const epsg = requestEpsg ?? file.epsg;
  if (!epsg) throw badRequest(file.refusal?.code ?? 'CRS_MISSING', `${upload.fileName}: ${file.refusal?.en ?? 'no coordinate system: give crs (e.g. EPSG:4526) with the upload'}`);
  const summary = await withTransaction(pool, async (client): Promise<StagedImportSummary> => {
    // One statement per query: the embedded engine's socket does not take several in one message.
    for (const statement of sql('staged-setup').split(/;\s*\n/)) if (statement.trim()) await client.query(statement);
    await timed('stage', () => stage(client, file, epsg));
    const checks: Record<string, number> = {};
    await timed('checks', () => check(client, checks));
    Object.assign(seconds, Object.fromEntries(Object.entries(checks).map(([k, v]) => [`check ${k}`, v])));
    const { rows: [found] } = await client.query(sql('staged-finding-counts'), [FINDINGS_SHOWN]);
    const errors = found.by_code.filter((c: any) => c.severity === 'error').reduce((n: number, c: any) => n + c.count, 0);
    const warnings = found.by_code.filter((c: any) => c.severity === 'warning').reduce((n: number, c: any) => n + c.count, 0);
    const counts = file.counts;
    const store = !dryRun && errors === 0 && counts.plots > 0;
    const moves: Record<string, number> = {};
    const stored = store ? await timed('move', () => move(client, meta, epsg, upload.fileName, digest, actor, moves)) : 0;
    Object.assign(seconds, Object.fromEntries(Object.entries(moves).map(([k, v]) => [`move ${k}`, v])));
    const { rows: [run] } = await client.query('SELECT gen_random_uuid() AS id');
    await client.query(sql('import-run-insert'), [
      run.id, upload.fileName, digest, actorName(actor), meta.organisation, meta.stage, meta.kind, dryRun, counts.plots, counts.points, counts.parcels, stored, JSON.stringify(seconds),
    ]);
    return {
      file: upload.fileName, dryRun, staged: true, importId: run.id, results: [],
      counts: { ...counts, resultsStored: stored }, findingsUrl: `/api/imports/${run.id}/findings`, seconds,
      report: { file: upload.fileName, format: file.format, encoding: file.encoding ?? 'binary', crs: `EPSG:${epsg}`, plots: [], findings: found.first.map((f: object) => ({ ...f, file: upload.fileName })), byCode: found.by_code, errors, warnings, passed: errors === 0 && counts.plots > 0 },
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

/** The worker's rows into staged_plot / staged_point / staged_finding, one statement per chunk (each chunk let go once sent). */
async function stage(client: pg.PoolClient, file: StagedFile, epsg: number): Promise<void> {
  const text = new TextDecoder();
  const send = async (query: string, chunks: Uint8Array[], extra: unknown[] = []) => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) await client.query(query, [text.decode(chunk), ...extra]);
  };
  await send(sql('staged-plots-load'), file.plotRows, [epsg]);
  await send(sql('staged-points-load'), file.pointRows);
  await send(sql('staged-findings-load'), file.findingRows);
}

/** The checks that need the database, each one statement over the whole staging table. */
async function check(client: pg.PoolClient, seconds: Record<string, number>): Promise<void> {
  const step = timedStep(client, seconds);
  // Set-based checks over the whole file: parallel workers and sort memory help here (the hub's sessions run serial).
  await client.query('SET LOCAL max_parallel_workers_per_gather = 2').catch(() => undefined);
  await client.query("SET LOCAL work_mem = '64MB'");
  // Temp tables have no statistics until analysed: without them the planner guesses badly at 100 k plots.
  await step('analyse', 'ANALYZE staged_plot');
  await step('measure', sql('staged-measure'));
  await step('index', 'CREATE INDEX ON staged_plot USING gist (geom)');
  await client.query('CREATE INDEX ON staged_plot USING gist (geom_4490)');
  await client.query('ANALYZE staged_plot');
  await client.query('ANALYZE staged_point');
  await step('retired', sql('staged-check-retired'));
  await step('geometry', sql('staged-check-geometry'), [OVERLAP_TOLERANCE_M2]);
}

/** Runs one statement and notes its seconds under `name`. */
const timedStep = (client: pg.PoolClient, seconds: Record<string, number>) => async (name: string, text: string, params?: unknown[]) => {
  const t = performance.now();
  try {
    return await client.query(text, params);
  } finally {
    seconds[name] = Math.round(performance.now() - t) / 1000;
  }
};

/** The clean file into the real tables: one statement per table, then ONE audit row listing every result. */
async function move(client: pg.PoolClient, meta: Partial<SurveySubmission>, epsg: number, fileName: string, digest: string, actor: Actor, seconds: Record<string, number>): Promise<number> {
  const step = timedStep(client, seconds);
  await step('parcels', sql('staged-move-parcels'), [meta.organisation]);
  const stored = await step('results', sql('staged-move-results'), [
    meta.stage, meta.kind, meta.organisation, meta.surveyedOn, epsg, meta.precisionClass ?? 1, fileName, digest, actorName(actor),
  ]);
  await client.query('ANALYZE staged_result');
  await step('points', sql('staged-move-points'));
  await step('audit', sql('staged-audit'), [
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

/** Whether an import takes the staged path: asked for (staged=1), or a file too large for the in-memory path. */
export function useStagedImport(flag: unknown, upload: Upload): boolean {
  if (flag === '1' || flag === 'true') return true;
  return upload.bytes.byteLength > STAGED_AUTO_BYTES;
}
