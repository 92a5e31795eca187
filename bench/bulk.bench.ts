// A 100 MB legacy TXT (BULK_BENCH_MB; 20 with --quick) through POST /api/imports?staged=1 on the PostgreSQL server, the
// hub in a child process as `npm start` runs it (default limits) and the upload from another: the load's rate against
// psql \copy of the same results and 界址点 (city.bench.ts's baseline), the hub's peak RSS growth as a multiple of the
// file, /api/health p50/p99 during the load against the idle hub, and the size of the (summary-only) answer.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';
import { startMain } from '../test/support/main-process';
import { logIn, openBenchDatabase, percentile } from './bench-support';
import { legacyFiles, rawCopy } from './city.bench';
import { healthLatencies, peakRss, rss } from './parse.bench';

const QUICK = process.env.BENCH_QUICK === '1';
const FILE_MB = Number(process.env.BULK_BENCH_MB ?? (QUICK ? 20 : 100));
/** Bytes per plot of legacyFiles' TXT (a plot line and five point lines). */
const BYTES_PER_PLOT = 217;
const ADMIN_PASSWORD = 'bench-admin-password';

const mb = (bytes: number) => bytes / 1024 / 1024;
const ms = (sorted: number[]) => `${percentile(sorted, 0.5).toFixed(1)} / ${percentile(sorted, 0.99).toFixed(1)} ms`;

/**
 * POSTs the file at `path` to the staged import with curl, in another process (its body is built there; and no client
 * timeout: a 100 MB load takes minutes on a busy machine); status, answer size and body.
 */
function uploadElsewhere(url: string, cookie: string, path: string): Promise<{ status: number; bytes: number; body: any }> {
  const fields = Object.entries({ stage: 'legacy', kind: '勘测定界', organisation: '基准测试', surveyedOn: '2012-06-30', precisionClass: '1' }).flatMap(([k, v]) => ['-F', `${k}=${v}`]);
  const args = ['-s', '-w', '\n%{http_code}', '-H', `cookie: ${cookie}`, ...fields, '-F', `file=@${path};filename=legacy-100mb.txt`, `${url}/api/imports?staged=1`];
  return new Promise((resolve, reject) => {
    execFile('curl', args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => {
      if (err) return reject(err);
      const at = stdout.lastIndexOf('\n');
      const text = stdout.slice(0, at);
      resolve({ status: Number(stdout.slice(at + 1)), bytes: Buffer.byteLength(text), body: JSON.parse(text) });
    });
  });
}

export async function run(): Promise<string[][]> {
  const database = await openBenchDatabase('bench_bulk');
  const hub = await startMain({ DATABASE_URL: database.url, DEMO: '0', RATE_LIMIT: '0', ADMIN_PASSWORD });
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  let path = '';
  try {
    const cookie = await logIn(hub.url, 'admin', ADMIN_PASSWORD);
    const plots = Math.floor((FILE_MB * 1e6) / BYTES_PER_PLOT);
    const { txtPath, resultsCsv, pointsCsv } = legacyFiles(plots);
    path = txtPath;
    const size = fs.statSync(path).size;
    console.error(`bulk: staged upload of ${plots} plots, ${mb(size).toFixed(1)} MB…`);
    const idle = await healthLatencies(hub.url);
    const idleRss = rss(hub).now;
    let answer: Awaited<ReturnType<typeof uploadElsewhere>> | undefined;
    let during: number[] = [];
    let loadS = 0;
    const peak = await peakRss(hub, async () => {
      const t0 = performance.now();
      const upload = uploadElsewhere(hub.url, cookie, path);
      during = await healthLatencies(hub.url, upload).catch((err) => {
        throw new Error(`/api/health failed during the upload (${err.cause?.code ?? err}); the hub said:\n${hub.output.slice(-20).join('\n')}`);
      });
      answer = await upload;
      loadS = (performance.now() - t0) / 1000;
    });
    if (answer?.status !== 201) throw new Error(`the staged upload answered ${answer?.status}: ${answer?.body?.code} ${answer?.body?.message}\n${hub.output.slice(-20).join('\n')}`);
    const copyS = await rawCopy(pool, database.url, resultsCsv, pointsCsv);
    const phases = Object.entries(answer.body.seconds as Record<string, number>).filter(([k]) => !k.includes(' ')).map(([k, v]) => `${k} ${v}`).join(', ');
    return [
      ['bulk', `${mb(size).toFixed(0)} MB legacy TXT, ${plots} plots, staged upload (upload, read, check, store, audit: ${phases}): plots/s`, `${(plots / loadS).toFixed(0)} plots/s`, `${(plots / copyS).toFixed(0)} plots/s (psql \\copy)`, (copyS / loadS).toFixed(3)],
      ['bulk', `peak RSS growth of the hub during it (peak ${mb(peak).toFixed(0)} MB, idle ${mb(idleRss).toFixed(0)} MB)`, `${mb(peak - idleRss).toFixed(0)} MB`, `file ${mb(size).toFixed(1)} MB`, `${((peak - idleRss) / size).toFixed(2)} × file`],
      ['bulk', `/api/health p50 / p99 during it (${during.length} requests)`, ms(during), `idle ${ms(idle)}`, `p99 × ${(percentile(during, 0.99) / percentile(idle, 0.99)).toFixed(1)}`],
      ['bulk', `the answer (summary only; ${answer.body.counts.resultsStored} results stored, findings at findingsUrl)`, `${(answer.bytes / 1024).toFixed(1)} kB`, `file ${mb(size).toFixed(1)} MB`, (answer.bytes / size).toFixed(5)],
    ];
  } finally {
    if (path) fs.rmSync(path, { force: true });
    await pool.end();
    hub.child.kill('SIGTERM');
    await hub.exited;
    await database.drop();
  }
}
