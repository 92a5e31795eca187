// GIS files: a result and a bbox of current parcels as GeoPackage and zipped shapefile, opened by GDAL with the right
// CRS, attributes and coordinates; the CSV point table names its axes and CRS.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { freeCell, landSupplySubmission, samplePlotAt } from '../support/fixtures';

let hub: TestHub;
let dir: string;
let accepted: { id: string; parcelCode: string; geometry4490: { coordinates: number[][][] } };
const WHY = 'applicationNo=JZ2026-7&purpose=%E9%A6%96%E6%AC%A1%E7%99%BB%E8%AE%B0';

function ogrinfo(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => execFile('ogrinfo', args, { encoding: 'utf8' }, (err, stdout, stderr) => {
    if (err) reject(new Error((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'ogrinfo is not installed: install gdal-bin (CI does)' : `ogrinfo ${args.join(' ')}: ${stderr || err.message}`));
    else resolve(stdout);
  }));
}

beforeAll(async () => {
  hub = await startTestHub();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-exports-'));
  const parcelCode = freshParcelCode();
  const submitted = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { features: samplePlotAt(...freeCell()) }));
  await hub.request('POST', `/api/surveys/${submitted.body.id}/review`, { decision: 'accept' });
  accepted = { ...submitted.body, parcelCode };
});
afterAll(async () => {
  await hub.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function save(urlPath: string, name: string): Promise<string> {
  const file = await hub.download(urlPath);
  if (file.status !== 200) throw new Error(`${urlPath}: ${file.status} ${Buffer.from(file.bytes).toString()}`);
  const target = path.join(dir, name);
  fs.writeFileSync(target, file.bytes);
  return target;
}

it('exports a result as a GeoPackage GDAL opens in EPSG:4526, with its boundary and 界址点 (X north, Y east)', async () => {
  const gpkg = await save(`/api/surveys/${accepted.id}/export?format=gpkg&${WHY}`, 'result.gpkg');
  const boundary = await ogrinfo(['-ro', '-al', gpkg, 'boundary']);
  expect(boundary).toContain('CGCS2000 / 3-degree Gauss-Kruger zone 38');
  expect(boundary).toMatch(/Feature Count: 1/);
  expect(boundary).toContain(`parcelCode (String) = ${accepted.parcelCode}`);
  expect(boundary).toMatch(/planeAreaM2 \(Real\) = 2300/);
  const points = await ogrinfo(['-ro', '-al', gpkg, 'boundary_points']);
  expect(points).toMatch(/Feature Count: 8/);
  const first = /X_northing \(String\) = (\S+)\s+Y_easting \(String\) = (\S+)[\s\S]*?POINT \((\S+) (\S+)\)/.exec(points)!;
  expect([Number(first[3]), Number(first[4])]).toEqual([Number(first[2]), Number(first[1])]);
});

it('exports a result as a zipped shapefile with .prj and UTF-8 .cpg that GDAL opens with the CRS and Chinese text', async () => {
  const zip = await save(`/api/surveys/${accepted.id}/export?format=shp&${WHY}`, 'result.shp.zip');
  expect(Object.keys(unzipSync(fs.readFileSync(zip))).sort()).toEqual(
    ['boundary.cpg', 'boundary.dbf', 'boundary.prj', 'boundary.shp', 'boundary.shx', 'boundary_points.cpg', 'boundary_points.dbf', 'boundary_points.prj', 'boundary_points.shp', 'boundary_points.shx']);
  const out = await ogrinfo(['-ro', '-al', `/vsizip/${zip}/boundary.shp`]);
  expect(out).toContain('CGCS2000 / 3-degree Gauss-Kruger zone 38');
  expect(out).toContain('kind (String) = 权籍调查');
  expect(out).toMatch(/POLYGON \(\(38\d{6}/);
  const area = /planearea \(Real\) = (\S+)/.exec(out)!;
  expect(Number(area[1])).toBeCloseTo(2300, 3);
});

it('exports the current parcels of a bbox as GeoPackage and shapefile in the CRS asked for', async () => {
  const ring = accepted.geometry4490.coordinates[0];
  const lons = ring.map((p) => p[0]), lats = ring.map((p) => p[1]);
  const bbox = `${Math.min(...lons) - 1e-4},${Math.min(...lats) - 1e-4},${Math.max(...lons) + 1e-4},${Math.max(...lats) + 1e-4}`;
  const gpkg = await save(`/ogc/collections/parcels/items?f=gpkg&bbox=${bbox}&crs=EPSG:4526&${WHY}`, 'parcels.gpkg');
  const out = await ogrinfo(['-ro', '-al', gpkg]);
  expect(out).toContain('CGCS2000 / 3-degree Gauss-Kruger zone 38');
  expect(out).toContain(`parcelCode (String) = ${accepted.parcelCode}`);
  expect(out).toMatch(/MULTIPOLYGON \(\(\(38\d{6}/); // x = easting in the file
  const zip = await save(`/ogc/collections/parcels/items?f=shp&bbox=${bbox}&${WHY}`, 'parcels.shp.zip');
  const shp = await ogrinfo(['-ro', '-al', `/vsizip/${zip}/parcels.shp`]);
  expect(shp).toMatch(/China Geodetic Coordinate System 2000|CGCS2000/);
  expect(shp).toMatch(/POLYGON \(\(11\d\.\d+ 3\d\.\d+/);
  const units = await hub.request('GET', `/ogc/collections/units/items?f=gpkg&${WHY}`);
  expect(units.body.code).toBe('EXPORT_NO_GEOMETRY');
});

it('writes the CSV point table with X_northing and Y_easting columns, WKT and the CRS', async () => {
  const csv = Buffer.from((await hub.download(`/api/surveys/${accepted.id}/export?format=csv&${WHY}`)).bytes).toString('utf8').replace(/^\uFEFF/, '');
  const [header, first] = csv.split('\r\n');
  expect(header).toBe('地块编号,点号,圈号,X_northing,Y_easting,WKT,CRS');
  const [, , , x, y, wkt, crs] = first.split(',');
  expect([wkt, crs]).toEqual([`POINT (${y} ${x})`, 'EPSG:4526']);
});

it('exports a registration packet\'s boundary and 界址点 as GeoPackage and shapefile in the boundary\'s CRS', async () => {
  const created = await hub.request('POST', '/api/registration-packets', { parcelCode: accepted.parcelCode, registrationType: '国有建设用地使用权首次登记', applicationNo: 'JZ2026-7', purpose: '首次登记' });
  expect(created.status).toBe(201);
  const gpkg = await save(`/api/registration-packets/${created.body.packetId}?format=gpkg&${WHY}`, 'packet.gpkg');
  const out = await ogrinfo(['-ro', '-al', gpkg]);
  expect(out).toContain('CGCS2000 / 3-degree Gauss-Kruger zone 38');
  expect(out).toContain(`surveyId (String) = ${accepted.id}`);
  expect(out).toMatch(/Layer name: boundary_points[\s\S]*Feature Count: 8/);
  const zip = await save(`/api/registration-packets/${created.body.packetId}?format=shp&${WHY}`, 'packet.shp.zip');
  expect(await ogrinfo(['-ro', '-so', `/vsizip/${zip}/boundary_points.shp`, 'boundary_points'])).toMatch(/Feature Count: 8[\s\S]*CGCS2000/);
});

it('lists an OGC export and an OGC item read of a parcel in its access log (R8), with the application given', async () => {
  await save(`/ogc/collections/parcels/items?parcelCode=${accepted.parcelCode}&f=gpkg&${WHY}`, 'access-log.gpkg');
  const item = await hub.request('GET', `/ogc/collections/results/items/${accepted.id}?${WHY}`);
  expect(item.status).toBe(200);
  const log = await hub.request('GET', `/api/access-log?parcelCode=${accepted.parcelCode}`);
  const ogc = log.body.items.filter((e: any) => e.details?.ogc);
  // The bbox exports of the tests above drew this parcel too: every OGC row of it names the application.
  expect(new Set(ogc.map((e: any) => `${e.action} ${e.applicationNo}`))).toEqual(new Set(['map.read JZ2026-7', 'survey.export JZ2026-7']));
  expect(ogc.filter((e: any) => e.action === 'map.read')).toHaveLength(1);
});
