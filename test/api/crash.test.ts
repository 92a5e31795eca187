// SIGKILL in the middle of a 10 000-plot import: nothing of it remains, and what was accepted before survives a restart.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { writeExchangeTxt } from '../../server/formats/txt-exchange.format';
import { ROOT, TEMPLATE_DIR } from '../support/paths';
import { expectedEngine } from '../support/test-hub';

const ADMIN_PASSWORD = 'test-admin-password';
const PLOTS = 10_000;
/** Kill attempts before the test gives up finding the moment the import is storing. */
const ATTEMPTS = 4;
/** WAL an import must have written before the kill for it to count as killed while storing (embedded engine), bytes. */
const STORING_WAL_BYTES = 1024 * 1024;

interface Hub {
  url: string;
  /** postgres:// of the database the hub uses: the embedded engine's socket, or the server. */
  databaseUrl: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  output: string[];
}

/** Runs server/main.ts until it prints its URL and database (or exits, whose code and output come back in the error). */
function startMain(env: Record<string, string>): Promise<Hub> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: { ...process.env, PORT: '0', PGLITE_PORT: '0', PGLITE_ATTACH: '1', DEMO: '0', RATE_LIMIT: '0', ADMIN_PASSWORD, ...env } });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let databaseUrl = env.DATABASE_URL ?? '';
  return new Promise((resolve, reject) => {
    for (const stream of [child.stdout!, child.stderr!]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        const psql = /database: \w+ — psql "(postgres:\/\/[^"]+)"/.exec(line);
        if (psql && !env.DATABASE_URL) databaseUrl = psql[1];
        const running = /running at (http:\/\/\S+)/.exec(line);
        if (running) resolve({ url: running[1], databaseUrl, child, exited, output });
      });
    }
    void exited.then((code) => reject(new Error(`the hub exited with ${code} before it was ready:\n${output.join('\n')}`)));
  });
}

/** The admin's session on a hub (or another account's): JSON requests and multipart imports. */
async function adminSession(base: string, username = 'admin', password = ADMIN_PASSWORD) {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login of admin answered ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  const answer = async (res: Response) => ({ status: res.status, body: await res.json() });
  return {
    get: async (p: string) => answer(await fetch(`${base}${p}`, { headers: { cookie } })),
    post: async (p: string, body: unknown) => answer(await fetch(`${base}${p}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) })),
    import: async (query: string, bytes: Uint8Array) => {
      const form = new FormData();
      for (const [k, v] of Object.entries({ stage: 'land_supply', kind: '勘测定界', organisation: '焦作市测试测绘有限公司', surveyedOn: '2025-01-15', precisionClass: '1' })) form.append(k, v);
      form.append('file', new Blob([Buffer.from(bytes)]), 'crash.txt');
      return answer(await fetch(`${base}/api/imports${query}`, { method: 'POST', body: form, headers: { cookie } }));
    },
  };
}

// 宗地代码 of this run: 孟州 (410883), 地籍区 999 (other tests draw 001–999 with sequences 90000–99999, but not
// this 子区 and these sequences together), a random 子区, so runs against one server database stay apart.
const SUBZONE = String(1 + Math.floor(Math.random() * 999)).padStart(3, '0');
const PREFIX = `410883999${SUBZONE}GB`;
const code = (seq: number) => `${PREFIX}${String(seq).padStart(5, '0')}`;
/** Attempt k imports sequences k·10 000 + 1 … k·10 000 + 10 000; the results accepted before are 90001–90003. */
const bulkCodes = (attempt: number) => Array.from({ length: PLOTS }, (_, i) => code(attempt * PLOTS + i + 1));

/**
 * 20 m × 20 m plots (0.0400 公顷) on a 25 m grid whose south-west corner is at (east, north), EPSG:4526, in
 * 孟州 north-west of the 6 km test-cell grid (test/support/fixtures.ts), so no accepted test parcel is near.
 */
function plotsTxt(codes: string[], east: number, north: number): Uint8Array {
  const columns = Math.ceil(Math.sqrt(codes.length));
  return writeExchangeTxt({
    epsg: 4526,
    header: { 数据产生单位: '焦作市测试测绘有限公司', 数据产生日期: '2025-01-15' },
    plots: codes.map((plotNo, i) => {
      const e = east + (i % columns) * 25, n = north + Math.floor(i / columns) * 25;
      const points = [[n + 20, e], [n + 20, e + 20], [n, e + 20], [n, e]].map(([x, y], k) => ({ pointNo: `J${k + 1}`, x, y }));
      return { plotNo, parts: [{ partNo: 1, rings: [{ ringNo: 1, closed: true, points }] }], declaredArea: { value: 0.04, unit: '公顷' as const, inferred: false, m2: 400 } };
    }),
  });
}
const BULK_ORIGIN: [number, number] = [38378000, 3869000];
/** The accepted results of this run: one 100 m cell per 子区, east of the bulk plots (which are never accepted). */
const acceptedOrigin = (): [number, number] => [38382000 + (Number(SUBZONE) % 30) * 100, 3869000 + Math.floor(Number(SUBZONE) / 30) * 100];

/** Rows of these parcels in every table an import writes. */
async function rowsOf(databaseUrl: string, codes: string[]) {
  return withClient(databaseUrl, async (client) => {
    const count = async (table: string) => (await client.query(`SELECT count(*)::int AS n FROM ${table} WHERE parcel_code = ANY($1)`, [codes])).rows[0].n;
    // An import of many parcels is ONE survey.import row listing them, in the hub's chain (migration 0015).
    const imports = (await client.query(`SELECT count(*)::int AS n FROM audit_hub_event WHERE action = 'survey.import' AND details->'parcelCodes' ?| $1::text[]`, [codes])).rows[0].n;
    return { parcel: await count('parcel'), survey_result: await count('survey_result'), boundary_point: await count('boundary_point'), audit_event: await count('audit_event'), import_audit: imports };
  });
}

async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The WAL position, bytes: how much the embedded engine has written (recovery replays up to the last record on disk). */
const walPosition = (databaseUrl: string) =>
  withClient(databaseUrl, async (c) => Number((await c.query(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint AS b`)).rows[0].b));

/** Server engine: resolves once the hub's connection (application_name) holds a transaction that has written a row. */
async function untilStoring(databaseUrl: string, appName: string, deadline: number): Promise<boolean> {
  return withClient(databaseUrl, async (c) => {
    while (Date.now() < deadline) {
      const { rows } = await c.query('SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND backend_xid IS NOT NULL', [appName]);
      if (rows.length) return true;
      await sleep(10);
    }
    return false;
  });
}

/** Server engine: waits until the killed hub's backends are gone, so nothing of theirs can still commit. */
async function untilBackendsGone(databaseUrl: string, appName: string): Promise<void> {
  await withClient(databaseUrl, async (c) => {
    for (let i = 0; i < 600; i++) {
      if (!(await c.query('SELECT 1 FROM pg_stat_activity WHERE application_name = $1', [appName])).rows.length) return;
      await sleep(100);
    }
    throw new Error(`the killed hub's database sessions (${appName}) are still there after 60 s`);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (t0: number) => (Date.now() - t0) / 1000;
const fingerprint = (s: any) => ({ status: s.status, planeAreaM2: s.planeAreaM2, boundaryPoints: s.boundaryPoints });

it(`keeps nothing of a ${PLOTS}-plot import killed with SIGKILL while it stores, and every result accepted before (${expectedEngine})`, async () => {
  const t0 = Date.now();
  const timings: Record<string, number | string> = {};
  const dataDir = expectedEngine === 'pglite' ? fs.mkdtempSync(path.join(os.tmpdir(), 'onesurvey-crash-')) : '';
  if (dataDir) fs.cpSync(TEMPLATE_DIR, dataDir, { recursive: true });
  const appName = `onesurvey-crash-${SUBZONE}-${process.pid}`;
  // PGAPPNAME names the hub's server sessions (node-postgres reads it), so pg_stat_activity shows which are its.
  const env: Record<string, string> = dataDir ? { DATA_DIR: dataDir } : { DATABASE_URL: process.env.HUB_TEST_DB!, PGAPPNAME: appName };
  let hub = await startMain(env);
  try {
    timings.firstStartS = seconds(t0);
    let admin = await adminSession(hub.url);
    expect((await admin.get('/api/health')).body.engine).toBe(expectedEngine);

    // Everything accepted before: three results, imported and accepted.
    const acceptedCodes = [code(90001), code(90002), code(90003)];
    const small = await admin.import('', plotsTxt(acceptedCodes, ...acceptedOrigin()));
    expect(small.status).toBe(201);
    const acceptedIds: string[] = small.body.results.map((r: any) => r.id);
    // Nobody decides what they submitted: a reviewer account accepts the admin's import.
    const reviewerName = `crash-reviewer-${SUBZONE}-${Date.now()}`;
    expect((await admin.post('/api/accounts', { username: reviewerName, kind: 'person', roles: ['reviewer'], password: ADMIN_PASSWORD })).status).toBe(201);
    const reviewer = await adminSession(hub.url, reviewerName);
    for (const id of acceptedIds) expect((await reviewer.post(`/api/surveys/${id}/review`, { decision: 'accept' })).status).toBe(200);
    const before = await Promise.all(acceptedIds.map(async (id) => fingerprint((await admin.get(`/api/surveys/${id}`)).body)));
    expect(before.map((f) => [f.status, f.planeAreaM2, f.boundaryPoints.length])).toEqual(acceptedIds.map(() => ['accepted', 400, 4]));

    // How long the checks of the file take: the import stores after that long.
    const dryBytes = plotsTxt(bulkCodes(0), ...BULK_ORIGIN);
    let t = Date.now();
    const dry = await admin.import('?dryRun=1', dryBytes);
    expect(dry.status).toBe(200);
    expect(dry.body.report.passed).toBe(true);
    const dryMs = Date.now() - t;
    timings.dryRunS = dryMs / 1000;

    // The import's checks take longer than the dry run's on a freshly (re)started hub: start late, then adapt.
    let killAfterMs = dryMs * 1.6;
    let storingWasKilled = false;
    for (let attempt = 0; attempt < ATTEMPTS && !storingWasKilled; attempt++) {
      const codes = bulkCodes(attempt);
      const bytes = attempt === 0 ? dryBytes : plotsTxt(codes, ...BULK_ORIGIN);
      const walBefore = dataDir ? await walPosition(hub.databaseUrl) : 0;
      t = Date.now();
      let answered: number | undefined;
      const importing = admin.import('', bytes).then((res) => (answered = res.status), () => undefined);
      let sawStoring = false;
      if (dataDir) await Promise.race([sleep(killAfterMs), importing]);
      else sawStoring = await untilStoring(hub.databaseUrl, appName, Date.now() + 120_000);
      const killedAtMs = Date.now() - t;
      hub.child.kill('SIGKILL');
      await hub.exited;
      await importing;
      if (!dataDir) await untilBackendsGone(hub.databaseUrl, appName);

      // The same data folder / database: the embedded engine recovers its data folder from the crash.
      t = Date.now();
      hub = await startMain(env);
      timings[`restart${attempt + 1}S`] = seconds(t);
      admin = await adminSession(hub.url);
      const rows = await rowsOf(hub.databaseUrl, codes);
      const wal = dataDir ? (await walPosition(hub.databaseUrl)) - walBefore : undefined;
      const outcome = answered !== undefined || rows.parcel === PLOTS ? 'committed before the kill' : (wal !== undefined ? wal < STORING_WAL_BYTES : !sawStoring) ? 'killed before storing' : 'killed while storing';
      timings[`attempt${attempt + 1}`] = `killed at ${killedAtMs} ms: ${outcome}${wal === undefined ? '' : ` (WAL ${(wal / 1e6).toFixed(1)} MB)`}`;
      if (outcome === 'committed before the kill') {
        expect(rows).toEqual({ parcel: PLOTS, survey_result: PLOTS, boundary_point: 4 * PLOTS, audit_event: 0, import_audit: 1 }); // whole, never in part
        killAfterMs *= 0.7;
        continue;
      }
      expect(rows).toEqual({ parcel: 0, survey_result: 0, boundary_point: 0, audit_event: 0, import_audit: 0 });
      // (the prefix also matches an earlier attempt's last code when that attempt committed: only this attempt's count)
      const found = (await admin.get(`/api/parcels?q=${codes[0].slice(0, 16)}&limit=100`)).body.items.map((p: any) => p.parcelCode);
      expect(found.filter((c: string) => codes.includes(c))).toEqual([]);
      if (outcome === 'killed before storing') killAfterMs *= 1.3;
      else storingWasKilled = true;
    }
    expect(storingWasKilled).toBe(true);

    // Everything accepted before is intact, and the hub takes new work.
    const after = await Promise.all(acceptedIds.map(async (id) => fingerprint((await admin.get(`/api/surveys/${id}`)).body)));
    expect(after).toEqual(before);
    const fresh = await admin.import('', plotsTxt([code(90011), code(90012)], BULK_ORIGIN[0], BULK_ORIGIN[1] - 100));
    expect(fresh.status).toBe(201);
    expect((await rowsOf(hub.databaseUrl, [code(90011), code(90012)])).survey_result).toBe(2);
    expect((await admin.get(`/api/parcels?q=${code(90011).slice(0, 18)}`)).body.items.map((p: any) => p.parcelCode).sort()).toEqual([code(90011), code(90012)]);
    timings.totalS = seconds(t0);
    console.log(`[crash test, ${expectedEngine}] ${JSON.stringify(timings)}`);
  } finally {
    hub.child.kill('SIGTERM');
    await hub.exited;
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 600_000);
