// Desktop GIS against the hub, with GDAL as QGIS uses it: the OGC API read by ogrinfo/ogr2ogr (OAPIF driver), and
// the GIS-ready views read over the database socket (PG driver). GDAL must be installed (CI installs gdal-bin):
// a missing GDAL fails these tests, it does not skip them.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { issueToken } from '../../server/services/accounts.service';
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { freeCell, landSupplySubmission, SAMPLE_PLOT } from '../support/fixtures';
import { EVERY_AUDIT_ROW } from '../support/audit-rows';

let hub: TestHub;
let dir: string;
let manyPoints: { id: string; parcelCode: string };

/**
 * A run of a GDAL tool: its stdout, or the test fails naming the command and its stderr (asynchronous: the hub
 * answering GDAL runs in this process).
 */
function gdal(tool: 'ogrinfo' | 'ogr2ogr', args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') reject(new Error(`${tool} is not installed: install gdal-bin (CI does)`));
      else if (err) reject(new Error(`${tool} ${args.join(' ')} failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

/** A plot whose outer ring is a 40 m circle of `n` 界址点 (no hole), moved to (dEast, dNorth) like the sample plot. */
function circlePlot(n: number, [dEast, dNorth]: [number, number]) {
  const [e0, n0] = [38430830 + dEast, 3899280 + dNorth];
  const ring = Array.from({ length: n }, (_, i) => [e0 + 40 * Math.cos((2 * Math.PI * i) / n), n0 + 40 * Math.sin((2 * Math.PI * i) / n)].map((v) => Math.round(v * 1000) / 1000));
  const plot = structuredClone(SAMPLE_PLOT);
  plot.features[0].properties = { name: '圆形地块' };
  plot.features[0].geometry = { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
  return plot;
}

const oapif = () => `OAPIF:${hub.url}/ogc`;
const asCookie = () => ({ GDAL_HTTP_COOKIE: hub.cookie, GDAL_HTTP_TIMEOUT: '60' });

beforeAll(async () => {
  hub = await startTestHub();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogc-gdal-'));
  const parcelCode = freshParcelCode();
  const submitted = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { features: circlePlot(1200, freeCell()), declaredAreaM2: undefined }));
  if (submitted.status !== 201) throw new Error(`the 1 200-point plot was refused: ${JSON.stringify(submitted.body)}`);
  await hub.request('POST', `/api/surveys/${submitted.body.id}/review`, { decision: 'accept' });
  manyPoints = { id: submitted.body.id, parcelCode };
});
afterAll(async () => {
  await hub.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('lists every collection of the landing page in ogrinfo', async () => {
  const out = await gdal('ogrinfo', ['-ro', '-so', oapif()], asCookie());
  for (const layer of ['parcels', 'results', 'boundary-points', 'units']) expect(out).toMatch(new RegExp(`\\d+: ${layer}\\b`));
});

it('reads with a bearer token whose applicationNo and purpose ride in the service URL', async () => {
  const department = await hub.login(['registrar']);
  const { token } = await issueToken(hub.pool, department.id, '不动产登记中心', ['registrar'], null);
  const out = await gdal('ogrinfo', ['-ro', '-so', `${oapif()}?applicationNo=JZ2026-12&purpose=registration`, 'parcels'], { GDAL_HTTP_HEADERS: `Authorization: Bearer ${token}` });
  expect(out).toMatch(/Feature Count: \d+/);
  const { rows } = await hub.pool.query(`SELECT count(*)::int AS n FROM ${EVERY_AUDIT_ROW} WHERE actor = $1 AND application_no = 'JZ2026-12'`, [department.username]);
  expect(rows[0].n).toBeGreaterThan(0);
});

/** The features of a GeoPackage layer as GeoJSON, read back with GDAL. */
async function readBack(gpkg: string): Promise<any[]> {
  return JSON.parse(await gdal('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', gpkg, '-lco', 'RFC7946=NO', '-lco', 'COORDINATE_PRECISION=10'])).features;
}

const firstVertex = (g: any): number[] => (g.type === 'Point' ? g.coordinates : g.type === 'Polygon' ? g.coordinates[0][0] : g.coordinates[0][0][0]);

/** Per collection: the database's count (as an admin sees it) and each feature's first vertex in 4490 and as surveyed (4526). */
const TRUTH: Record<string, { count: string; vertices: string; key: string }> = {
  parcels: {
    count: 'SELECT count(*)::int AS n FROM gis_current_parcel',
    // A join, not a correlated subquery: Citus plans the view's rows joined on parcel_code, not a subquery per row.
    vertices: 'SELECT c.parcel_code AS k, ST_AsGeoJSON(c.geom, 10) AS g4490, ST_AsGeoJSON(ST_Multi(r.geom), 4) AS gzone, c.srid FROM gis_current_parcel c JOIN survey_result r ON r.parcel_code = c.parcel_code AND r.id = c.established_by',
    key: 'parcelCode',
  },
  results: {
    count: 'SELECT count(*)::int AS n FROM survey_result',
    vertices: 'SELECT id::text AS k, ST_AsGeoJSON(ST_Multi(geom_4490), 10) AS g4490, ST_AsGeoJSON(ST_Multi(geom), 4) AS gzone, srid FROM survey_result',
    key: 'surveyId',
  },
  'boundary-points': {
    count: 'SELECT count(*)::int AS n FROM boundary_point',
    vertices: `SELECT concat_ws('.', b.survey_id, b.part_no, b.ring_no, b.seq) AS k, ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_MakePoint(b.y_east::float8, b.x_north::float8), r.srid), 4490), 10) AS g4490,
      ST_AsGeoJSON(ST_SetSRID(ST_MakePoint(b.y_east::float8, b.x_north::float8), r.srid), 4) AS gzone, r.srid FROM boundary_point b JOIN survey_result r ON r.id = b.survey_id AND r.parcel_code = b.parcel_code`,
    key: 'id',
  },
  units: { count: 'SELECT count(*)::int AS n FROM unit', vertices: '', key: 'unitCode' },
};

describe.each(Object.keys(TRUTH))('ogr2ogr of %s to a GeoPackage', (collection) => {
  it('gives the database\'s count and, in CRS84 and in EPSG:4526, its coordinates to the mm', async () => {
    const truth = TRUTH[collection];
    const before = (await hub.pool.query(truth.count)).rows[0].n;
    const crs84 = path.join(dir, `${collection}-crs84.gpkg`);
    const zone = path.join(dir, `${collection}-4526.gpkg`);
    await gdal('ogr2ogr', ['-f', 'GPKG', crs84, oapif(), collection], asCookie());
    const after = (await hub.pool.query(truth.count)).rows[0].n;
    const a = await readBack(crs84);
    expect(a.length).toBeGreaterThanOrEqual(before);
    expect(a.length).toBeLessThanOrEqual(after);
    const ids = a.map((f) => (truth.key === 'id' ? f.properties.id : f.properties[truth.key]));
    expect(new Set(ids).size).toBe(a.length); // paging by next links repeats nothing
    if (!truth.vertices) return;
    expect(await gdal('ogrinfo', ['-so', crs84, collection])).toMatch(/WGS 84|CRS84/);
    await gdal('ogr2ogr', ['-f', 'GPKG', '-t_srs', 'EPSG:4526', zone, oapif(), collection], asCookie());
    const b = await readBack(zone);
    expect(await gdal('ogrinfo', ['-so', zone, collection])).toMatch(/CGCS2000 \/ 3-degree Gauss-Kruger zone 38/);
    const db = new Map((await hub.pool.query(truth.vertices)).rows.map((r) => [r.k, r]));
    const zoneById = new Map(b.map((f) => [truth.key === 'id' ? f.properties.id : f.properties[truth.key], f]));
    let compared = 0;
    for (const f of a) {
      const row = db.get(truth.key === 'id' ? f.properties.id : f.properties[truth.key]);
      if (!row || !f.geometry) continue;
      const [lon, lat] = firstVertex(JSON.parse(row.g4490));
      expect(Math.abs(firstVertex(f.geometry)[0] - lon)).toBeLessThan(1e-8); // ≈ 1 mm
      expect(Math.abs(firstVertex(f.geometry)[1] - lat)).toBeLessThan(1e-8);
      if (row.srid !== 4526) continue;
      const [east, north] = firstVertex(JSON.parse(row.gzone));
      const z = firstVertex(zoneById.get(row.k)?.geometry ?? zoneById.get(f.properties[truth.key])!.geometry);
      expect(Math.abs(z[0] - east)).toBeLessThan(0.001);
      expect(Math.abs(z[1] - north)).toBeLessThan(0.001);
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });
});

it('pages through more than 1 000 界址点 by next links, to the end, without duplicates', async () => {
  const gpkg = path.join(dir, 'points.gpkg');
  await gdal('ogr2ogr', ['-f', 'GPKG', gpkg, `${oapif()}/collections/boundary-points?parcelCode=${manyPoints.parcelCode}`], asCookie());
  const features = await readBack(gpkg);
  expect(features.length).toBe(1200);
  expect(new Set(features.map((f) => f.properties.id)).size).toBe(1200);
});

it('lists the typed views over the database socket with their SRIDs (ogrinfo PG:)', async () => {
  const url = new URL(process.env.HUB_TEST_DB!);
  const pgConn = `PG:host=${url.hostname} port=${url.port || 5432} dbname=${url.pathname.slice(1)} user=${url.username}`;
  const out = await gdal('ogrinfo', ['-ro', '-so', pgConn, 'gis_current_parcel', 'gis_current_parcel_4526', 'gis_survey_result', 'gis_boundary_point_4526', 'gis_unit']);
  const srids = [...out.matchAll(/Layer name: (\w+)[\s\S]*?(?:ID\["EPSG",(\d+)\]\]\s*(?:Data axis|$)|Geometry: None)/g)];
  expect(out).toMatch(/Layer name: gis_current_parcel\n[\s\S]*?Geometry: Multi Polygon/);
  expect(out).toMatch(/Layer name: gis_boundary_point_4526\n[\s\S]*?Geometry: Point/);
  expect(out).toMatch(/FID Column = ogc_fid/);
  expect(out).toContain('CGCS2000 / 3-degree Gauss-Kruger zone 38');
  expect(srids.length).toBeGreaterThan(0);
});
