// Parsing off the main thread, on a PostgreSQL server: /api/health latency while 4 maximal uploads are checked vs
// idle (p50/p99, as a ratio), and peak RSS per upload as a multiple of its file size — TXT of the largest size a
// default worker (512 MB) checks (PARSE_BENCH_MB, 30), and a 99 MB TXT (near the upload limit), which a worker refuses.
// The hub runs as `npm start` does, in a child process (its RSS is its own); the concurrent uploads come from another.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMain, type MainProcess } from '../test/support/main-process';
import { largeTxt } from '../test/support/large-files';
import { logIn, openBenchDatabase, percentile } from './bench-support';

const UPLOAD_MB = Number(process.env.PARSE_BENCH_MB ?? 30);
const CONCURRENT = 4;
const IDLE_SAMPLES = 200;
const ADMIN_PASSWORD = 'bench-admin-password';
/** A 孟州 parcel code for plots lying in 解放区: every plot is an error, so only the parse and pure checks are timed. */
const ELSEWHERE = '410883777001GB00001';
/** A 解放区 parcel code for the plots where they lie: the clean path, neighbours in PostGIS included. */
const HERE = '410802777001GB00001';

const mb = (bytes: number) => bytes / 1024 / 1024;
const ms = (sorted: number[]) => `${percentile(sorted, 0.5).toFixed(1)} / ${percentile(sorted, 0.99).toFixed(1)} ms`;

/** Health latencies, ms, sorted: `count` requests, or as many as fit while `until` is pending. */
export async function healthLatencies(url: string, until?: Promise<unknown>, count = IDLE_SAMPLES): Promise<number[]> {
  let done = false;
  void until?.finally(() => (done = true));
  const latencies: number[] = [];
  while (until ? !done : latencies.length < count) {
    const t0 = performance.now();
    await (await fetch(`${url}/api/health`)).arrayBuffer();
    latencies.push(performance.now() - t0);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return latencies.sort((a, b) => a - b);
}

/** The hub process's resident set, bytes: now (VmRSS) and its peak since the last reset (VmHWM). */
export function rss(hub: MainProcess): { now: number; peak: number } {
  const status = fs.readFileSync(`/proc/${hub.child.pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]) * 1024;
  return { now: kb('VmRSS'), peak: kb('VmHWM') };
}

/** The hub's peak RSS while `work` runs (the high-water mark is reset first: Linux /proc/<pid>/clear_refs). */
export async function peakRss(hub: MainProcess, work: () => Promise<unknown>): Promise<number> {
  fs.writeFileSync(`/proc/${hub.child.pid}/clear_refs`, '5');
  await work();
  return rss(hub).peak;
}

const FIELDS = (parcelCode: string) => ({ stage: 'land_supply', kind: '勘测定界', parcelCode, organisation: '焦作市测试测绘有限公司', surveyedOn: '2025-01-15', precisionClass: '1' });

/** POSTs `bytes` to /api/surveys/validate: the answer's status and code. */
async function validate(url: string, cookie: string, parcelCode: string, bytes: Uint8Array): Promise<string> {
  const form = new FormData();
  for (const [name, value] of Object.entries(FIELDS(parcelCode))) form.append(name, value);
  form.append('file', new Blob([Buffer.from(bytes)]), 'bench.txt');
  const res = await fetch(`${url}/api/surveys/validate`, { method: 'POST', body: form, headers: { cookie } });
  const body = await res.json();
  return `${res.status}${body.code ? ` ${body.code}` : ''}`;
}

/**
 * validate, `times` at once, from a child process: building and sending large bodies must not hold up the event loop
 * that times /api/health here. Resolves with each answer's status and code.
 */
function validateElsewhere(url: string, cookie: string, parcelCode: string, bytes: Uint8Array, times: number): Promise<string[]> {
  const client = `
    const { url, cookie, fields, path, times } = JSON.parse(process.argv[1]);
    const bytes = require('node:fs').readFileSync(path);
    const once = async () => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob([bytes]), 'bench.txt');
      const res = await fetch(url + '/api/surveys/validate', { method: 'POST', body: form, headers: { cookie } });
      const body = await res.json();
      return res.status + (body.code ? ' ' + body.code : '');
    };
    Promise.all(Array.from({ length: times }, once)).then((answers) => console.log(JSON.stringify(answers)), (err) => console.log(JSON.stringify([String(err)])));`;
  const path = join(tmpdir(), `parse-bench-${process.pid}.txt`);
  fs.writeFileSync(path, bytes);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', client, JSON.stringify({ url, cookie, fields: FIELDS(parcelCode), path, times })], (err, stdout) => {
      fs.rmSync(path, { force: true });
      if (err) reject(err);
      else resolve(JSON.parse(stdout));
    });
  });
}

export async function run(): Promise<string[][]> {
  const database = await openBenchDatabase('onesurvey_parse_bench');
  const hub = await startMain({ DATABASE_URL: database.url, DEMO: '0', RATE_LIMIT: '0', ADMIN_PASSWORD });
  try {
    const cookie = await logIn(hub.url, 'admin', ADMIN_PASSWORD);
    const file = largeTxt(UPLOAD_MB);
    const size = `${mb(file.length).toFixed(1)} MB TXT`;
    const rows: string[][] = [];
    // Growth over the idle hub's RSS (a heap, once grown, stays grown: the next peak is measured against the same idle figure).
    const idleRss = rss(hub).now;
    const memory = (what: string, peak: number, bytes: number) =>
      ['parse', what, `${mb(peak - idleRss).toFixed(0)} MB (peak RSS ${mb(peak).toFixed(0)} MB, idle ${mb(idleRss).toFixed(0)} MB)`, `file ${mb(bytes).toFixed(1)} MB`, `${((peak - idleRss) / bytes).toFixed(1)} × file`];
    rows.push(memory(`peak RSS growth, one ${size} checked (fresh workers)`, await peakRss(hub, () => validate(hub.url, cookie, HERE, file)), file.length));
    // Just under the 100 MB upload limit: a worker runs out of its PARSE_WORKER_MEMORY_MB and the hub answers 413.
    const largest = largeTxt(99);
    let answer = '';
    const hundred = await peakRss(hub, async () => (answer = await validate(hub.url, cookie, HERE, largest)));
    rows.push(memory(`peak RSS growth, one ${mb(largest.length).toFixed(0)} MB TXT (answered ${answer})`, hundred, largest.length));
    const idle = await healthLatencies(hub.url);
    for (const [parcelCode, what] of [[ELSEWHERE, 'read + pure checks'], [HERE, 'clean, PostGIS neighbours too']]) {
      const uploads = validateElsewhere(hub.url, cookie, parcelCode, file, CONCURRENT);
      const loaded = await healthLatencies(hub.url, uploads);
      const answers = (await uploads).join(', ');
      rows.push(['parse', `/api/health p50 / p99 while ${CONCURRENT} × ${size} are checked (${what}; answers ${answers})`, ms(loaded), `idle ${ms(idle)}`, `p99 × ${(percentile(loaded, 0.99) / percentile(idle, 0.99)).toFixed(1)}`]);
    }
    return rows;
  } finally {
    hub.child.kill('SIGTERM');
    await hub.exited;
    await database.drop();
  }
}
