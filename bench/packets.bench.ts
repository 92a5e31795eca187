// Registration-packet latency at PACKET_PARCELS (100 000) generated parcels with accepted boundaries: p50/p99 of
// POST /api/registration-packets, against a baseline measured in the same run: the packet's lookups as raw SQL.
import pg from 'pg';
import { startHub, type RunningHub } from '../server/hub';
import { loadConfig } from '../server/config';
import { sql } from '../server/db/sql-files';
import { writeExchangeTxt } from '../server/formats/txt-exchange.format';
import { logIn, openBenchDatabase, percentile } from './bench-support';

const PARCELS = Number(process.env.PACKET_PARCELS ?? 100_000);
const REQUESTS = Number(process.env.PACKET_REQUESTS ?? 2_000);
/** Requests (or lookup sets) in flight at once, for the hub and the baseline alike. */
const CONCURRENCY = 8;
/** Plots per generated TXT file, i.e. per POST /api/imports (one transaction each). */
const PLOTS_PER_FILE = 20_000;
const SEED = 20_250_115;
const ADMIN_PASSWORD = 'bench-admin-password';
const REGISTRATION_TYPE = '国有建设用地使用权首次登记';
/** 孟州 (410883), 地籍区 888: the generated codes are 孟州 codes, so the plots lie there (county check within 3 km). */
const PREFIX = '410883888';
const CENTRE = { east: 38389542, north: 3864977 };
/** An 8 m × 8 m plot in a 10 m cell: 100 000 plots make a 3.2 km square around CENTRE. */
const SIDE = 8;
const CELL = 10;

/** The i-th parcel's 宗地代码: 地籍子区 001, 002, … of 99 999 parcels each. */
const parcelCode = (i: number) =>
  `${PREFIX}${String(Math.floor(i / 99_999) + 1).padStart(3, '0')}GB${String((i % 99_999) + 1).padStart(5, '0')}`;

/** The i-th plot's corners (X north, Y east, m, EPSG:4526), clockwise from the north-west, on a grid centred on CENTRE. */
function corners(i: number): [number, number][] {
  const columns = Math.ceil(Math.sqrt(PARCELS));
  const e = CENTRE.east - (columns * CELL) / 2 + (i % columns) * CELL;
  const n = CENTRE.north - (columns * CELL) / 2 + Math.floor(i / columns) * CELL;
  return [[n + SIDE, e], [n + SIDE, e + SIDE], [n, e + SIDE], [n, e]];
}

/** An exchange TXT with the plots [from, to), each numbered with its own 宗地代码. */
function generateTxt(from: number, to: number): Uint8Array {
  return writeExchangeTxt({
    epsg: 4526,
    header: { 数据产生单位: '基准测试', 数据产生日期: '2025-01-15' },
    plots: Array.from({ length: to - from }, (_, k) => {
      const points = corners(from + k).map(([x, y], j) => ({ pointNo: `J${j + 1}`, x, y }));
      return { plotNo: parcelCode(from + k), parts: [{ partNo: 1, rings: [{ ringNo: 1, closed: true, points }] }], declaredArea: { value: (SIDE * SIDE) / 10_000, unit: '公顷' as const, inferred: false, m2: SIDE * SIDE } };
    }),
  });
}

/** A small seeded generator (mulberry32), so every run asks for the same parcels. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const elapsedMs = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
const ms = (v: number) => `${v.toFixed(2)} ms`;


/** POST /api/imports of one generated file; throws unless every plot became a result. */
async function importFile(url: string, cookie: string, from: number, to: number): Promise<void> {
  const form = new FormData();
  for (const [k, v] of Object.entries({ stage: 'land_supply', kind: '勘测定界', organisation: '基准测试', surveyedOn: '2025-01-15', precisionClass: '1' })) form.append(k, v);
  form.append('file', new Blob([Buffer.from(generateTxt(from, to))]), `packets-${from}.txt`);
  const res = await fetch(`${url}/api/imports`, { method: 'POST', body: form, headers: { cookie } });
  const body = await res.json();
  if (res.status !== 201) throw new Error(`import of plots ${from}–${to - 1}: ${res.status} ${body.code} ${body.message} ${body.details?.report?.findings?.[0]?.message ?? ''}`);
  if (body.results.length !== to - from) throw new Error(`import of plots ${from}–${to - 1}: ${body.results.length} results`);
}

/**
 * The PARCELS parcels with accepted land-supply boundaries: imported file by file, then accepted with one SQL
 * statement (reviewing them one by one over HTTP would take longer than the benchmark). Seconds taken, or null
 * when an earlier run on BENCH_DATABASE_URL left them.
 */
async function generateParcels(hub: RunningHub, cookie: string): Promise<number | null> {
  const like = `${PREFIX}%`;
  const { rows } = await hub.db.pool.query("SELECT count(*)::int AS n FROM survey_result WHERE parcel_code LIKE $1 AND status = 'accepted'", [like]);
  if (rows[0].n >= PARCELS) return null;
  if (rows[0].n > 0) throw new Error(`the database holds ${rows[0].n} generated parcels (${PREFIX}…), fewer than ${PARCELS}: use an empty BENCH_DATABASE_URL`);
  const t0 = process.hrtime.bigint();
  for (let from = 0; from < PARCELS; from += PLOTS_PER_FILE) {
    const to = Math.min(PARCELS, from + PLOTS_PER_FILE);
    await importFile(hub.url, cookie, from, to);
    console.error(`  imported ${to} / ${PARCELS} parcels (${(elapsedMs(t0) / 1000).toFixed(0)} s)`);
  }
  const accepted = await hub.db.pool.query("UPDATE survey_result SET status = 'accepted', reviewer = 'bench', reviewed_at = now() WHERE status = 'submitted' AND parcel_code LIKE $1", [like]);
  if (accepted.rowCount !== PARCELS) throw new Error(`accepted ${accepted.rowCount} results, expected ${PARCELS}`);
  console.error(`  accepted ${PARCELS} results with one SQL UPDATE (${(elapsedMs(t0) / 1000).toFixed(0)} s in all)`);
  return elapsedMs(t0) / 1000;
}

/** Runs `work(0 … count-1)` with at most CONCURRENCY in flight; the latency of each, ms, and the seconds in all. */
async function bounded(count: number, work: (i: number) => Promise<void>): Promise<{ sorted: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      await work(i);
      latencies.push(elapsedMs(t0));
    }
  };
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, worker));
  return { sorted: latencies.sort((a, b) => a - b), seconds: elapsedMs(t0) / 1000 };
}

/** One packet over HTTP; errors are collected, not thrown, so one bad answer does not hide the rest. */
async function requestPacket(url: string, cookie: string, code: string, applicationNo: string, errors: string[], decisions: Map<string, number>) {
  const res = await fetch(`${url}/api/registration-packets`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ parcelCode: code, registrationType: REGISTRATION_TYPE, applicationNo, purpose: '基准测试 (benchmark)' }),
  });
  const body = await res.json();
  if (res.status !== 201) errors.push(`${code}: ${res.status} ${body.code} ${body.message}`);
  else decisions.set(body.decision, (decisions.get(body.decision) ?? 0) + 1);
}

/**
 * The lookups createPacket makes for a parcel with only an accepted land-supply boundary, in the same order and
 * overlap: parcel, its results (visibility null: sees all), then the boundary's geometry and 界址点 and the last
 * packet's boundary together. Nothing is written.
 */
async function lookupSet(pool: pg.Pool, code: string): Promise<void> {
  const parcel = await pool.query(sql('parcel-by-code'), [code]);
  if (!parcel.rows[0]) throw new Error(`baseline: no parcel ${code}`);
  const results = await pool.query(sql('survey-results-by-parcel'), [code, null, null]);
  const boundary = results.rows.filter((r) => r.status === 'accepted' && r.has_geometry).at(-1);
  if (!boundary) throw new Error(`baseline: parcel ${code} has no accepted boundary`);
  await Promise.all([
    pool.query(sql('survey-geometry'), [code, boundary.id]),
    pool.query(sql('boundary-points-by-survey'), [code, boundary.id]),
    pool.query(sql('last-packet-boundary'), [code]),
  ]);
}

export async function run(): Promise<string[][]> {
  const database = await openBenchDatabase('onesurvey_packets');
  try {
    const hub = await startHub(loadConfig({ DATABASE_URL: database.url, PORT: '0', DEMO: '0', RATE_LIMIT: '0', ADMIN_PASSWORD }), (line) => console.error(`  [hub] ${line}`));
    try {
      return await measure(hub, database.url);
    } finally {
      await hub.stop();
    }
  } finally {
    await database.drop();
  }
}

async function measure(hub: RunningHub, databaseUrl: string): Promise<string[][]> {
  const cookie = await logIn(hub.url, 'admin', ADMIN_PASSWORD);
  console.error(`  generating ${PARCELS} parcels (${Math.ceil(PARCELS / PLOTS_PER_FILE)} imports of ≤ ${PLOTS_PER_FILE} plots)…`);
  const generatedS = await generateParcels(hub, cookie);
  await hub.db.pool.query('ANALYZE');
  const rand = random(SEED);
  const codes = Array.from({ length: REQUESTS }, () => parcelCode(Math.floor(rand() * PARCELS)));

  console.error(`  ${REQUESTS} packet requests, ${CONCURRENCY} at a time…`);
  const errors: string[] = [];
  const decisions = new Map<string, number>();
  const tag = `BENCH-${process.pid}`;
  await bounded(Math.min(100, REQUESTS), (i) => requestPacket(hub.url, cookie, parcelCode(PARCELS - 1 - i), `${tag}-warm-${i}`, errors, new Map()));
  const packets = await bounded(REQUESTS, (i) => requestPacket(hub.url, cookie, codes[i], `${tag}-${i}`, errors, decisions));
  if (errors.length) {
    for (const e of errors.slice(0, 10)) console.error(`  error: ${e}`);
    throw new Error(`packets FAILED: ${errors.length} of ${REQUESTS} requests were not answered 201`);
  }

  console.error(`  baseline: the same parcels' lookup sets as raw SQL, ${CONCURRENCY} pg connections…`);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY });
  let sets: Awaited<ReturnType<typeof bounded>>;
  try {
    await bounded(Math.min(100, REQUESTS), (i) => lookupSet(pool, parcelCode(PARCELS - 1 - i)));
    sets = await bounded(REQUESTS, (i) => lookupSet(pool, codes[i]));
  } finally {
    await pool.end();
  }
  return rows(hub.db.engine, generatedS, packets, sets, decisions);
}

function rows(engine: string, generatedS: number | null, packets: { sorted: number[]; seconds: number }, sets: { sorted: number[]; seconds: number }, decisions: Map<string, number>): string[][] {
  const p = (s: number[], q: number) => percentile(s, q);
  const compared = `POST /api/registration-packets (reads + packet and audit insert in one transaction) ÷ its 5 lookups as raw SQL (no writes)`;
  const rate = (r: { sorted: number[]; seconds: number }) => r.sorted.length / r.seconds;
  const decided = [...decisions].map(([d, n]) => `${d} ${n}`).join(', ');
  return [
    ['packets', `${engine}: ${PARCELS} generated parcels — ${Math.ceil(PARCELS / PLOTS_PER_FILE)} × POST /api/imports, then accepted by one SQL UPDATE (review path not measured)`,
      generatedS === null ? 'reused from an earlier run' : `${generatedS.toFixed(0)} s (${(PARCELS / generatedS).toFixed(0)} parcels/s)`, '—', '—'],
    ['packets', `p50 latency, ${REQUESTS} random parcels, ${CONCURRENCY} in flight: ${compared}`, ms(p(packets.sorted, 0.5)), ms(p(sets.sorted, 0.5)), (p(packets.sorted, 0.5) / p(sets.sorted, 0.5)).toFixed(2)],
    ['packets', `p99 latency, same: ${compared}`, ms(p(packets.sorted, 0.99)), ms(p(sets.sorted, 0.99)), (p(packets.sorted, 0.99) / p(sets.sorted, 0.99)).toFixed(2)],
    ['packets', 'mean latency, same', ms(mean(packets.sorted)), ms(mean(sets.sorted)), (mean(packets.sorted) / mean(sets.sorted)).toFixed(2)],
    ['packets', `throughput: packets/s ÷ lookup sets/s (decisions: ${decided})`, `${rate(packets).toFixed(0)} req/s`, `${rate(sets).toFixed(0)} sets/s`, (rate(packets) / rate(sets)).toFixed(3)],
  ];
}
