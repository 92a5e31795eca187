// Validate + import throughput of one generated exchange TXT with 20 000 plots, against a baseline measured in
// the same run: the same polygons inserted with plain SQL (one INSERT … SELECT over WKT) into the same database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHub } from '../server/hub';
import { loadConfig } from '../server/config';
import { writeExchangeTxt } from '../server/formats/txt-exchange.format';
import { logIn } from './bench-support';

const PLOTS = Number(process.env.BENCH_PLOTS ?? 20_000);
const SIDE = 20; // m: a 20 m × 20 m plot in a 25 m cell
const CELL = 25;
// 孟州 (410883): the generated 宗地代码 are 孟州 codes, so the plots lie there (county check).
const ORIGIN = { east: 38389542 - 1750, north: 3864977 - 1750 };

/** The i-th plot: its 宗地代码 (地块编号) and its four corners (X north, Y east), clockwise from the north-west. */
function plot(i: number) {
  const columns = Math.ceil(Math.sqrt(PLOTS));
  const e = ORIGIN.east + (i % columns) * CELL, n = ORIGIN.north + Math.floor(i / columns) * CELL;
  const code = `410883001${String(Math.floor(i / 90_000) + 1).padStart(3, '0')}GB${String((i % 90_000) + 1).padStart(5, '0')}`;
  return { code, corners: [[n + SIDE, e], [n + SIDE, e + SIDE], [n, e + SIDE], [n, e]] };
}

export function generateTxt(): Uint8Array {
  return writeExchangeTxt({
    epsg: 4526,
    header: { 数据产生单位: '基准测试', 数据产生日期: '2025-01-15' },
    plots: Array.from({ length: PLOTS }, (_, i) => {
      const { code, corners } = plot(i);
      const points = corners.map(([x, y], k) => ({ pointNo: `J${k + 1}`, x, y }));
      return { plotNo: code, parts: [{ partNo: 1, rings: [{ ringNo: 1, closed: true, points }] }], declaredArea: { value: (SIDE * SIDE) / 10_000, unit: '公顷' as const, inferred: false, m2: SIDE * SIDE } };
    }),
  });
}

const wkt = (i: number) => {
  const c = plot(i).corners.map(([x, y]) => `${y} ${x}`);
  return `POLYGON((${[...c, c[0]].join(',')}))`;
};

const BENCH_PASSWORD = 'bench-admin-password';


async function post(url: string, bytes: Uint8Array, cookie: string): Promise<any> {
  const form = new FormData();
  for (const [k, v] of Object.entries({ stage: 'land_supply', kind: '勘测定界', organisation: '基准测试', surveyedOn: '2025-01-15', precisionClass: '1' })) form.append(k, v);
  form.append('file', new Blob([Buffer.from(bytes)]), 'bench.txt');
  const res = await fetch(url, { method: 'POST', body: form, headers: { cookie } });
  const body = await res.json();
  if (!res.ok && res.status !== 200) throw new Error(`${url}: ${res.status} ${body.message}`);
  if (!body.report.passed) throw new Error(`${url}: the generated file did not pass: ${body.report.findings[0]?.message}`);
  return body;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const value = await work();
  return [value, Number(process.hrtime.bigint() - t0) / 1e9];
}

export async function run(): Promise<string[][]> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const dataDir = databaseUrl ? '' : fs.mkdtempSync(path.join(os.tmpdir(), 'onesurvey-bench-'));
  const template = path.resolve(__dirname, '../.tmp/pglite-template-0.5.8');
  if (dataDir && fs.existsSync(`${template}/PG_VERSION`)) fs.cpSync(template, dataDir, { recursive: true });
  const hub = await startHub(loadConfig({ ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir }), PORT: '0', PGLITE_PORT: '0', DEMO: '0', RATE_LIMIT: '0', ADMIN_PASSWORD: BENCH_PASSWORD }), () => undefined);
  const cookie = await logIn(hub.url, 'admin', BENCH_PASSWORD);
  try {
    const bytes = generateTxt();
    const [, validateS] = await timed(() => post(`${hub.url}/api/imports?dryRun=1`, bytes, cookie));
    const [imported, importS] = await timed(() => post(`${hub.url}/api/imports`, bytes, cookie));
    if (imported.results.length !== PLOTS) throw new Error(`imported ${imported.results.length} results, expected ${PLOTS}`);
    const polygons = Array.from({ length: PLOTS }, (_, i) => wkt(i));
    const client = await hub.db.pool.connect();
    let baselineS: number;
    try {
      await client.query('CREATE TEMP TABLE bench_baseline (id serial PRIMARY KEY, geom geometry(Polygon, 4526))');
      [, baselineS] = await timed(() => client.query('INSERT INTO bench_baseline (geom) SELECT ST_GeomFromText(w, 4526) FROM unnest($1::text[]) AS w', [polygons]));
    } finally {
      client.release();
    }
    const rate = (s: number) => PLOTS / s;
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    return [
      ['import', `${hub.db.engine}: validate ${PLOTS} plots (${mb} MB TXT, dry run)`, `${rate(validateS).toFixed(0)} plots/s`, `${rate(baselineS).toFixed(0)} plots/s`, (rate(validateS) / rate(baselineS)).toFixed(3)],
      ['import', `${hub.db.engine}: validate + import ${PLOTS} plots in one transaction`, `${rate(importS).toFixed(0)} plots/s`, `${rate(baselineS).toFixed(0)} plots/s`, (rate(importS) / rate(baselineS)).toFixed(3)],
    ];
  } finally {
    await hub.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
