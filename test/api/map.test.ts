// The map's features by bbox and the review queue, as each viewer may see them.
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { freeCell, landSupplySubmission, samplePlotAt } from '../support/fixtures';

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
  const feature = map.body.features.find((f: any) => f.properties.surveyId === submitted.body.id);
  expect(feature.properties).toMatchObject({ parcelCode, stage: 'land_supply', role: 'parcel_boundary', status: 'submitted', planeAreaM2: 2300 });
  expect(feature.geometry.coordinates[0][0][0]).toBeCloseTo(ring[0][0], 7);
  const other = await hub.login(['surveyor'], { organisation: '另一家测绘公司' });
  const theirs = await fetch(`${hub.url}/api/map/features?bbox=${bbox}`, { headers: { cookie: other.cookie } }).then((r) => r.json());
  expect(theirs.features.map((f: any) => f.properties.surveyId)).not.toContain(submitted.body.id);
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
