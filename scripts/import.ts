// npm run import -- <files or folders> --stage … --kind … : bulk import into a running hub, each file all-or-nothing,
// with a progress bar, a summary table, and a non-zero exit when anything failed.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `usage: npm run import -- <files or folders…> --stage <stage> --kind <kind> --organisation <测绘单位>
         --surveyed-on YYYY-MM-DD [--precision-class 1|2|3] [--crs EPSG:4526] [--parcel <宗地代码>]
         [--hub http://127.0.0.1:8080] [--dry-run] [--staged]
--staged: the staged bulk path for TXT files of many plots (checks in PostGIS, a summary answer, findings as CSV at
          the hub's findingsUrl); TXT files over 16 MB take it anyway.
Authentication: HUB_TOKEN=<bearer token>, or HUB_USER=<username> with HUB_PASSWORD=<password>.
Each file goes to POST /api/imports; a file whose checks find an error stores nothing.`;

const EXTENSIONS = new Set(['.txt', '.geojson', '.json', '.csv', '.dxf', '.zip']);

interface Outcome {
  file: string;
  ok: boolean;
  results: number;
  plots: number;
  warnings: number;
  errors: number;
  note: string;
}

/** Every survey file under the arguments, folders walked recursively, in a stable order. */
export function collectFiles(args: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name));
    else if (EXTENSIONS.has(path.extname(p).toLowerCase())) out.push(p);
  };
  for (const a of args) walk(a);
  return out;
}

/** The Authorization or Cookie header from HUB_TOKEN, or a login with HUB_USER and HUB_PASSWORD. */
async function authenticate(hub: string, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  if (env.HUB_TOKEN) return { authorization: `Bearer ${env.HUB_TOKEN}` };
  if (!env.HUB_USER || !env.HUB_PASSWORD) throw new Error('set HUB_TOKEN, or HUB_USER and HUB_PASSWORD, to authenticate with the hub');
  const res = await fetch(`${hub}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: env.HUB_USER, password: env.HUB_PASSWORD }) });
  if (!res.ok) throw new Error(`login as ${env.HUB_USER} failed: ${(await res.json().catch(() => ({}))).message ?? res.status}`);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0] };
}

async function importOne(hub: string, auth: Record<string, string>, file: string, fields: Record<string, string>, dryRun: boolean, staged = false): Promise<Outcome> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([fs.readFileSync(file)]), path.basename(file));
  const query = [dryRun ? 'dryRun=1' : '', staged ? 'staged=1' : ''].filter(Boolean).join('&');
  const res = await fetch(`${hub}/api/imports${query ? `?${query}` : ''}`, { method: 'POST', body: form, headers: auth });
  const body = await res.json().catch(() => ({ message: `HTTP ${res.status}` }));
  const summary = body.staged ? body : body.details?.staged ? body.details : null;
  if (summary) return stagedOutcome(hub, file, res.ok, summary, dryRun);
  const report = body.report ?? body.details?.report;
  const counts = { warnings: report?.warnings ?? 0, errors: report?.errors ?? (res.ok ? 0 : 1) };
  if (!res.ok) return { file, ok: false, results: 0, plots: report?.plots?.length ?? 0, ...counts, note: `${body.code ?? `HTTP ${res.status}`}: ${body.message ?? ''}` };
  const plots = body.results.reduce((n: number, r: { plots: number }) => n + r.plots, 0);
  const ok = body.report.passed;
  const firstError = body.report.findings.find((f: { severity: string }) => f.severity === 'error');
  return { file, ok, results: body.results.length, plots, ...counts, note: ok ? (dryRun ? 'checked, not stored' : 'stored') : `${firstError?.code}: ${firstError?.message}` };
}

/** A staged import's summary as a table row: counts, and where the per-plot findings are. */
function stagedOutcome(hub: string, file: string, ok: boolean, summary: any, dryRun: boolean): Outcome {
  const report = summary.report;
  const first = report.findings.find((f: { severity: string }) => f.severity === 'error');
  const passed = ok && report.passed;
  const note = passed ? (dryRun ? 'checked, not stored' : 'stored') : `${first?.code}: ${first?.message}`;
  return { file, ok: passed, results: summary.counts.resultsStored, plots: summary.counts.plots, warnings: report.warnings, errors: report.errors, note: `${note} (findings: ${hub}${summary.findingsUrl})` };
}

function progress(done: number, total: number, plots: number, started: number): void {
  if (!process.stderr.isTTY && done !== total) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  const rate = plots / Math.max((Date.now() - started) / 1000, 0.001);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files, ${plots} plots, ${rate.toFixed(0)} plots/s${done === total ? '\n' : ''}`);
}

function table(outcomes: Outcome[]): string {
  const rows = [['file', 'status', 'results', 'plots', 'errors', 'warnings', 'note'], ...outcomes.map((o) => [o.file, o.ok ? 'ok' : 'FAILED', String(o.results), String(o.plots), String(o.errors), String(o.warnings), o.note.slice(0, 120)])];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell + ' '.repeat(widths[c] - [...cell].length))).join('  ')).join('\n');
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        stage: { type: 'string' }, kind: { type: 'string' }, organisation: { type: 'string' }, 'surveyed-on': { type: 'string' },
        'precision-class': { type: 'string', default: '1' }, crs: { type: 'string' }, parcel: { type: 'string' },
        hub: { type: 'string', default: process.env.HUB_URL ?? 'http://127.0.0.1:8080' }, 'dry-run': { type: 'boolean', default: false }, staged: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const missing = ['stage', 'kind', 'organisation', 'surveyed-on'].filter((k) => !values[k as keyof typeof values]);
  if (positionals.length === 0 || missing.length) {
    console.error(`${missing.length ? `missing --${missing.join(', --')}\n` : 'no files given\n'}${USAGE}`);
    return 2;
  }
  let files: string[];
  try {
    files = collectFiles(positionals);
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  if (files.length === 0) {
    console.error(`no survey files (${[...EXTENSIONS].join(' ')}) under ${positionals.join(' ')}`);
    return 2;
  }
  const fields: Record<string, string> = {
    stage: values.stage!, kind: values.kind!, organisation: values.organisation!, surveyedOn: values['surveyed-on']!, precisionClass: values['precision-class']!,
    ...(values.crs ? { crs: values.crs } : {}), ...(values.parcel ? { parcelCode: values.parcel } : {}),
  };
  let auth: Record<string, string>;
  try {
    auth = await authenticate(values.hub!, process.env);
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const outcomes: Outcome[] = [];
  const started = Date.now();
  for (const file of files) {
    try {
      outcomes.push(await importOne(values.hub!, auth, file, fields, values['dry-run']!, values.staged!));
    } catch (err) {
      outcomes.push({ file, ok: false, results: 0, plots: 0, warnings: 0, errors: 1, note: `the hub at ${values.hub} did not answer: ${(err as Error).message}` });
    }
    progress(outcomes.length, files.length, outcomes.reduce((n, o) => n + (o.ok ? o.plots : 0), 0), started);
  }
  console.log(table(outcomes));
  const failed = outcomes.filter((o) => !o.ok).length;
  console.log(`${outcomes.length - failed} file(s) ${values['dry-run'] ? 'passed' : 'imported'}, ${failed} failed`);
  return failed ? 1 : 0;
}

if (require.main === module) void main().then((code) => process.exit(code));
