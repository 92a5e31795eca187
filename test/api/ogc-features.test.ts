// OGC API – Features under /ogc: documents, collections, CRS by reference, keyset paging, access and audit.
import { issueToken } from '../../server/services/accounts.service';
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { freeCell, landSupplySubmission, samplePlotAt } from '../support/fixtures';

let hub: TestHub;
let parcelCode: string;
let accepted: { id: string; geometry4490: { coordinates: number[][][] } };
let bbox: string;
beforeAll(async () => {
  hub = await startTestHub();
  parcelCode = freshParcelCode();
  accepted = (await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { features: samplePlotAt(...freeCell()) }))).body;
  await hub.request('POST', `/api/surveys/${accepted.id}/review`, { decision: 'accept' });
  const ring = accepted.geometry4490.coordinates[0];
  const lons = ring.map((p) => p[0]), lats = ring.map((p) => p[1]);
  bbox = `${Math.min(...lons) - 1e-4},${Math.min(...lats) - 1e-4},${Math.max(...lons) + 1e-4},${Math.max(...lats) + 1e-4}`;
});
afterAll(() => hub.stop());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${hub.url}${path}`, { headers: { cookie: hub.cookie, ...headers } }).then(async (r) => ({ status: r.status, headers: r.headers, text: await r.text() }));
const json = async (path: string, headers: Record<string, string> = {}) => {
  const r = await get(path, headers);
  if (r.status >= 500) throw new Error(`${path}: ${r.status} ${r.text}`);
  return { ...r, body: JSON.parse(r.text) };
};

it('answers the landing page, conformance and the four collections as JSON, and unknown paths as JSON 404s', async () => {
  const landing = await json('/ogc/');
  expect(landing.body.links.map((l: any) => l.rel)).toEqual(expect.arrayContaining(['service-desc', 'conformance', 'data']));
  expect((await json('/ogc/conformance')).body.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs');
  const collections = await json('/ogc/collections');
  expect(collections.body.collections.map((c: any) => c.id)).toEqual(['parcels', 'results', 'boundary-points', 'units']);
  expect(collections.body.collections[0]).toMatchObject({ storageCrs: 'http://www.opengis.net/def/crs/EPSG/0/4490', crs: expect.arrayContaining(['http://www.opengis.net/def/crs/EPSG/0/4526']) });
  const api = await json('/ogc/api');
  expect(api.body.openapi).toBe('3.0.3');
  for (const path of ['/ogc/wfs', '/ogc/collections/nope', '/ogc/collections/parcels/items/x/y']) {
    const r = await json(path);
    expect([r.status, r.headers.get('content-type')]).toEqual([404, expect.stringContaining('application/json')]);
  }
});

it('renders each document as HTML for a browser', async () => {
  const page = await get('/ogc/collections/parcels/items?f=html&parcelCode=' + parcelCode);
  expect(page.headers.get('content-type')).toContain('text/html');
  expect(page.text).toContain(parcelCode);
  expect((await get('/ogc/collections', { accept: 'text/html,application/xhtml+xml' })).text).toContain('<h1>Collections</h1>');
});

it('refuses anonymous readers with 401', async () => {
  const r = await fetch(`${hub.url}/ogc/collections/parcels/items`);
  expect([r.status, (await r.json()).code]).toEqual([401, 'AUTH_REQUIRED']);
});

it('serves the current boundary of a parcel with its code, areas and the result that established it, in CRS84 by default', async () => {
  const items = await json(`/ogc/collections/parcels/items?bbox=${bbox}`);
  expect(items.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/OGC/1.3/CRS84>');
  const f = items.body.features.find((x: any) => x.id === parcelCode);
  expect(f.properties).toMatchObject({ parcelCode, establishedBy: accepted.id, stage: 'land_supply', planeAreaM2: 2300, declaredAreaM2: 2300 });
  expect(f.geometry.type).toBe('MultiPolygon');
  expect(f.geometry.coordinates[0][0][0][0]).toBeCloseTo(accepted.geometry4490.coordinates[0][0][0], 8);
  expect(items.body.numberMatched).toBe(items.body.features.length);
});

it('answers in EPSG:4490 as lat/lon and in EPSG:4526 as north/east with the surveyed digits, and takes a bbox in either', async () => {
  const { rows } = await hub.pool.query('SELECT ST_AsGeoJSON(ST_Multi(geom), 4) AS g FROM survey_result WHERE id = $1', [accepted.id]);
  const surveyed = JSON.parse(rows[0].g).coordinates[0][0][0]; // [east, north]
  const zone = await json(`/ogc/collections/parcels/items/${parcelCode}?crs=http://www.opengis.net/def/crs/EPSG/0/4526`);
  expect(zone.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/EPSG/0/4526>');
  expect(zone.body.geometry.coordinates[0][0][0]).toEqual([surveyed[1], surveyed[0]]);
  const latLon = await json(`/ogc/collections/parcels/items/${parcelCode}?crs=EPSG:4490`);
  expect(latLon.body.geometry.coordinates[0][0][0][0]).toBeCloseTo(accepted.geometry4490.coordinates[0][0][1], 8);
  const [n, e] = [surveyed[1], surveyed[0]];
  const zoneBox = await json(`/ogc/collections/parcels/items?bbox=${n - 5},${e - 5},${n + 5},${e + 5}&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4526`);
  expect(zoneBox.body.features.map((x: any) => x.id)).toContain(parcelCode);
  const bad = await json('/ogc/collections/parcels/items?crs=EPSG:3857');
  expect([bad.status, bad.body.code]).toEqual([400, 'CRS_UNSUPPORTED']);
});

it('pages by keyset: next links run to the end without repeating a feature', async () => {
  const seen: string[] = [];
  let next: string | undefined = `/ogc/collections/boundary-points/items?parcelCode=${parcelCode}&limit=3`;
  let pages = 0;
  while (next) {
    const page: any = await json(next.replace(hub.url, ''));
    seen.push(...page.body.features.map((f: any) => f.id));
    next = page.body.links.find((l: any) => l.rel === 'next')?.href;
    pages++;
  }
  expect(seen.length).toBe(8);
  expect(new Set(seen).size).toBe(8);
  expect(pages).toBe(3);
  const point = await json(`/ogc/collections/boundary-points/items/${seen[0]}`);
  expect(point.body.properties).toMatchObject({ parcelCode, surveyId: accepted.id, pointNo: expect.any(String), ringNo: 1, precisionClass: 1, X: expect.stringMatching(/^3\d{6}/), Y: expect.stringMatching(/^38\d{6}/) });
});

it('filters results by stage, status and datetime, and says what is wrong with a filter', async () => {
  const mine = await json(`/ogc/collections/results/items?parcelCode=${parcelCode}&stage=land_supply&status=accepted&datetime=2020-01-01T00:00:00Z/..`);
  expect(mine.body.features.map((f: any) => f.id)).toEqual([accepted.id]);
  expect((await json(`/ogc/collections/results/items?parcelCode=${parcelCode}&datetime=../2020-01-01`)).body.features).toEqual([]);
  expect((await json('/ogc/collections/results/items?stage=moon')).body.code).toBe('STAGE_UNKNOWN');
  expect((await json('/ogc/collections/units/items?bbox=1,2,3,4')).body.code).toBe('BBOX_NOT_APPLICABLE');
  expect((await json('/ogc/collections/parcels/items?status=accepted')).body.code).toBe('FILTER_NOT_APPLICABLE');
  expect((await json('/ogc/collections/parcels/items?cursor=zzz')).body.code).toBe('CURSOR_INVALID');
});

it('gives the boundaries in force at an earlier instant with asOf', async () => {
  expect((await json(`/ogc/collections/parcels/items?parcelCode=${parcelCode}&asOf=2020-01-01`)).body.features).toEqual([]);
  expect((await json(`/ogc/collections/parcels/items?parcelCode=${parcelCode}&asOf=${new Date().toISOString()}`)).body.features).toHaveLength(1);
});

it('shows a surveyor only what it may see elsewhere, and a county-scoped reader only its counties', async () => {
  const pending = (await hub.request('POST', '/api/surveys', landSupplySubmission(freshParcelCode(), { features: samplePlotAt(...freeCell()) }))).body;
  const other = await hub.login(['surveyor'], { organisation: '另一家测绘公司' });
  const theirs = await json(`/ogc/collections/results/items?parcelCode=${pending.parcelCode}`, { cookie: other.cookie });
  expect(theirs.body.features).toEqual([]);
  expect((await json(`/ogc/collections/results/items/${pending.id}`, { cookie: other.cookie })).status).toBe(404);
  const county = await hub.login(['registrar'], { countyCodes: ['410802'] });
  expect((await json(`/ogc/collections/parcels/items?parcelCode=${parcelCode}`, { cookie: county.cookie })).body.features).toEqual([]);
});

it('needs applicationNo and purpose from a bearer token, carries them in its links, and records the read', async () => {
  const department = await hub.login(['registrar']);
  const { token } = await issueToken(hub.pool, department.id, '不动产登记中心', ['registrar'], null);
  const auth = { authorization: `Bearer ${token}`, cookie: '' };
  const bare = await json(`/ogc/collections/parcels/items?parcelCode=${parcelCode}`, auth);
  expect([bare.status, bare.body.code]).toEqual([400, 'PURPOSE_REQUIRED']);
  const why = 'applicationNo=JZ2026-12&purpose=%E9%A6%96%E6%AC%A1%E7%99%BB%E8%AE%B0';
  const before = new Date();
  const read = await json(`/ogc/collections/parcels/items?parcelCode=${parcelCode}&${why}`, auth);
  expect(read.body.features).toHaveLength(1);
  expect(read.body.links.every((l: any) => l.href.includes('applicationNo=JZ2026-12'))).toBe(true);
  const { rows } = await hub.pool.query("SELECT actor, application_no, purpose, details FROM audit_hub_event WHERE action = 'map.read' AND at >= $1 AND actor = $2", [before, department.username]);
  expect(rows).toEqual([expect.objectContaining({ application_no: 'JZ2026-12', purpose: '首次登记', details: expect.objectContaining({ ogc: 'parcels', parcelCodes: [parcelCode] }) })]);
});
