// npm run generate: a small synthetic city (2 000 parcels) in a database of its own, read back through the API as
// the hub reads real data: packets decide reuse, search finds parcels, the map draws them.
import pg from 'pg';
import { migrate } from '../../server/db/migrate';
import { sql } from '../../server/db/sql-files';
import { generateCity, type CitySummary } from '../../server/city/generate-city';
import { JIAOZUO_COUNTIES } from '../../server/city/city-plan';
import { parseParcelCode } from '../../server/domain/parcel-code';
import { startTestHub, type TestHub } from '../support/test-hub';
import { ownDatabase, type OwnDatabase } from '../support/own-database';

const PARCELS = 2000;
let own: OwnDatabase;
let pool: pg.Pool;
let hub: TestHub;
let city: CitySummary;

beforeAll(async () => {
  own = await ownDatabase('city');
  pool = new pg.Pool({ connectionString: own.url, max: 1 });
  await migrate(pool, () => undefined);
  city = await generateCity(pool, PARCELS);
  hub = await startTestHub({ DATABASE_URL: own.url });
}, 240_000);
afterAll(async () => {
  await hub?.stop();
  await pool?.end();
  await own?.drop();
});

/** A generated parcel of a profile: its code, corner in EPSG:4490 and 坐落. */
async function parcelWhere(condition: string) {
  const { rows } = await pool.query(`
    SELECT p.parcel_code, p.location, ST_XMin(r.geom_4490) AS lon, ST_YMin(r.geom_4490) AS lat, ST_XMax(r.geom_4490) AS lon2, ST_YMax(r.geom_4490) AS lat2
    FROM parcel p JOIN survey_result r ON r.parcel_code = p.parcel_code AND r.boundary_role = 'establishes'
    WHERE substr(p.parcel_code, 7, 3) = '009' AND ${condition} ORDER BY p.parcel_code LIMIT 1`);
  return rows[0];
}

describe('a generated city of 2 000 parcels', () => {
  it('has valid 宗地代码 across every 焦作 county, clear of the test range, and 4 界址点 on every boundary', async () => {
    expect(city).toMatchObject({ parcels: PARCELS + city.retired, blocks: PARCELS / 100 });
    expect(city.retired).toBeGreaterThan(0);
    const { rows } = await pool.query("SELECT parcel_code FROM parcel WHERE substr(parcel_code, 7, 3) = '009'");
    expect(rows).toHaveLength(PARCELS);
    expect(rows.filter((r) => !parseParcelCode(r.parcel_code).ok)).toEqual([]);
    expect(new Set(rows.map((r) => r.parcel_code.slice(0, 6)))).toEqual(new Set(JIAOZUO_COUNTIES));
    expect(rows.filter((r) => r.parcel_code.startsWith('410883') && Number(r.parcel_code.slice(14)) >= 90000)).toEqual([]);
    const points = await pool.query("SELECT count(*)::int AS n FROM boundary_point b JOIN survey_result r ON r.id = b.survey_id WHERE r.boundary_role = 'establishes' GROUP BY b.survey_id HAVING count(*) <> 4");
    expect(points.rows).toEqual([]);
  });

  it('lays parcels edge to edge: no two current boundaries overlap, and neighbours share identical corners', async () => {
    const current = `SELECT r.parcel_code, r.geom FROM survey_result r WHERE r.boundary_role = 'establishes'
      AND NOT EXISTS (SELECT 1 FROM parcel_retirement pr WHERE pr.parcel_code = r.parcel_code)`;
    const { rows: [pairs] } = await pool.query(`
      WITH c AS (${current})
      SELECT count(*) FILTER (WHERE ST_Relate(a.geom, b.geom, '2********'))::int AS overlapping,
             count(*) FILTER (WHERE ST_Relate(a.geom, b.geom, 'F***1****'))::int AS sharing_an_edge
      FROM c a JOIN c b ON a.parcel_code < b.parcel_code AND a.geom && b.geom`);
    // 10 × 10 parcels a block: 2 × 10 × 9 shared edges each.
    expect(pairs).toEqual({ overlapping: 0, sharing_an_edge: (PARCELS / 100) * 180 });
    const { rows: [corners] } = await pool.query(`
      SELECT count(DISTINCT (x_north, y_east))::int AS distinct_corners FROM boundary_point b
      JOIN survey_result r ON r.id = b.survey_id AND r.parcel_code = b.parcel_code
      WHERE r.boundary_role = 'establishes' AND substr(r.parcel_code, 7, 3) = '009'`);
    expect(corners.distinct_corners).toBe((PARCELS / 100) * 121);
  });

  it('carries every stage, 预测/实测 unit pairs, lineage and legacy results, all accepted but a review queue', async () => {
    const { rows } = await pool.query('SELECT stage, kind, status, count(*)::int AS n FROM survey_result GROUP BY 1, 2, 3');
    const kinds = new Set(rows.map((r) => `${r.stage}/${r.kind}/${r.status}`));
    for (const k of ['land_supply/权籍调查/accepted', 'land_supply/出让合同/accepted', 'planning/规划核实/accepted', 'presale/房产预测/accepted',
      'completion/房产实测/accepted', 'legacy/勘测定界/accepted', 'legacy/房产测量/accepted', 'completion/竣工测量/submitted']) expect(kinds).toContain(k);
    const { rows: [pairs] } = await pool.query(`
      SELECT count(*)::int AS n FROM unit_area p JOIN survey_result rp ON rp.id = p.survey_id AND rp.kind = '房产预测'
      JOIN unit_area v ON v.unit_code = p.unit_code JOIN survey_result rv ON rv.id = v.survey_id AND rv.kind = '房产实测'`);
    expect(pairs.n).toBeGreaterThan(0);
    const lineage = await pool.query('SELECT count(*)::int AS n FROM parcel_lineage');
    expect(lineage.rows[0].n).toBe(city.retired * 2);
    const audit = await pool.query("SELECT count(*)::int AS n FROM audit_hub_event WHERE action = 'survey.import'");
    expect(audit.rows[0].n).toBe(PARCELS / 100);
    // Chained by the 0005 trigger like any other row: the chain check finds no broken link.
    const chain = await pool.query(sql('audit-chain-check'));
    expect(chain.rows[0]).toMatchObject({ id: null, rows: expect.any(Number) });
  });

  it('decides reuse for registrations on it: R2 for land, R5/R6 for a house, R1 for the old town', async () => {
    const land = await parcelWhere("p.land_use = '工业用地' AND r.stage = 'land_supply'");
    const house = await parcelWhere("EXISTS (SELECT 1 FROM survey_result x WHERE x.parcel_code = p.parcel_code AND x.kind = '房产实测') AND NOT EXISTS (SELECT 1 FROM survey_result x WHERE x.parcel_code = p.parcel_code AND x.status = 'submitted')");
    const old = await parcelWhere("EXISTS (SELECT 1 FROM survey_result x WHERE x.parcel_code = p.parcel_code AND x.kind = '房产测量')");
    const packet = (parcelCode: string, registrationType: string) =>
      hub.request('POST', '/api/registration-packets', { parcelCode, registrationType, applicationNo: `CITY-${parcelCode.slice(-6)}`, purpose: '不动产登记' });
    const forLand = await packet(land.parcel_code, '国有建设用地使用权首次登记');
    expect([forLand.status, forLand.body.decision, forLand.body.boundary.rule]).toEqual([201, 'reuse', 'R2']);
    expect(forLand.body.boundaryPoints.map((p: any) => p.pointNo)).toEqual(['J1', 'J2', 'J3', 'J4']);
    const forHouse = await packet(house.parcel_code, '房屋所有权首次登记');
    expect([forHouse.status, forHouse.body.decision]).toEqual([201, 'reuse']);
    const forOld = await packet(old.parcel_code, '房屋所有权首次登记');
    expect([forOld.status, forOld.body.decision]).toEqual([201, 'reuse']);
    expect(JSON.stringify(forOld.body)).toContain('R1');
  });

  it('serves from sessions without JIT or parallel workers on a server, and has the 坐落 trigram index on either engine', async () => {
    const settings = await hub.pool.query("SELECT current_setting('jit', true) AS jit, current_setting('max_parallel_workers_per_gather') AS workers");
    if (hub.engine === 'postgresql') expect(settings.rows[0]).toEqual({ jit: 'off', workers: '0' });
    // PGlite 0.5.8 ships pg_trgm as a contrib bundle: the embedded engine loads it, and start creates the index.
    const index = await pool.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'parcel_location_trgm_idx'");
    expect(index.rows[0]?.indexdef).toContain('gin_trgm_ops');
  });

  it('finds parcels by 坐落 fragment and by code prefix, and draws a parcel on the map', async () => {
    const some = await parcelWhere("p.land_use = '住宅用地'");
    const fragment = some.location.slice(3);
    const byLocation = await hub.request('GET', `/api/parcels?q=${encodeURIComponent(fragment)}`);
    expect(byLocation.status).toBe(200);
    expect(byLocation.body.items.map((p: any) => p.parcelCode)).toContain(some.parcel_code);
    const byPrefix = await hub.request('GET', `/api/parcels?q=${some.parcel_code.slice(0, 17)}`);
    expect(byPrefix.body.items.map((p: any) => p.parcelCode)).toContain(some.parcel_code);
    expect(byPrefix.body.items.every((p: any) => p.parcelCode.startsWith(some.parcel_code.slice(0, 17)))).toBe(true);
    const bbox = [some.lon, some.lat, some.lon2, some.lat2].join(',');
    const map = await hub.request('GET', `/api/map/features?bbox=${bbox}`);
    expect(map.status).toBe(200);
    expect(map.body.features.map((f: any) => f.properties.parcelCode)).toContain(some.parcel_code);
  });
});
