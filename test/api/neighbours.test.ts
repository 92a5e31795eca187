// A delivery against the accepted parcels around it: overlaps refused, gaps and slivers along a shared boundary named.
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { freeCell, landSupplySubmission, samplePlotAt } from '../support/fixtures';

let hub: TestHub;
let cell: [number, number];
beforeAll(async () => {
  hub = await startTestHub();
  // An accepted neighbour: the sample plot (60 m × 40 m) in a free cell.
  cell = freeCell();
  const neighbour = await hub.request('POST', '/api/surveys', landSupplySubmission(freshParcelCode(), { features: samplePlotAt(...cell) }));
  await hub.request('POST', `/api/surveys/${neighbour.body.id}/review`, { decision: 'accept' });
});
afterAll(() => hub.stop());

/** A 20 m × 40 m plot whose west edge is at `west` m east of the neighbour's west edge. */
function plotEastOf(west: number) {
  const [dE, dN] = cell;
  const e0 = 38430800 + dE + west, n0 = 3899260 + dN;
  const ring = [[e0, n0], [e0 + 20, n0], [e0 + 20, n0 + 40], [e0, n0 + 40], [e0, n0]];
  return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }] };
}

it('accepts a parcel sharing the neighbour\'s boundary exactly', async () => {
  const res = await hub.request('POST', '/api/surveys/validate', landSupplySubmission(freshParcelCode(), { features: plotEastOf(60), declaredAreaM2: 800 }));
  expect(res.body.findings).toEqual([]);
});

it('refuses an overlap with an accepted parcel, naming it and the overlap area', async () => {
  const parcelCode = freshParcelCode();
  const res = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { features: plotEastOf(58), declaredAreaM2: 800 }));
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('OVERLAPS_ACCEPTED_PARCEL');
  // 2 m × 40 m of the new plot lie inside the neighbour.
  expect(res.body.details.report.findings[0].suggestion.overlapM2).toBeCloseTo(80, 6);
  expect(res.body.message).toContain('by 80.00 m²');
  expect((await hub.pool.query('SELECT count(*)::int AS n FROM survey_result WHERE parcel_code = $1', [parcelCode])).rows[0].n).toBe(0);
});

it('warns of a 5 cm gap along the shared boundary and stores the result', async () => {
  const res = await hub.request('POST', '/api/surveys', landSupplySubmission(freshParcelCode(), { features: plotEastOf(60.05), declaredAreaM2: 800 }));
  expect(res.status).toBe(201);
  const gaps = res.body.quality.findings.filter((f: any) => f.code === 'SLIVER_GAP');
  expect(gaps.map((f: any) => f.point).sort()).toEqual(['J1', 'J4']);
  expect(gaps[0].message).toContain('0.050 m');
});

it('warns of a 3 cm sliver overlap, within the 10 cm tolerance of 一级 and so not refused', async () => {
  const res = await hub.request('POST', '/api/surveys/validate', landSupplySubmission(freshParcelCode(), { features: plotEastOf(59.97), declaredAreaM2: 800 }));
  expect(res.body.findings.map((f: any) => f.code)).toEqual(['SLIVER_OVERLAP']);
  expect(res.body.findings[0].message).toContain('about 0.030 m wide (1.20 m²)');
  expect(res.body.passed).toBe(true);
});

it('refuses a 12 cm overlap, beyond the tolerance', async () => {
  const res = await hub.request('POST', '/api/surveys/validate', landSupplySubmission(freshParcelCode(), { features: plotEastOf(59.88), declaredAreaM2: 800 }));
  expect(res.body.findings.map((f: any) => f.code)).toEqual(['OVERLAPS_ACCEPTED_PARCEL']);
});
