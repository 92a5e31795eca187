// The map's request paths on the generated city: features by bbox (200 m, 500 m, the whole city — answered as grid
// counts) against the same SQL through a plain pg client, and the bytes of the map's first load, compressed vs not.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { RunningHub } from '../server/hub';
import { sql } from '../server/db/sql-files';
import { MAX_FEATURES } from '../server/services/map.service';
import { percentile } from './bench-support';
import { bounded, CENTRE, random, type City } from './city-fixture';

const GRID_CELLS = 64;
const ms = (v: number) => `${v.toFixed(2)} ms`;

/** EPSG:4526 metres east/north of the city centre → EPSG:4490 lon/lat, by PostGIS. */
async function lonLat(pool: pg.Pool, east: number, north: number): Promise<[number, number]> {
  const { rows } = await pool.query('SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4526), 4490) p', [CENTRE.east + east, CENTRE.north + north]);
  return [rows[0].lon, rows[0].lat];
}

/** A box of `side` m at (east, north) m from the centre, as minLon,minLat,maxLon,maxLat. */
async function box(pool: pg.Pool, east: number, north: number, side: number): Promise<number[]> {
  const [a, b] = await Promise.all([lonLat(pool, east - side / 2, north - side / 2), lonLat(pool, east + side / 2, north + side / 2)]);
  return [a[0], a[1], b[0], b[1]];
}

/** A GET whose body is counted as it travels (not decompressed): bytes on the wire and the encoding. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; encoding: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks).length, encoding: String(res.headers['content-encoding'] ?? 'identity'), body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** The requests of the map's first load (page, its assets, session, the fit's parcel list, one features box): bytes. */
async function firstLoadBytes(hub: RunningHub, cookie: string, encoding: string): Promise<{ bytes: number; requests: number }> {
  const index = path.resolve(__dirname, '../web/dist/index.html');
  const html = fs.existsSync(index) ? fs.readFileSync(index, 'utf8') : '';
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  const get = (p: string) => rawGet(`${hub.url}${p}`, { cookie, 'accept-encoding': encoding });
  let bytes = 0;
  const paths = ['/', ...assets, '/api/session', '/api/parcels?q=&limit=500'];
  for (const p of paths) bytes += (await get(p)).bytes;
  // The web app fits the view to the parcels listed, then loads that one box.
  const listed = await rawGet(`${hub.url}/api/parcels?q=&limit=500`, { cookie });
  const boxes = JSON.parse(listed.body.toString()).items.map((p: { bbox4490: number[] }) => p.bbox4490).filter(Boolean);
  const extent = [Math.min(...boxes.map((b: number[]) => b[0])), Math.min(...boxes.map((b: number[]) => b[1])), Math.max(...boxes.map((b: number[]) => b[2])), Math.max(...boxes.map((b: number[]) => b[3]))];
  bytes += (await get(`/api/map/features?bbox=${extent.map((v) => v.toFixed(6)).join(',')}`)).bytes;
  return { bytes, requests: paths.length + 1 };
}

/** Rows: p50/p99 of each box size through the hub and through pg; first-load bytes, brotli vs identity. */
export async function measureMap(hub: RunningHub, databaseUrl: string, cookie: string, city: City, requests: number): Promise<string[][]> {
  const half = (city.columns * 10) / 2;
  const rand = random(7);
  const sizes: [string, number][] = [['200 m', 200], ['500 m', 500]];
  const cases: { label: string; boxes: number[][] }[] = [];
  for (const [label, side] of sizes) {
    const boxes = [];
    for (let i = 0; i < requests; i++) boxes.push(await box(hub.db.pool, (rand() * 2 - 1) * (half - side / 2), (rand() * 2 - 1) * (half - side / 2), side));
    cases.push({ label, boxes });
  }
  const city4490 = await box(hub.db.pool, 0, 0, city.columns * 10 * 1.05);
  cases.push({ label: `city (${(city.columns * 10 / 1000).toFixed(1)} km square)`, boxes: Array.from({ length: Math.max(10, Math.floor(requests / 4)) }, () => city4490) });

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const rows: string[][] = [];
  try {
    for (const c of cases) {
      const q = (b: number[]) => b.map((v) => v.toFixed(6)).join(',');
      let answered = '';
      const viaHub = await bounded(c.boxes.length, 1, async (i) => {
        const res = await fetch(`${hub.url}/api/map/features?bbox=${q(c.boxes[i])}`, { headers: { cookie, 'accept-encoding': 'br' } });
        const body = await res.json();
        if (res.status !== 200) throw new Error(`map ${c.label}: ${res.status} ${body.code} ${body.message}`);
        answered = body.aggregated ? `${body.features.length} grid cells` : `${body.features.length} features`;
      });
      const direct = await bounded(c.boxes.length, 1, async (i) => {
        await pool.query(sql('map-features'), [...q(c.boxes[i]).split(',').map(Number), null, null, null, MAX_FEATURES, GRID_CELLS, 'bench', null, [], 'local', null, null, '{"browsing":true}']);
      });
      const p = (t: { sorted: number[] }, x: number) => percentile(t.sorted, x);
      rows.push(['map', `GET /api/map/features, ${c.label} box, p50, 1 in flight (last answer: ${answered}; brotli) ÷ the same SQL (with its audit row) through pg`, ms(p(viaHub, 0.5)), ms(p(direct, 0.5)), (p(viaHub, 0.5) / p(direct, 0.5)).toFixed(2)]);
      rows.push(['map', `same, p99`, ms(p(viaHub, 0.99)), ms(p(direct, 0.99)), (p(viaHub, 0.99) / p(direct, 0.99)).toFixed(2)]);
    }
  } finally {
    await pool.end();
  }
  const compressed = await firstLoadBytes(hub, cookie, 'br, gzip');
  const plain = await firstLoadBytes(hub, cookie, 'identity');
  rows.push(['map', `first load of the map: ${compressed.requests} requests (page, assets, session, the fit's parcel list, one features box), bytes on the wire with brotli/gzip ÷ uncompressed`,
    `${(compressed.bytes / 1024).toFixed(0)} kB`, `${(plain.bytes / 1024).toFixed(0)} kB`, (compressed.bytes / plain.bytes).toFixed(3)]);
  return rows;
}
