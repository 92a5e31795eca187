// The map's features by bbox and the review queue, as each viewer may see them.
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { freeCell, landSupplySubmission, samplePlotAt } from '../support/fixtures';
import { mapFeatures } from '../../server/services/map.service';
import { sql } from '../../server/db/sql-files';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.stop());

it('draws the results in a bbox as GeoJSON in EPSG:4490, and hides another organisation\'s unreviewed one', async () => {
  const parcelCode = freshParcelCode();
  const submitted = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { features: samplePlotAt(...freeCell()) }));
  const ring: number[][] = submitted.body.geometry4490.coordinates[0];
  const lons = ring.map((p) => p[0]), lats = ring.map((p) => p[1]);
  const bbox = `${Math.min(...lons) - 1e-4},${Math.min(...lats) - 1e-4},${Math.max(...lons) + 1e-4},${Math.max(...lats) + 1e-4}`;
  const map = await hub.request('GET', `/api/map/features?bbox=${bbox}`);
  const feature = map.body.features.find((f: any) => f.id === submitted.body.id);
  expect(feature.properties).toEqual({
    parcelCode, stage: 'land_supply', kind: '权籍调查', role: 'parcel_boundary', status: 'submitted', superseded: false,
    organisation: '焦作市测试测绘有限公司', surveyedOn: '2025-01-15', planeAreaM2: 2300,
  });
  // Slim: no crs member, lon/lat to 7 decimals (≈ 1 cm), nothing repeated from the feature's id.
  expect(Object.keys(feature).sort()).toEqual(['geometry', 'id', 'properties', 'type']);
  expect(Object.keys(feature.geometry).sort()).toEqual(['coordinates', 'type']);
  expect(feature.geometry.coordinates[0][0][0]).toBeCloseTo(ring[0][0], 6);
  const digits = feature.geometry.coordinates.flat(2).map((v: number) => String(v).split('.')[1]?.length ?? 0);
  expect(Math.max(...digits)).toBeLessThanOrEqual(7);
  const other = await hub.login(['surveyor'], { organisation: '另一家测绘公司' });
  const theirs = await fetch(`${hub.url}/api/map/features?bbox=${bbox}`, { headers: { cookie: other.cookie } }).then((r) => r.json());
  expect(theirs.features.map((f: any) => f.id)).not.toContain(submitted.body.id);
});

it('answers a box holding more than 5000 results with parcel counts on a grid, each parcel counted once', async () => {
  // A box over all of 孟州's test cells and beyond: the parcels of this file and of others running beside it.
  const parcelCode = freshParcelCode();
  await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { features: samplePlotAt(...freeCell()) }));
  // Other test files may add results meanwhile: the answer lies between the counts before and after it.
  const count = async () => (await hub.pool.query("SELECT count(*)::int AS results FROM survey_result WHERE status <> 'rejected' AND geom_4490 && ST_MakeEnvelope(100, 20, 130, 50, 4490)")).rows[0].results as number;
  const before = await count();
  const whole = await hub.request('GET', '/api/map/features?bbox=100,20,130,50');
  const after = await count();
  const shown = whole.body.aggregated ? whole.body.features.reduce((n: number, f: any) => n + f.properties.results, 0) : whole.body.features.length;
  expect([shown >= before, shown <= after]).toEqual([true, true]);
  if (before > 5000) expect(whole.body.aggregated).toBe(true);
  if (after <= 5000) expect(whole.body.aggregated).toBe(false);
  if (!whole.body.aggregated) return; // fewer than 5000 on this database: the features themselves, every one of them
  const cells = whole.body.features;
  expect(cells.every((f: any) => f.geometry.type === 'Point' && Object.keys(f.properties).sort().join() === 'parcels,results')).toBe(true);
});

it('answers counts at the centres of grid cells when the box holds more than the cap, naming no parcel for the audit log', async () => {
  const parcelCode = freshParcelCode();
  const submitted = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { features: samplePlotAt(...freeCell()) }));
  const ring: number[][] = submitted.body.geometry4490.coordinates[0];
  const lons = ring.map((p) => p[0]), lats = ring.map((p) => p[1]);
  const bbox = `${Math.min(...lons) - 1e-4},${Math.min(...lats) - 1e-4},${Math.max(...lons) + 1e-4},${Math.max(...lats) + 1e-4}`;
  const asHub = { viewer: null, clientAddress: 'test' };
  const features = JSON.parse(await mapFeatures(hub.pool, { bbox }, asHub, { applicationNo: 'MAP-1', purpose: '测试' }));
  expect(features.aggregated).toBe(false);
  expect(features.features.map((f: any) => f.properties.parcelCode)).toContain(parcelCode);
  // The same box, capped at 0 features: counts only.
  const box = bbox.split(',').map(Number);
  const { rows } = await hub.pool.query(sql('map-features'), [...box, null, null, null, 0, 4, 'hub', null, [], 'test', null, null, '{}']);
  expect(rows[0].aggregated).toBe(true);
  expect(rows[0].audited).toBe(0);
  const grid = JSON.parse(rows[0].body);
  expect(grid.features.reduce((n: number, f: any) => n + f.properties.parcels, 0)).toBeGreaterThanOrEqual(1);
  const side = Math.max(box[2] - box[0], box[3] - box[1]);
  for (const cell of grid.features) {
    const [lon, lat] = cell.geometry.coordinates;
    expect(lon).toBeGreaterThan(box[0]);
    expect(lon).toBeLessThan(box[0] + side);
    expect(lat).toBeGreaterThan(box[1]);
    expect(lat).toBeLessThan(box[1] + side);
  }
});

it('compresses JSON answers with brotli or gzip, as the client accepts', async () => {
  const bbox = '100,20,130,50';
  for (const encoding of ['br', 'gzip']) {
    const res = await fetch(`${hub.url}/api/map/features?bbox=${bbox}`, { headers: { cookie: hub.cookie, 'accept-encoding': encoding } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    if (Number(res.headers.get('content-length') ?? 2000) > 1024 || res.headers.get('content-encoding')) expect(res.headers.get('content-encoding')).toBe(encoding);
    expect((await res.json()).type).toBe('FeatureCollection');
  }
  const openapi = await fetch(`${hub.url}/api/openapi.json`, { headers: { cookie: hub.cookie, 'accept-encoding': 'gzip' } });
  expect(openapi.headers.get('content-encoding')).toBe('gzip');
});

it('lists the review queue oldest first', async () => {
  const a = await hub.request('POST', '/api/surveys', landSupplySubmission(freshParcelCode(), { features: samplePlotAt(...freeCell()) }));
  const b = await hub.request('POST', '/api/surveys', landSupplySubmission(freshParcelCode(), { features: samplePlotAt(...freeCell()) }));
  const queue = (await hub.request('GET', '/api/surveys?status=submitted')).body.items.map((r: any) => r.id);
  expect(queue.indexOf(a.body.id)).toBeLessThan(queue.indexOf(b.body.id));
  await hub.request('POST', `/api/surveys/${a.body.id}/review`, { decision: 'accept' });
  expect((await hub.request('GET', '/api/surveys?status=submitted')).body.items.map((r: any) => r.id)).not.toContain(a.body.id);
});

it('explains a missing bbox and an unknown stage', async () => {
  expect((await hub.request('GET', '/api/map/features')).body.code).toBe('BBOX_REQUIRED');
  expect((await hub.request('GET', '/api/map/features?bbox=112,34,113,35&stage=x')).body.code).toBe('STAGE_UNKNOWN');
});
