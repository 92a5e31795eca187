// The generated city the request-path benchmarks share: PARCELS 8 m × 8 m parcels on a 10 m grid in 孟州 (4 界址点
// each), imported through the API and accepted by one SQL statement; their codes, and boxes of the grid in EPSG:4490.
import pg from 'pg';
import type { RunningHub } from '../server/hub';
import { writeExchangeTxt } from '../server/formats/txt-exchange.format';

/** Plots per generated TXT file, i.e. per POST /api/imports (one transaction each). */
const PLOTS_PER_FILE = 20_000;
/** 孟州 (410883), 地籍区 888: the generated codes are 孟州 codes, so the plots lie there (county check within 3 km). */
const PREFIX = '410883888';
export const CENTRE = { east: 38389542, north: 3864977 };
const SIDE = 8;
const CELL = 10;

export const elapsedMs = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

export class City {
  constructor(readonly parcels: number) {}

  /** The i-th parcel's 宗地代码: 地籍子区 001, 002, … of 99 999 parcels each. */
  code(i: number): string {
    return `${PREFIX}${String(Math.floor(i / 99_999) + 1).padStart(3, '0')}GB${String((i % 99_999) + 1).padStart(5, '0')}`;
  }

  /** Grid columns (and rows): the city is a square of side columns × CELL m around CENTRE. */
  get columns(): number {
    return Math.ceil(Math.sqrt(this.parcels));
  }

  /** The i-th plot's corners (X north, Y east, m, EPSG:4526), clockwise from the north-west. */
  corners(i: number): [number, number][] {
    const e = CENTRE.east - (this.columns * CELL) / 2 + (i % this.columns) * CELL;
    const n = CENTRE.north - (this.columns * CELL) / 2 + Math.floor(i / this.columns) * CELL;
    return [[n + SIDE, e], [n + SIDE, e + SIDE], [n, e + SIDE], [n, e]];
  }

  /** An exchange TXT with the plots [from, to), each numbered with its own 宗地代码. */
  txt(from: number, to: number): Uint8Array {
    return writeExchangeTxt({
      epsg: 4526,
      header: { 数据产生单位: '基准测试', 数据产生日期: '2025-01-15' },
      plots: Array.from({ length: to - from }, (_, k) => {
        const points = this.corners(from + k).map(([x, y], j) => ({ pointNo: `J${j + 1}`, x, y }));
        return { plotNo: this.code(from + k), parts: [{ partNo: 1, rings: [{ ringNo: 1, closed: true, points }] }], declaredArea: { value: (SIDE * SIDE) / 10_000, unit: '公顷' as const, inferred: false, m2: SIDE * SIDE } };
      }),
    });
  }

  /**
   * The parcels with accepted land-supply boundaries: imported file by file, then accepted with one SQL statement and
   * analyzed (as the database's owner, `ownerUrl`, on a server). Seconds taken, or null when an earlier run on the
   * same database left them.
   */
  async generate(hub: RunningHub, cookie: string, log: (line: string) => void, ownerUrl?: string): Promise<number | null> {
    const like = `${PREFIX}%`;
    const { rows } = await hub.db.pool.query("SELECT count(*)::int AS n FROM survey_result WHERE parcel_code LIKE $1 AND status = 'accepted'", [like]);
    if (rows[0].n >= this.parcels) return null;
    if (rows[0].n > 0) throw new Error(`the database holds ${rows[0].n} generated parcels (${PREFIX}…), fewer than ${this.parcels}: use an empty BENCH_DATABASE_URL`);
    const t0 = process.hrtime.bigint();
    for (let from = 0; from < this.parcels; from += PLOTS_PER_FILE) {
      const to = Math.min(this.parcels, from + PLOTS_PER_FILE);
      await this.importFile(hub.url, cookie, from, to);
      log(`imported ${to} / ${this.parcels} parcels (${(elapsedMs(t0) / 1000).toFixed(0)} s)`);
    }
    const accepted = await hub.db.pool.query("UPDATE survey_result SET status = 'accepted', reviewer = 'bench', reviewed_at = now() WHERE status = 'submitted' AND parcel_code LIKE $1", [like]);
    if (accepted.rowCount !== this.parcels) throw new Error(`accepted ${accepted.rowCount} results, expected ${this.parcels}`);
    // As the owner: the hub serves as APP_ROLE on a server, and ANALYZE skips (with a warning only) tables it does not own.
    if (ownerUrl) {
      const owner = new pg.Client({ connectionString: ownerUrl });
      await owner.connect();
      await owner.query('ANALYZE').finally(() => owner.end());
    } else {
      await hub.db.pool.query('ANALYZE');
    }
    log(`accepted ${this.parcels} results with one SQL UPDATE (${(elapsedMs(t0) / 1000).toFixed(0)} s in all)`);
    return elapsedMs(t0) / 1000;
  }

  /** POST /api/imports of one generated file; throws unless every plot became a result. */
  private async importFile(url: string, cookie: string, from: number, to: number): Promise<void> {
    const form = new FormData();
    for (const [k, v] of Object.entries({ stage: 'land_supply', kind: '勘测定界', organisation: '基准测试', surveyedOn: '2025-01-15', precisionClass: '1' })) form.append(k, v);
    form.append('file', new Blob([Buffer.from(this.txt(from, to))]), `city-${from}.txt`);
    const res = await fetch(`${url}/api/imports`, { method: 'POST', body: form, headers: { cookie } });
    const body = await res.json();
    if (res.status !== 201) throw new Error(`import of plots ${from}–${to - 1}: ${res.status} ${body.code} ${body.message} ${body.details?.report?.findings?.[0]?.message ?? ''}`);
    if (body.results.length !== to - from) throw new Error(`import of plots ${from}–${to - 1}: ${body.results.length} results`);
  }
}

/** A small seeded generator (mulberry32), so every run asks for the same parcels. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Timed { sorted: number[]; seconds: number }

/** Runs `work(0 … count-1)` with at most `inFlight` at once; the latency of each, ms (sorted), and the seconds in all. */
export async function bounded(count: number, inFlight: number, work: (i: number) => Promise<void>): Promise<Timed> {
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
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  return { sorted: latencies.sort((a, b) => a - b), seconds: elapsedMs(t0) / 1000 };
}
