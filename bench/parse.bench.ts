// Parsing off the main thread, on a PostgreSQL server: /api/health latency while 4 maximal uploads are checked vs
// idle (p50/p99, as a ratio), and peak RSS per upload as a multiple of its file size — one clean TXT of the largest
// size a default worker checks (PARSE_BENCH_MB, 10), and a 99 MB TXT (near the upload limit), which a worker refuses.
import { Worker } from 'node:worker_threads';
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

/** Peak RSS growth, bytes, over the RSS before `work` started, sampled every 10 ms. */
async function peakRssGrowth(work: () => Promise<unknown>): Promise<number> {
  global.gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage.rss()) - before;
}

/**
 * POSTs `bytes` to /api/surveys/validate `times` times at once from a worker thread: building and sending the bodies
 * must not hold the event loop the hub (in this process) answers /api/health on. Resolves with each answer's status and code.
 */
function validate(url: string, cookie: string, parcelCode: string, bytes: Uint8Array, times = 1): Promise<string[]> {
  const client = `
    const { parentPort, workerData: { url, cookie, fields, bytes, times } } = require('node:worker_threads');
    const once = async () => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob([bytes]), 'bench.txt');
      const res = await fetch(url + '/api/surveys/validate', { method: 'POST', body: form, headers: { cookie } });
      const body = await res.json();
      return res.status + (body.code ? ' ' + body.code : '');
    };
    Promise.all(Array.from({ length: times }, once)).then((answers) => parentPort.postMessage(answers), (err) => parentPort.postMessage([String(err)]));`;
  const fields = { stage: 'land_supply', kind: '勘测定界', parcelCode, organisation: '焦作市测试测绘有限公司', surveyedOn: '2025-01-15', precisionClass: '1' };
  const worker = new Worker(client, { eval: true, workerData: { url, cookie, fields, bytes, times } });
  return new Promise((resolve, reject) => {
    worker.once('message', (answers: string[]) => void worker.terminate().then(() => resolve(answers)));
    worker.once('error', reject);
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
    const idle = await healthLatencies(hub.url);
    for (const [parcelCode, what] of [[ELSEWHERE, 'read + pure checks'], [HERE, 'clean, PostGIS neighbours too']]) {
      const uploads = validate(hub.url, cookie, parcelCode, file, CONCURRENT);
      const loaded = await healthLatencies(hub.url, uploads);
      const answers = (await uploads).join(', ');
      rows.push(['parse', `/api/health p50 / p99 while ${CONCURRENT} × ${size} are checked (${what}; answers ${answers})`, ms(loaded), `idle ${ms(idle)}`, `p99 × ${(percentile(loaded, 0.99) / percentile(idle, 0.99)).toFixed(1)}`]);
    }
    const one = await peakRssGrowth(() => validate(hub.url, cookie, HERE, file));
    rows.push(['parse', `peak RSS growth, one ${size} checked`, `${mb(one).toFixed(0)} MB`, `file ${mb(file.length).toFixed(1)} MB`, `${(one / file.length).toFixed(1)} × file`]);
    // Just under the 100 MB upload limit: a worker runs out of its PARSE_WORKER_MEMORY_MB and the hub answers 413.
    const largest = largeTxt(99);
    let answer = '';
    const hundred = await peakRssGrowth(async () => ([answer] = await validate(hub.url, cookie, HERE, largest)));
    rows.push(['parse', `peak RSS growth, one ${mb(largest.length).toFixed(0)} MB TXT (answered ${answer})`, `${mb(hundred).toFixed(0)} MB`, `file ${mb(largest.length).toFixed(1)} MB`, `${(hundred / largest.length).toFixed(1)} × file`]);
    return rows;
  } finally {
    await hub.stop();
    await database.drop();
  }
}
