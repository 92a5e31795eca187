// OGC API on a PostgreSQL server with OGC_PARCELS (100 000) accepted parcels in a 12.6 km square near 焦作:
// items with a bbox of about 1 000 features vs the same SQL through a plain pg client, a cold z14 tile over the
// densest area vs the raw ST_AsMVT SQL, and cached tile throughput (tiles/s).
import pg from 'pg';
import { startHub } from '../server/hub';
import { loadConfig } from '../server/config';
import { sql } from '../server/db/sql-files';
import { logIn, openBenchDatabase, percentile } from './bench-support';

const PARCELS = Math.min(Number(process.env.OGC_PARCELS ?? 100_000), 100_000);
const ADMIN_PASSWORD = 'bench-admin-password';
const REPEAT = 20;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 0.5);

/** PARCELS 30 m squares on a 40 m grid (EPSG:4526), each one accepted 权籍调查 that establishes its boundary. */
async function seed(pool: pg.Pool): Promise<void> {
  const side = Math.ceil(Math.sqrt(PARCELS));
  await pool.query(`INSERT INTO parcel (parcel_code, location) SELECT '410802' || lpad((i / 90000 + 1)::text, 3, '0') || lpad((i / 90000 % 999 + 1)::text, 3, '0') || 'GB' || lpad((i % 90000 + 1)::text, 5, '0'), 'bench ' || i
    FROM generate_series(0, $1 - 1) i`, [PARCELS]);
  await pool.query(`INSERT INTO survey_result (parcel_code, stage, kind, organisation, surveyed_on, srid, precision_class, source_sha256, geom, geom_4490, plane_area_m2, status, reviewer, reviewed_at, boundary_role)
    SELECT p.parcel_code, 'land_supply', '权籍调查', 'bench', '2025-01-01', 4526, 1, repeat('0', 64), g.geom, ST_Transform(g.geom, 4490), 900, 'accepted', 'bench', now(), 'establishes'
    FROM (SELECT parcel_code, row_number() OVER (ORDER BY parcel_code) - 1 AS i FROM parcel) p
    CROSS JOIN LATERAL (SELECT ST_MakeEnvelope(38430000 + (p.i % $1) * 40, 3899000 + (p.i / $1) * 40, 38430000 + (p.i % $1) * 40 + 30, 3899000 + (p.i / $1) * 40 + 30, 4526) AS geom) g`, [side]);
  await pool.query('ANALYZE');
}

export async function run(): Promise<string[][]> {
  const database = await openBenchDatabase('onesurvey_bench_ogc');
  const rows: string[][] = [];
  try {
    const hub = await startHub(loadConfig({ DATABASE_URL: database.url, PORT: '0', DEMO: '0', RATE_LIMIT: '0', ADMIN_PASSWORD }), (line) => console.error(`  [hub] ${line}`));
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    try {
      console.error(`  seeding ${PARCELS} parcels…`);
      await seed(pool);
      const cookie = await logIn(hub.url, 'admin', ADMIN_PASSWORD);
      const get = async (path: string) => {
        const res = await fetch(`${hub.url}${path}`, { headers: { cookie } });
        const body = new Uint8Array(await res.arrayBuffer());
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${Buffer.from(body).toString()}`);
        return body;
      };
      // The densest area: the grid's south-west corner, 32 × 32 parcels ≈ 1 000 features.
      const { rows: [c] } = await pool.query("SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1 FROM (SELECT ST_Transform(ST_MakeEnvelope(38430000, 3899000, 38431270, 3900270, 4526), 4490) AS e) s");
      const bbox = [c.x0, c.y0, c.x1, c.y1];
      const items = `/ogc/collections/parcels/items?limit=1000&bbox=${bbox.join(',')}`;
      const n = JSON.parse(Buffer.from(await get(items)).toString()).numberReturned;
      const hubMs = [] as number[], sqlMs = [] as number[];
      for (let i = 0; i < REPEAT; i++) {
        let t0 = process.hrtime.bigint();
        await get(items);
        hubMs.push(ms(t0));
        t0 = process.hrtime.bigint();
        await pool.query(sql('ogc-parcels'), [...bbox, null, 4490, false, null, 1001, null, null, null, null, null]);
        sqlMs.push(ms(t0));
      }
      rows.push(['ogc', `items, bbox of ${n} features (${PARCELS} parcels)`, `${median(hubMs).toFixed(1)} ms`, `${median(sqlMs).toFixed(1)} ms`, (median(hubMs) / median(sqlMs)).toFixed(2)]);

      // z14 tiles over the dense corner: each requested once (cold, encoded by ST_AsMVT through the hub) vs raw SQL.
      const lon = (c.x0 + c.x1) / 2, lat = (c.y0 + c.y1) / 2, z = 14, nTiles = 2 ** z;
      const tx = Math.floor(((lon + 180) / 360) * nTiles);
      const ty = Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * nTiles);
      const tiles = [-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy) => [z, tx + dx, ty + dy]));
      const coldMs = [] as number[], rawMs = [] as number[];
      const mvtSql = `WITH t AS MATERIALIZED (SELECT r.parcel_code, ST_AsMVTGeom(ST_Transform(r.geom_4490, 3857), ST_TileEnvelope($1, $2, $3), 4096, 64, true) AS geom
        FROM survey_result r WHERE r.geom_4490 && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 0.015625), 4490)) SELECT ST_AsMVT(t.*, 'parcels', 4096, 'geom') FROM t`;
      for (const [tz, x, y] of tiles) {
        let t0 = process.hrtime.bigint();
        await get(`/ogc/collections/parcels/tiles/WebMercatorQuad/${tz}/${x}/${y}`);
        coldMs.push(ms(t0));
        t0 = process.hrtime.bigint();
        await pool.query(mvtSql, [tz, x, y]);
        rawMs.push(ms(t0));
      }
      rows.push(['ogc', `z14 tile, dense area, cold (${tiles.length} tiles)`, `${median(coldMs).toFixed(1)} ms`, `${median(rawMs).toFixed(1)} ms (raw ST_AsMVT)`, (median(coldMs) / median(rawMs)).toFixed(2)]);

      // Cached tiles: the same 9 tiles again and again for 5 s, 4 at a time (ETag checked against the database each time).
      let served = 0;
      const until = Date.now() + 5_000;
      await Promise.all(Array.from({ length: 4 }, async (_, k) => {
        for (let i = k; Date.now() < until; i++) {
          const [tz, x, y] = tiles[i % tiles.length];
          await get(`/ogc/collections/parcels/tiles/WebMercatorQuad/${tz}/${x}/${y}`);
          served++;
        }
      }));
      rows.push(['ogc', 'cached z14 tiles, 4 clients', `${(served / 5).toFixed(0)} tiles/s`, '—', '—']);
    } finally {
      await pool.end();
      await hub.stop();
    }
  } finally {
    await database.drop();
  }
  return rows;
}
