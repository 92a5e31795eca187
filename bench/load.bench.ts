// Mixed load on a PostgreSQL server: LOAD_CLIENTS (50) logged-in clients reading and submitting for LOAD_SECONDS (60) s;
// throughput, p50/p99, zero errors and zero lost submissions — against the read mix's own SQL run by as many pg clients.
import pg from 'pg';
import { startHub } from '../server/hub';
import { loadConfig } from '../server/config';
import { sql } from '../server/db/sql-files';
import { logIn, openBenchDatabase, percentile } from './bench-support';
// The one seeded generator of the benches (mulberry32): each client's request sequence is the same in every run.
import { random } from './city-fixture';

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
/** The baseline runs 10 s (shorter only when the load itself is). */
const BASELINE_SECONDS = Math.min(10, SECONDS);
const ADMIN_PASSWORD = 'bench-admin-password';
/** Clients are dealt round-robin over these demo accounts; surveyor and admin may submit, the others only read. */
const ACCOUNTS = ['demo-registrar', 'demo-planner', 'demo-surveyor', 'demo-admin'];
const SUBMITTERS = new Set(['demo-surveyor', 'demo-admin']);
/** The hub allows 10 logins a minute per username and address: beyond that, clients of one account share sessions. */
const LOGINS_PER_ACCOUNT = 10;
/** Around 焦作, EPSG:4490 lon/lat. */
const BBOX = '112.5,34.7,113.8,35.5';
/** Fresh 孟州 parcel codes for submissions: 410883 777 <subzone> GB <serial>. */
const FRESH_PREFIX = '410883777';
const REQUEST_TIMEOUT_MS = 30_000;

type Op = 'search' | 'parcel' | 'bbox' | 'survey' | 'submit';
/**
 * Weights of one request's kind: reads for every client (parcel reads first, as the registry desk works), and
 * submissions for the clients that may submit — about 18 % of their requests, about 9 % of all with four accounts.
 */
const READ_WEIGHTS: [Op, number][] = [['search', 20], ['parcel', 35], ['bbox', 15], ['survey', 20]];
const SUBMIT_WEIGHT: [Op, number] = ['submit', 20];

function pick<T>(weights: [T, number][], r: number): T {
  let x = r * weights.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of weights) if ((x -= w) < 0) return value;
  return weights[weights.length - 1][0];
}

const elapsedMs = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/** Latencies in ms by kind, errors with what they were, and the acknowledged submissions. */
class Tally {
  latencies = new Map<Op, number[]>();
  errors: string[] = [];
  acknowledged: { parcelCode: string; id: string }[] = [];
  record(op: Op, ms: number) {
    if (!this.latencies.has(op)) this.latencies.set(op, []);
    this.latencies.get(op)!.push(ms);
  }
  of(ops: Op[]): number[] {
    return ops.flatMap((op) => this.latencies.get(op) ?? []).sort((a, b) => a - b);
  }
}

const p50p99 = (sorted: number[]) => `${percentile(sorted, 0.5).toFixed(1)} / ${percentile(sorted, 0.99).toFixed(1)} ms`;


interface Session {
  username: string;
  cookie: string;
  organisation: string | null;
}

/** One session per client, at most LOGINS_PER_ACCOUNT per account (shared beyond that). */
async function logInClients(url: string): Promise<Session[]> {
  const sessions = new Map<string, Promise<Session>>();
  const sessionOf = async (username: string): Promise<Session> => {
    const cookie = await logIn(url, username, 'demo');
    const who = await (await fetch(`${url}/api/session`, { headers: { cookie } })).json();
    return { username, cookie, organisation: who.organisation };
  };
  return Promise.all(Array.from({ length: CLIENTS }, (_, i) => {
    const username = ACCOUNTS[i % ACCOUNTS.length];
    const key = `${username}#${Math.floor(i / ACCOUNTS.length) % LOGINS_PER_ACCOUNT}`;
    if (!sessions.has(key)) sessions.set(key, sessionOf(username));
    return sessions.get(key)!;
  }));
}

/** A unit-only pre-sale result (no features, so no overlap refusals) for a parcel the run has not used. */
function presaleSubmission(parcelCode: string, organisation: string) {
  return {
    stage: 'presale', kind: '房产预测', parcelCode, organisation, surveyedOn: '2025-01-15', crs: 'EPSG:4526', precisionClass: 1,
    units: [{ unitCode: `${parcelCode}F00010001`, buildingAreaM2: 100, innerAreaM2: 80, sharedAreaM2: 20 }],
  };
}

/** The n-th fresh parcel code of this run; the 地籍子区 (001–999) starts at a random one so reruns on one database rarely meet. */
const subzoneBase = Math.floor(Math.random() * 999);
const freshParcelCode = (n: number) =>
  `${FRESH_PREFIX}${String(((subzoneBase + Math.floor(n / 99_999)) % 999) + 1).padStart(3, '0')}GB${String((n % 99_999) + 1).padStart(5, '0')}`;

interface LoadContext {
  url: string;
  parcelCodes: string[];
  deadline: bigint;
  tally: Tally;
  nextSubmission: () => number;
}

/** One client: requests one after another until the deadline, each timed; survey ids come from its own parcel reads. */
async function client(ctx: LoadContext, session: Session, seed: number): Promise<void> {
  const rand = random(seed);
  const weights = SUBMITTERS.has(session.username) ? [...READ_WEIGHTS, SUBMIT_WEIGHT] : READ_WEIGHTS;
  const surveyIds = new Set<string>();
  const anyOf = <T>(items: T[]) => items[Math.floor(rand() * items.length)];
  while (process.hrtime.bigint() < ctx.deadline) {
    let op = pick(weights, rand());
    if (op === 'survey' && !surveyIds.size) op = 'parcel';
    const parcelCode = op === 'submit' ? freshParcelCode(ctx.nextSubmission()) : anyOf(ctx.parcelCodes);
    const [path, init]: [string, RequestInit] =
      op === 'search' ? ['/api/parcels?q=4108', {}]
      : op === 'parcel' ? [`/api/parcels/${parcelCode}`, {}]
      : op === 'bbox' ? [`/api/parcels?bbox=${BBOX}`, {}]
      : op === 'survey' ? [`/api/surveys/${anyOf([...surveyIds])}`, {}]
      : ['/api/surveys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(presaleSubmission(parcelCode, session.organisation ?? '负载测试测绘公司')) }];
    const t0 = process.hrtime.bigint();
    try {
      const res = await fetch(`${ctx.url}${path}`, { ...init, headers: { ...init.headers, cookie: session.cookie }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const body = await res.json();
      ctx.tally.record(op, elapsedMs(t0));
      if (!res.ok) ctx.tally.errors.push(`${init.method ?? 'GET'} ${path} (${session.username}): ${res.status} ${body.code} ${body.message}`);
      else if (op === 'submit' && res.status === 201) ctx.tally.acknowledged.push({ parcelCode, id: body.id });
      else if (op === 'parcel') for (const r of body.timeline) surveyIds.add(r.id);
    } catch (err) {
      ctx.tally.record(op, elapsedMs(t0));
      ctx.tally.errors.push(`${init.method ?? 'GET'} ${path} (${session.username}): ${(err as Error).message}`);
    }
  }
}

/** Results stored for the acknowledged submissions, found by parcel code and id. */
async function countStored(pool: pg.Pool, acknowledged: { parcelCode: string; id: string }[]): Promise<number> {
  const { rows } = await pool.query('SELECT count(*) AS n FROM survey_result WHERE (parcel_code, id::text) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
    [acknowledged.map((a) => a.parcelCode), acknowledged.map((a) => a.id)]);
  return rows[0].n;
}

const countFresh = async (pool: pg.Pool): Promise<number> =>
  (await pool.query("SELECT count(*) AS n FROM survey_result WHERE parcel_code LIKE $1 || '%'", [FRESH_PREFIX])).rows[0].n;

/** The read mix's SQL straight through `pg` (visibility null: sees all), CLIENTS connections, for `seconds`. */
async function baseline(url: string, parcelCodes: string[], surveyIds: string[], seconds: number) {
  const pool = new pg.Pool({ connectionString: url, max: CLIENTS });
  const latencies: number[] = [];
  const bbox = BBOX.split(',').map(Number);
  const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const worker = async (seed: number) => {
    const rand = random(seed);
    const anyOf = <T>(items: T[]) => items[Math.floor(rand() * items.length)];
    while (process.hrtime.bigint() < deadline) {
      const op = pick(READ_WEIGHTS, rand());
      const t0 = process.hrtime.bigint();
      if (op === 'search') await pool.query(sql('parcels-search'), ['4108', null, null, null, null, 50, 0, null, null]);
      else if (op === 'bbox') await pool.query(sql('parcels-search'), [null, ...bbox, 50, 0, null, null]);
      else if (op === 'survey') await pool.query(sql('survey-by-id'), [anyOf(surveyIds), null, null]);
      else {
        const code = anyOf(parcelCodes);
        await pool.query(sql('parcel-by-code'), [code]);
        await pool.query(sql('survey-results-by-parcel'), [code, null, null]);
      }
      latencies.push(elapsedMs(t0));
    }
  };
  const t0 = process.hrtime.bigint();
  try {
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => worker(1000 + i)));
  } finally {
    await pool.end();
  }
  return { perSecond: latencies.length / (elapsedMs(t0) / 1000), sorted: latencies.sort((a, b) => a - b) };
}

/** The demo parcels (search q=4108, without the fresh codes of earlier runs). */
async function demoParcelCodes(url: string, cookie: string): Promise<string[]> {
  const found = await (await fetch(`${url}/api/parcels?q=4108&limit=1000`, { headers: { cookie } })).json();
  const codes = (found.items ?? []).map((p: { parcelCode: string }) => p.parcelCode).filter((c: string) => !c.startsWith(FRESH_PREFIX));
  if (!codes.length) throw new Error('the database holds no demo parcels: use an empty BENCH_DATABASE_URL (DEMO=1 loads them into an empty hub)');
  return codes;
}

export async function run(): Promise<string[][]> {
  const database = await openBenchDatabase('onesurvey_load');
  try {
    const hub = await startHub(loadConfig({ DATABASE_URL: database.url, PORT: '0', DEMO: '1', DEMO_PASSWORD: 'demo', RATE_LIMIT: '0', ADMIN_PASSWORD }), (line) => console.error(`  [hub] ${line}`));
    try {
      return await measure(hub.url, hub.db.pool, hub.db.engine, database.url);
    } finally {
      await hub.stop();
    }
  } finally {
    await database.drop();
  }
}

async function measure(url: string, pool: pg.Pool, engine: string, databaseUrl: string): Promise<string[][]> {
  const sessions = await logInClients(url);
  const parcelCodes = await demoParcelCodes(url, sessions[0].cookie);
  const freshBefore = await countFresh(pool);
  let submissions = 0;
  const ctx: LoadContext = { url, parcelCodes, tally: new Tally(), deadline: process.hrtime.bigint() + BigInt(Math.round(SECONDS * 1e9)), nextSubmission: () => submissions++ };
  console.error(`  ${CLIENTS} clients (${new Set(sessions.map((s) => s.cookie)).size} sessions) for ${SECONDS} s…`);
  const t0 = process.hrtime.bigint();
  await Promise.all(sessions.map((s, i) => client(ctx, s, i + 1)));
  const hubSeconds = elapsedMs(t0) / 1000;
  const { tally } = ctx;
  const found = await countStored(pool, tally.acknowledged);
  const freshAfter = await countFresh(pool);
  const lost = tally.acknowledged.length - found;

  const { rows: ids } = await pool.query('SELECT id::text FROM survey_result WHERE parcel_code = ANY ($1)', [parcelCodes]);
  console.error(`  baseline: ${CLIENTS} pg clients for ${BASELINE_SECONDS} s…`);
  const base = await baseline(databaseUrl, parcelCodes, ids.map((r) => r.id), BASELINE_SECONDS);

  const all = tally.of(['search', 'parcel', 'bbox', 'survey', 'submit']), reads = tally.of(['search', 'parcel', 'bbox', 'survey']), submits = tally.of(['submit']);
  const hubRate = all.length / hubSeconds;
  const share = (n: number) => `${((100 * n) / all.length).toFixed(0)} %`;
  const rows = [
    ['load', `${engine}: ${CLIENTS} clients × ${SECONDS} s, hub requests/s (reads ${share(reads.length)}, submissions ${share(submits.length)}) ÷ read-mix SQL sets/s of ${CLIENTS} pg clients × ${BASELINE_SECONDS} s`, `${hubRate.toFixed(0)} req/s`, `${base.perSecond.toFixed(0)} sets/s`, (hubRate / base.perSecond).toFixed(3)],
    ['load', 'p50 / p99 latency, all requests ÷ one read\'s SQL (ratio of p99)', p50p99(all), p50p99(base.sorted), (percentile(all, 0.99) / percentile(base.sorted, 0.99)).toFixed(2)],
    ['load', `p50 / p99 latency, ${reads.length} reads ÷ one read's SQL (ratio of p99)`, p50p99(reads), p50p99(base.sorted), (percentile(reads, 0.99) / percentile(base.sorted, 0.99)).toFixed(2)],
    ['load', `p50 / p99 latency, ${submits.length} submissions (POST /api/surveys, one transaction each)`, p50p99(submits), '—', '—'],
    ['load', 'errors: non-2xx answers or network errors (must be 0)', `${tally.errors.length} of ${all.length}`, `0 of ${base.sorted.length}`, '—'],
    ['load', `submissions acknowledged (201) → found in survey_result afterwards (lost must be 0); rows under ${FRESH_PREFIX}… before → after`, `${tally.acknowledged.length} → ${found}, lost ${lost}`, `${freshBefore} → ${freshAfter}`, '—'],
  ];
  if (tally.errors.length || lost) {
    for (const r of rows) console.error(r.join(' | '));
    for (const e of tally.errors.slice(0, 10)) console.error(`  error: ${e}`);
    const failure = `load FAILED: ${tally.errors.length} error(s), ${lost} lost submission(s) of ${tally.acknowledged.length} acknowledged`;
    console.error(failure);
    throw new Error(failure);
  }
  return rows;
}
