// Plans at city scale: with 100 k generated parcels on a PostgreSQL server, the map and the small-box search start
// from the spatial index, a code prefix and 坐落 text from theirs — whatever the planner's estimates. The embedded
// engine is skipped: generating 100 k parcels there takes minutes of the suite, and its planner is the same one.
import pg from 'pg';
import { migrate } from '../../server/db/migrate';
import { sql } from '../../server/db/sql-files';
import { ensureTrigramSearch } from '../../server/db/search-indexes';
import { generateCity } from '../../server/city/generate-city';
import { searchQueryFor } from '../../server/services/parcels.service';
import { ownDatabase, type OwnDatabase } from '../support/own-database';

const onServer = Boolean(process.env.TEST_DATABASE_URL);
const PARCELS = 100_000;
let own: OwnDatabase;
let pool: pg.Pool;

/** Every node type and index name of a plan (EXPLAIN, FORMAT JSON), run with the hub's session settings. */
async function planOf(query: string, params: unknown[]): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('SET jit = off; SET max_parallel_workers_per_gather = 0');
    const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${query}`, params);
    const found: string[] = [];
    const walk = (node: any) => {
      found.push(`${node['Node Type']}${node['Index Name'] ? ` ${node['Index Name']}` : ''}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}`);
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(rows[0]['QUERY PLAN'][0].Plan);
    return found;
  } finally {
    client.release();
  }
}

(onServer ? describe : describe.skip)('plans with 100 k generated parcels on the server', () => {
  let box: number[];
  let some: { parcel_code: string; location: string };
  beforeAll(async () => {
    own = await ownDatabase('cityplans');
    pool = new pg.Pool({ connectionString: own.url, max: 2 });
    await migrate(pool, () => undefined);
    await ensureTrigramSearch(pool);
    await generateCity(pool, PARCELS);
    const { rows } = await pool.query(`
      SELECT p.parcel_code, p.location, ST_XMin(r.geom_4490) AS a, ST_YMin(r.geom_4490) AS b FROM parcel p
      JOIN survey_result r ON r.parcel_code = p.parcel_code AND r.boundary_role = 'establishes' ORDER BY p.parcel_code OFFSET 54321 LIMIT 1`);
    some = rows[0];
    // A 200 m box at that parcel.
    box = [rows[0].a, rows[0].b, rows[0].a + 0.0022, rows[0].b + 0.0018];
  }, 300_000);
  afterAll(async () => {
    await pool?.end();
    await own?.drop();
  });

  it('draws a 200 m map box from the spatial index', async () => {
    // bbox, visibility (none), stage (all), 5 000 features, a 64-cell grid, the actor, application/purpose, details.
    const plan = await planOf(sql('map-features'), [...box, null, null, null, 5000, 64, 'plan-test', null, [], 'local', null, null, '{}']);
    expect(plan.some((n) => n.includes('survey_result_geom_4490_idx'))).toBe(true);
    expect(plan).not.toContain('Seq Scan on survey_result');
  });

  it('searches a 200 m box from the spatial index, not by walking the parcels', async () => {
    expect(searchQueryFor(box)).toBe('parcels-search-in-box');
    const plan = await planOf(sql('parcels-search-in-box'), [null, ...box, 50, 0, null, null]);
    expect(plan.some((n) => n.includes('survey_result_geom_4490_idx'))).toBe(true);
    expect(plan).not.toContain('Seq Scan on parcel');
    expect(plan).not.toContain('Index Scan parcel_pkey on parcel');
  });

  it('finds a code prefix through parcel_code_prefix_idx and 坐落 text through the trigram index', async () => {
    const prefix = await planOf(sql('parcels-search'), [some.parcel_code.slice(0, 17), null, null, null, null, 50, 0, null, null]);
    // A code prefix walks an index on parcel_code (the prefix index, or the key where statistics favour it) — never all parcels.
    expect(prefix.some((n) => n.includes('parcel_code_prefix_idx') || n.includes('parcel_pkey'))).toBe(true);
    expect(prefix).not.toContain('Seq Scan on parcel');
    const text = await planOf(sql('parcels-search'), [some.location.slice(3), null, null, null, null, 50, 0, null, null]);
    expect(text.some((n) => n.includes('parcel_location_trgm_idx'))).toBe(true);
    expect(text).not.toContain('Seq Scan on parcel');
  });
});
