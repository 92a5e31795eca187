// Parsing off the main thread, on a PostgreSQL server: /api/health latency while 4 maximal uploads are checked vs
// idle (p50/p99, as a ratio), and peak RSS per upload as a multiple of its file size — one clean TXT of the largest
// size a default worker checks (PARSE_BENCH_MB, 10), and a 99 MB TXT (near the upload limit), which a worker refuses.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub } from '../server/hub';
import { loadConfig } from '../server/config';
import { largeTxt } from '../test/support/large-files';
import { logIn, openBenchDatabase, percentile } from './bench-support';

const UPLOAD_MB = Number(process.env.PARSE_BENCH_MB ?? 10);
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
async function healthLatencies(url: string, until?: Promise<unknown>, count = IDLE_SAMPLES): Promise<number[]> {
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

/** Peak RSS of the process, bytes, while `work` runs, sampled every 10 ms. */
async function peakRss(work: () => Promise<unknown>): Promise<number> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage.rss());
}

/**
 * POSTs `bytes` to /api/surveys/validate `times` times at once from a child process: building and sending the bodies
 * must neither hold the event loop the hub (in this process) answers /api/health on nor count in its RSS.
 * Resolves with each answer's status and code.
 */
function validate(url: string, cookie: string, parcelCode: string, bytes: Uint8Array, times = 1): Promise<string[]> {
  const client = `
    const fs = require('node:fs');
    const { url, cookie, fields, path, times } = JSON.parse(process.argv[1]);
    const bytes = fs.readFileSync(path);
    const once = async () => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob([bytes]), 'bench.txt');
      const res = await fetch(url + '/api/surveys/validate', { method: 'POST', body: form, headers: { cookie } });
      const body = await res.json();
      return res.status + (body.code ? ' ' + body.code : '');
    };
    Promise.all(Array.from({ length: times }, once)).then((answers) => console.log(JSON.stringify(answers)), (err) => console.log(JSON.stringify([String(err)])));`;
  const fields = { stage: 'land_supply', kind: '勘测定界', parcelCode, organisation: '焦作市测试测绘有限公司', surveyedOn: '2025-01-15', precisionClass: '1' };
  const path = join(tmpdir(), `parse-bench-${process.pid}-${bytes.length}.txt`);
  writeFileSync(path, bytes);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', client, JSON.stringify({ url, cookie, fields, path, times })], { maxBuffer: 1 << 20 }, (err, stdout) => {
      rmSync(path, { force: true });
      if (err) reject(err);
      else resolve(JSON.parse(stdout));
    });
  });
}

export async function run(): Promise<string[][]> {
  const database = await openBenchDatabase('onesurvey_parse_bench');
  const hub = await startHub(loadConfig({ DATABASE_URL: database.url, PORT: '0', DEMO: '0', RATE_LIMIT: '0', ADMIN_PASSWORD }), () => undefined);
  try {
    const cookie = await logIn(hub.url, 'admin', ADMIN_PASSWORD);
    const file = largeTxt(UPLOAD_MB);
    const size = `${mb(file.length).toFixed(1)} MB TXT`;
    const rows: string[][] = [];
    // Memory first, on fresh workers (a worker's heap, once grown, stays grown), one file at a time, as growth over
    // the idle hub's RSS: the upload's bytes, the worker's heap, what the main thread keeps of the answer.
    const idleRss = process.memoryUsage.rss();
    const growth = (peak: number, bytes: number) => [`${mb(peak - idleRss).toFixed(0)} MB (RSS ${mb(peak).toFixed(0)} MB, idle ${mb(idleRss).toFixed(0)} MB)`, `file ${mb(bytes).toFixed(1)} MB`, `${((peak - idleRss) / bytes).toFixed(1)} × file`];
    const one = await peakRss(() => validate(hub.url, cookie, HERE, file));
    rows.push(['parse', `peak RSS growth, one ${size} checked (fresh workers)`, ...growth(one, file.length)]);
    // Just under the 100 MB upload limit: a worker runs out of its PARSE_WORKER_MEMORY_MB and the hub answers 413.
    const largest = largeTxt(99);
    let answer = '';
    const hundred = await peakRss(async () => ([answer] = await validate(hub.url, cookie, HERE, largest)));
    rows.push(['parse', `peak RSS growth, one ${mb(largest.length).toFixed(0)} MB TXT (answered ${answer})`, ...growth(hundred, largest.length)]);
    const idle = await healthLatencies(hub.url);
    for (const [parcelCode, what] of [[ELSEWHERE, 'read + pure checks'], [HERE, 'clean, PostGIS neighbours too']]) {
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      const uploads = validate(hub.url, cookie, parcelCode, file, CONCURRENT);
      const loaded = await healthLatencies(hub.url, uploads);
      delay.disable();
      const answers = (await uploads).join(', ');
      rows.push(['parse', `/api/health p50 / p99 while ${CONCURRENT} × ${size} are checked (${what}; answers ${answers}; event-loop delay max ${(delay.max / 1e6).toFixed(0)} ms)`, ms(loaded), `idle ${ms(idle)}`, `p99 × ${(percentile(loaded, 0.99) / percentile(idle, 0.99)).toFixed(1)}`]);
    }
    return rows;
  } finally {
    await hub.stop();
    await database.drop();
  }
}
