// npm run bench -- city [--parcels N | --quick]: the city-scale data paths on the PostgreSQL server, each figure next to
// plain SQL doing the same work in the same run — generate N parcels, accept their results (through the guards vs an
// untriggered copy), the staged legacy bulk load (vs psql \copy of the same results and 界址点 into tables of the same
// shape and indexes, without checks, triggers or foreign keys), and
// search by 坐落, code prefix and small box (vs the same query sent directly). Results go to bench/results/*.json.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startHub } from '../server/hub';
import { loadConfig } from '../server/config';
import { migrate } from '../server/db/migrate';
import { sql } from '../server/db/sql-files';
import { ensureTrigramSearch } from '../server/db/search-indexes';
import { generateCity } from '../server/city/generate-city';
import { logIn, openBenchDatabase, percentile } from './bench-support';

const BENCH_PASSWORD = 'bench-admin-password';
/** This machine has 2 cores shared with others: larger cities only with BENCH_ALLOW_LARGE=1 on a machine of their own. */
const MAX_PARCELS = 100_000;

function options(argv: string[]): { parcels: number; legacyPlots: number } {
  const at = argv.indexOf('--parcels');
  const parcels = argv.includes('--quick') ? 20_000 : at >= 0 ? Number(argv[at + 1]) : 100_000;
  if (!Number.isInteger(parcels) || parcels < 1000) throw new Error(`--parcels must be a whole number ≥ 1000, not ${argv[at + 1]}`);
  if (parcels > MAX_PARCELS && process.env.BENCH_ALLOW_LARGE !== '1') throw new Error(`--parcels ${parcels} is above ${MAX_PARCELS}: set BENCH_ALLOW_LARGE=1 on a machine of its own`);
  return { parcels, legacyPlots: Math.min(parcels, 100_000) };
}

const seconds = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const value = await work();
  return [value, (performance.now() - t) / 1000];
};

/**
 * A legacy exchange TXT of `n` 40 × 30 m plots edge to edge (武陟县 codes, 地籍区 007; placed south of the outlines, where
 * the generated city never is), and the same content as two CSV files for \copy: the results (one per plot) and their
 * 界址点. Written to temporary files 10 000 plots at a time (a 100 MB file is never held as lines); their paths.
 */
export function legacyFiles(n: number): { txtPath: string; resultsCsv: string; pointsCsv: string } {
  const file = (name: string) => path.join(os.tmpdir(), `bench-city-${process.pid}-${name}`);
  const [txtPath, resultsCsv, pointsCsv] = [file('legacy.txt'), file('results.csv'), file('points.csv')];
  const [txt, results, points] = [txtPath, resultsCsv, pointsCsv].map((f) => fs.openSync(f, 'w'));
  fs.writeSync(txt, ['[属性描述]', '坐标系=2000国家大地坐标系', '几度分带=3', '带号=38', '[地块坐标]', ''].join('\r\n'));
  for (let from = 0; from < n; from += 10_000) {
    const lines: string[] = [], resultRows: string[] = [], pointRows: string[] = [];
    for (let i = from; i < Math.min(n, from + 10_000); i++) {
      const e = 38_445_000 + (i % 500) * 40, nn = 3_850_000 + Math.floor(i / 500) * 30; // south of every county outline: clear of the generated city
      const code = `410823007${String(Math.floor(i / 10_000) + 1).padStart(3, '0')}GB${String((i % 10_000) + 1).padStart(5, '0')}`;
      const corners = [[nn, e], [nn, e + 40], [nn + 30, e + 40], [nn + 30, e], [nn, e]];
      lines.push(`5,0.1200,${code},宗地,面,,住宅用地,0701,@`);
      corners.forEach(([x, y], j) => lines.push(`J${(j % 4) + 1},1,${x.toFixed(3)},${y.toFixed(3)}`));
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      resultRows.push(`${code},${id},legacy,勘测定界,基准测试,2012-06-30,4526,1,${'0'.repeat(64)},"SRID=4526;POLYGON((${corners.map(([x, y]) => `${y} ${x}`).join(',')}))",1200,1200`);
      corners.slice(0, 4).forEach(([x, y], j) => pointRows.push(`${code},${id},1,1,${j + 1},J${j + 1},${x.toFixed(3)},${y.toFixed(3)}`));
    }
    fs.writeSync(txt, lines.join('\r\n') + '\r\n');
    fs.writeSync(results, resultRows.join('\n') + '\n');
    fs.writeSync(points, pointRows.join('\n') + '\n');
  }
  [txt, results, points].forEach((fd) => fs.closeSync(fd));
  return { txtPath, resultsCsv, pointsCsv };
}

/**
 * The baseline of a bulk load: psql \copy of the same results and 界址点 into tables shaped like survey_result and
 * boundary_point with their indexes (LIKE … INCLUDING ALL), without the hub's checks, triggers or foreign keys. Seconds.
 */
export async function rawCopy(pool: pg.Pool, url: string, resultsCsv: string, pointsCsv: string): Promise<number> {
  await pool.query('CREATE TABLE bench_copy_result (LIKE survey_result INCLUDING ALL)');
  await pool.query('CREATE TABLE bench_copy_point (LIKE boundary_point INCLUDING ALL)');
  const started = performance.now();
  execFileSync('psql', [url, '-q', '-c', `\\copy bench_copy_result (parcel_code, id, stage, kind, organisation, surveyed_on, srid, precision_class, source_sha256, geom, plane_area_m2, declared_area_m2) FROM '${resultsCsv}' CSV`]);
  execFileSync('psql', [url, '-q', '-c', `\\copy bench_copy_point (parcel_code, survey_id, part_no, ring_no, seq, point_no, x_north, y_east) FROM '${pointsCsv}' CSV`]);
  const copyS = (performance.now() - started) / 1000;
  for (const file of [resultsCsv, pointsCsv]) fs.rmSync(file, { force: true });
  return copyS;
}

export async function upload(url: string, cookie: string, bytes: Uint8Array): Promise<any> {
  const form = new FormData();
  for (const [k, v] of Object.entries({ stage: 'legacy', kind: '勘测定界', organisation: '基准测试', surveyedOn: '2012-06-30', precisionClass: '1' })) form.append(k, v);
  form.append('file', new Blob([Buffer.from(bytes)]), 'legacy-bench.txt');
  const res = await fetch(`${url}/api/imports?staged=1`, { method: 'POST', body: form, headers: { cookie } });
  const body = await res.json();
  if (res.status !== 201) throw new Error(`staged import answered ${res.status}: ${body.message}`);
  return body;
}

/** p50 of `runs` calls, ms. */
async function p50(runs: number, call: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await seconds(() => call(i)))[1] * 1000);
  return percentile(times.sort((a, b) => a - b), 0.5);
}

export async function run(argv: string[] = process.argv.slice(2)): Promise<string[][]> {
  const { parcels, legacyPlots } = options(argv);
  const db = await openBenchDatabase('bench_city');
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const rows: string[][] = [];
  const figures: Record<string, unknown>[] = [];
  const add = (what: string, hub: number, base: number, unit: string, ratio: number) => {
    rows.push(['city', what, `${hub.toFixed(unit === 'ms' ? 2 : 0)} ${unit}`, `${base.toFixed(unit === 'ms' ? 2 : 0)} ${unit}`, ratio.toFixed(3)]);
    figures.push({ what, hub, baseline: base, unit, ratio });
  };
  try {
    await migrate(pool, () => undefined);
    await ensureTrigramSearch(pool);
    console.error(`city: generating ${parcels} parcels…`);
    const city = await generateCity(pool, parcels, (l) => console.error(l));
    // Baseline of generate: the same number of rows of bare geometry written by INSERT … SELECT, no checks or guards.
    const [, bareS] = await seconds(() => pool.query(`CREATE TABLE bench_bare AS SELECT parcel_code, id, geom, geom_4490 FROM survey_result`));
    add(`generate ${parcels} parcels (${city.results} results, ${city.boundaryPoints} 界址点): rows/s`, city.results / city.seconds, city.results / bareS, 'rows/s', bareS / city.seconds);
    // Accept: the generator's UPDATE through survey_result_guard vs the same UPDATE on an untriggered copy.
    await pool.query("CREATE TABLE bench_accept AS SELECT * FROM survey_result WHERE status = 'accepted'");
    const [, plainAcceptS] = await seconds(() => pool.query("UPDATE bench_accept SET status = 'accepted', reviewer = 'bench', reviewed_at = reviewed_at + interval '1 second', boundary_role = boundary_role"));
    add(`accept ${city.accepted} results (guards, FK, 0006): results/s`, city.accepted / city.steps.accept, city.accepted / plainAcceptS, 'results/s', plainAcceptS / city.steps.accept);

    const hub = await startHub(loadConfig({ DATABASE_URL: db.url, PORT: '0', DEMO: '0', RATE_LIMIT: '0', ADMIN_PASSWORD: BENCH_PASSWORD }), () => undefined);
    try {
      const cookie = await logIn(hub.url, 'admin', BENCH_PASSWORD);
      const { txtPath, resultsCsv, pointsCsv } = legacyFiles(legacyPlots);
      const txt = new Uint8Array(fs.readFileSync(txtPath));
      fs.rmSync(txtPath, { force: true });
      console.error(`city: staged legacy load of ${legacyPlots} plots (${(txt.length / 1e6).toFixed(1)} MB)…`);
      const [loaded, loadS] = await seconds(() => upload(hub.url, cookie, txt));
      const copyS = await rawCopy(pool, db.url, resultsCsv, pointsCsv);
      add(`staged legacy load ${legacyPlots} plots (check + store, ${JSON.stringify(loaded.seconds)}): plots/s`, legacyPlots / loadS, legacyPlots / copyS, 'plots/s', copyS / loadS);

      const some = (await pool.query(`SELECT p.parcel_code, p.location, ST_XMin(r.geom_4490) AS x, ST_YMin(r.geom_4490) AS y FROM parcel p
        JOIN survey_result r ON r.parcel_code = p.parcel_code AND r.boundary_role = 'establishes' WHERE substr(p.parcel_code, 7, 3) = '009'
        ORDER BY p.parcel_code LIMIT 50 OFFSET ${Math.floor(parcels / 3)}`)).rows;
      const api = (q: string) => fetch(`${hub.url}/api/parcels?${q}`, { headers: { cookie } }).then((r) => r.json());
      const direct = (file: string, params: unknown[]) => pool.query(sql(file), params);
      const text = (i: number) => some[i % some.length].location.slice(3);
      const prefix = (i: number) => some[i % some.length].parcel_code.slice(0, 17);
      const box = (i: number) => [some[i % some.length].x, some[i % some.length].y, some[i % some.length].x + 0.0022, some[i % some.length].y + 0.0018];
      add('search by 坐落 fragment, p50', await p50(50, (i) => api(`q=${encodeURIComponent(text(i))}`)), await p50(50, (i) => direct('parcels-search', [text(i), null, null, null, null, 50, 0, null, null])), 'ms', NaN);
      add('search by code prefix, p50', await p50(50, (i) => api(`q=${prefix(i)}`)), await p50(50, (i) => direct('parcels-search', [prefix(i), null, null, null, null, 50, 0, null, null])), 'ms', NaN);
      add('search a 200 m box, p50', await p50(50, (i) => api(`bbox=${box(i).join(',')}`)), await p50(50, (i) => direct('parcels-search-in-box', [null, ...box(i), 50, 0, null, null])), 'ms', NaN);
      for (const r of rows) if (r[4] === 'NaN') r[4] = (parseFloat(r[2]) / parseFloat(r[3])).toFixed(2);
      for (const f of figures) if (Number.isNaN(f.ratio)) f.ratio = (f.hub as number) / (f.baseline as number);
    } finally {
      await hub.stop();
    }
    writeResults(parcels, figures);
    return rows;
  } finally {
    await pool.end();
    await db.drop();
  }
}

function writeResults(parcels: number, figures: Record<string, unknown>[]): void {
  const dir = path.resolve(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const commit = (() => { try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: __dirname }).toString().trim(); } catch { return 'unknown'; } })();
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };
  const file = path.join(dir, `city-${parcels}-${new Date().toISOString().slice(0, 10)}.json`);
  fs.writeFileSync(file, JSON.stringify({ bench: 'city', parcels, at: new Date().toISOString(), commit, machine, engine: 'postgresql', figures }, null, 2) + '\n');
  console.error(`city: results written to ${path.relative(process.cwd(), file)}`);
}
