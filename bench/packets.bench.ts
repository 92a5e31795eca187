// The request paths at PACKET_PARCELS (100 000; 20 000 with --quick) generated parcels with accepted boundaries, on the
// PostgreSQL server, each figure beside a baseline of the same run: POST /api/registration-packets at 1 and 8 in flight
// and GET /api/parcels/{code} at 8 against their lookups as raw SQL; the map (map-paths.ts); then the same packets and
// parcel reads on the embedded engine with as many parcels, as a ratio to the server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startHub, type RunningHub } from '../server/hub';
import { loadConfig } from '../server/config';
import { sql } from '../server/db/sql-files';
import { logIn, openBenchDatabase, percentile } from './bench-support';
import { bounded, City, random, type Timed } from './city-fixture';
import { measureMap } from './map-paths';

const QUICK = process.env.BENCH_QUICK === '1';
const PARCELS = Number(process.env.PACKET_PARCELS ?? (QUICK ? 20_000 : 100_000));
const REQUESTS = Number(process.env.PACKET_REQUESTS ?? (QUICK ? 400 : 2_000));
/** Requests (or lookup sets) in flight at once, for the hub and the baseline alike. */
const CONCURRENCY = 8;
const SEED = 20_250_115;
/** The largest city the embedded engine is measured with. */
const EMBEDDED_MAX = 100_000;
const ADMIN_PASSWORD = 'bench-admin-password';
const REGISTRATION_TYPE = '国有建设用地使用权首次登记';

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
const ms = (v: number) => `${v.toFixed(2)} ms`;
const log = (line: string) => console.error(`  ${line}`);

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

/** GET /api/parcels/{code}: the parcel read the registry desk makes most. */
async function readParcel(url: string, cookie: string, code: string, errors: string[]) {
  const res = await fetch(`${url}/api/parcels/${code}`, { headers: { cookie } });
  const body = await res.json();
  if (res.status !== 200) errors.push(`${code}: ${res.status} ${body.code} ${body.message}`);
}

/**
 * The lookups a packet made before issue 11, for a parcel with only an accepted land-supply boundary, in the same
 * order and overlap: parcel, its results, then the boundary's geometry and 界址点 and the last packet's boundary.
 * Nothing is written.
 */
async function packetLookups(pool: pg.Pool, code: string): Promise<void> {
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

/** The lookups of a parcel read, as getParcel makes them (nothing written). */
async function parcelLookups(pool: pg.Pool, code: string): Promise<void> {
  await pool.query(sql('parcel-by-code'), [code]);
  const [, results] = await Promise.all([
    pool.query(sql('units-by-parcel'), [code, null]), pool.query(sql('survey-results-by-parcel'), [code, null, null]),
    pool.query(sql('parcel-lineage-of'), [code]), pool.query(sql('parcel-retirements'), [[code]]),
  ]);
  const boundary = results.rows.filter((r) => r.status === 'accepted' && r.has_geometry).at(-1);
  await Promise.all([pool.query(sql('survey-geometry'), [code, boundary.id]), pool.query(sql('boundary-points-by-survey'), [code, boundary.id])]);
}

interface Measured { packets1: Timed; packets8: Timed; reads8: Timed; decisions: Map<string, number> }

/** Packets at 1 and 8 in flight, parcel reads at 8, through the hub. */
async function measureHub(hub: RunningHub, cookie: string, city: City, tag: string): Promise<Measured> {
  const rand = random(SEED);
  const codes = Array.from({ length: REQUESTS }, () => city.code(Math.floor(rand() * city.parcels)));
  const errors: string[] = [];
  const decisions = new Map<string, number>();
  await bounded(Math.min(100, REQUESTS), CONCURRENCY, (i) => requestPacket(hub.url, cookie, city.code(city.parcels - 1 - i), `${tag}-warm-${i}`, errors, new Map()));
  const packets1 = await bounded(Math.floor(REQUESTS / 4), 1, (i) => requestPacket(hub.url, cookie, codes[i], `${tag}-one-${i}`, errors, decisions));
  const packets8 = await bounded(REQUESTS, CONCURRENCY, (i) => requestPacket(hub.url, cookie, codes[i], `${tag}-${i}`, errors, decisions));
  const reads8 = await bounded(REQUESTS, CONCURRENCY, (i) => readParcel(hub.url, cookie, codes[i], errors));
  if (errors.length) {
    for (const e of errors.slice(0, 10)) log(`error: ${e}`);
    throw new Error(`request paths FAILED: ${errors.length} requests were not answered 201/200`);
  }
  return { packets1, packets8, reads8, decisions };
}

/** The same parcels' lookups as raw SQL through pg clients: packets at 1 and 8, parcel reads at 8. */
async function measureBaseline(databaseUrl: string, city: City) {
  const rand = random(SEED);
  const codes = Array.from({ length: REQUESTS }, () => city.code(Math.floor(rand() * city.parcels)));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY });
  try {
    await bounded(Math.min(100, REQUESTS), CONCURRENCY, (i) => packetLookups(pool, city.code(city.parcels - 1 - i)));
    const packets1 = await bounded(Math.floor(REQUESTS / 4), 1, (i) => packetLookups(pool, codes[i]));
    const packets8 = await bounded(REQUESTS, CONCURRENCY, (i) => packetLookups(pool, codes[i]));
    const reads8 = await bounded(REQUESTS, CONCURRENCY, (i) => parcelLookups(pool, codes[i]));
    return { packets1, packets8, reads8 };
  } finally {
    await pool.end();
  }
}

export async function run(): Promise<string[][]> {
  const city = new City(PARCELS);
  const database = await openBenchDatabase('onesurvey_packets');
  let server: { rows: string[][]; measured: Measured };
  try {
    const hub = await startHub(loadConfig({ DATABASE_URL: database.url, PORT: '0', DEMO: '0', RATE_LIMIT: '0', ADMIN_PASSWORD }), (line) => log(`[hub] ${line}`));
    try {
      const cookie = await logIn(hub.url, 'admin', ADMIN_PASSWORD);
      log(`server: generating ${PARCELS} parcels…`);
      const generatedS = await city.generate(hub, cookie, log, database.url);
      log(`server: ${REQUESTS} packets and parcel reads…`);
      const measured = await measureHub(hub, cookie, city, `BENCH-${process.pid}`);
      const baseline = await measureBaseline(database.url, city);
      log('server: map boxes and first load…');
      const map = await measureMap(hub, database.url, cookie, city, QUICK ? 50 : 200);
      server = { rows: [...serverRows(generatedS, measured, baseline), ...map], measured };
    } finally {
      await hub.stop();
    }
  } finally {
    await database.drop();
  }
  if (process.env.BENCH_SKIP_EMBEDDED === '1') return server.rows;
  // The embedded engine at most at 100 000 parcels (the deployments it suits): a larger server city is compared with it as it is.
  return [...server.rows, ...(await embeddedRows(PARCELS > EMBEDDED_MAX ? new City(EMBEDDED_MAX) : city, server.measured))];
}

/** The same packets and parcel reads on the embedded engine (a fresh data folder, the same city), as a ratio to the server. */
async function embeddedRows(city: City, onServer: Measured): Promise<string[][]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onesurvey-bench-embedded-'));
  try {
    const hub = await startHub(loadConfig({ DATA_DIR: dataDir, PORT: '0', DEMO: '0', RATE_LIMIT: '0', ADMIN_PASSWORD }), (line) => log(`[embedded hub] ${line}`));
    try {
      const cookie = await logIn(hub.url, 'admin', ADMIN_PASSWORD);
      log(`embedded: generating ${PARCELS} parcels…`);
      await city.generate(hub, cookie, log);
      const m = await measureHub(hub, cookie, city, `BENCH-E-${process.pid}`);
      const p = (t: Timed, q: number) => percentile(t.sorted, q);
      const cities = city.parcels === PARCELS ? 'same city' : `${city.parcels} parcels ÷ the server's ${PARCELS}`;
      const row = (what: string, e: Timed, s: Timed, q: number) => ['embedded', `${what}, ${q === 0.5 ? 'p50' : 'p99'}: embedded engine ÷ the server (${cities}, same run)`, ms(p(e, q)), ms(p(s, q)), (p(e, q) / p(s, q)).toFixed(2)];
      return [
        row(`packets, 1 in flight`, m.packets1, onServer.packets1, 0.5),
        row(`packets, ${CONCURRENCY} in flight`, m.packets8, onServer.packets8, 0.5),
        row(`packets, ${CONCURRENCY} in flight`, m.packets8, onServer.packets8, 0.99),
        row(`parcel read, ${CONCURRENCY} in flight`, m.reads8, onServer.reads8, 0.5),
        row(`parcel read, ${CONCURRENCY} in flight`, m.reads8, onServer.reads8, 0.99),
      ];
    } finally {
      await hub.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function serverRows(generatedS: number | null, hub: Measured, raw: Awaited<ReturnType<typeof measureBaseline>>): string[][] {
  const p = (t: Timed, q: number) => percentile(t.sorted, q);
  const decided = [...hub.decisions].map(([d, n]) => `${d} ${n}`).join(', ');
  const vs = (label: string, h: Timed, b: Timed, q: number) => ['packets', label, ms(p(h, q)), ms(p(b, q)), (p(h, q) / p(b, q)).toFixed(2)];
  const packet = 'POST /api/registration-packets (read, decide, packet + audit in one statement)';
  const lookups = 'its pre-issue-11 lookups as raw SQL (no writes)';
  return [
    ['packets', `server: ${PARCELS} generated parcels — POST /api/imports of 20 000 plots each, accepted by one SQL UPDATE`,
      generatedS === null ? 'reused from an earlier run' : `${generatedS.toFixed(0)} s (${(PARCELS / generatedS).toFixed(0)} parcels/s)`, '—', '—'],
    vs(`p50, 1 in flight: ${packet} ÷ ${lookups}`, hub.packets1, raw.packets1, 0.5),
    vs('p99, 1 in flight, same', hub.packets1, raw.packets1, 0.99),
    vs(`p50, ${CONCURRENCY} in flight, same`, hub.packets8, raw.packets8, 0.5),
    vs(`p99, ${CONCURRENCY} in flight, same (decisions: ${decided})`, hub.packets8, raw.packets8, 0.99),
    ['packets', `mean, ${CONCURRENCY} in flight, same`, ms(mean(hub.packets8.sorted)), ms(mean(raw.packets8.sorted)), (mean(hub.packets8.sorted) / mean(raw.packets8.sorted)).toFixed(2)],
    vs(`p50, ${CONCURRENCY} in flight: GET /api/parcels/{code} (one read + its audit row) ÷ its pre-issue-11 lookups as raw SQL`, hub.reads8, raw.reads8, 0.5),
    vs(`p99, ${CONCURRENCY} in flight, same`, hub.reads8, raw.reads8, 0.99),
  ];
}
