// A parcel's accepted results over time (GET /api/parcels/{code}/history) and the parcel read as of a day (?asOf=).
import { expectSchema, freshParcelCode, startTestHub, TEST_ORGANISATION, type TestHub } from '../support/test-hub';
import { freeCell, landSupplySubmission, samplePlotAt } from '../support/fixtures';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.stop());

/** Today in China (UTC+8), YYYY-MM-DD: the day the acceptances of this run happen. */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

async function accept(id: string) {
  const res = await hub.request('POST', `/api/surveys/${id}/review`, { decision: 'accept' });
  expect(res.status).toBe(200);
  return res.body.reviewedAt as string;
}

describe('a parcel with a corrected boundary and a pre-sale survey', () => {
  const parcelCode = freshParcelCode();
  const unitCode = `${parcelCode}F00010001`;
  let first: any, correction: any, presale: any, pending: any;
  const reviewedAt: Record<string, string> = {};

  beforeAll(async () => {
    const [dE, dN] = freeCell();
    const post = async (body: object) => {
      const res = await hub.request('POST', '/api/surveys', body);
      expect(res.status).toBe(201);
      return res.body;
    };
    first = await post(landSupplySubmission(parcelCode, { surveyedOn: '2020-05-01', declaredAreaM2: 2300, features: samplePlotAt(dE, dN) }));
    reviewedAt.first = await accept(first.id);
    presale = await post({ stage: 'presale', kind: '房产预测', parcelCode, organisation: TEST_ORGANISATION, surveyedOn: '2022-01-10', crs: 'EPSG:4526', precisionClass: 2, units: [{ unitCode, buildingAreaM2: 100, innerAreaM2: 80, sharedAreaM2: 20 }] });
    reviewedAt.presale = await accept(presale.id);
    // The correction widens the hole J5–J8 by 5 cm to the south: 2400 − 10 × 10.05 = 2299.5 m², declared as such.
    // (It used to declare 2299.5 m² for the unchanged 2300 m² plot, which only the building-area 限差 let through.)
    const corrected = samplePlotAt(dE, dN);
    for (const pos of corrected.features[0].geometry.coordinates[1]) if (pos[1] === 3899280 + dN) pos[1] -= 0.05;
    correction = await post(landSupplySubmission(parcelCode, { surveyedOn: '2020-06-01', declaredAreaM2: 2299.5, supersedes: first.id, features: corrected }));
    reviewedAt.correction = await accept(correction.id);
    pending = await post(landSupplySubmission(parcelCode, { surveyedOn: '2024-01-01', features: samplePlotAt(dE + 0.5, dN) }));
  });

  it('lists each accepted result in order of acceptance, with its areas and when it was superseded', async () => {
    const res = await hub.request('GET', `/api/parcels/${parcelCode}/history`);
    expect(res.status).toBe(200);
    expectSchema('parcel-history', res.body);
    expect(res.body.parcelCode).toBe(parcelCode);
    expect(res.body.accepted.map((r: any) => r.id)).toEqual([first.id, presale.id, correction.id]);
    expect(res.body.accepted.map((r: any) => r.id)).not.toContain(pending.id);
    const [a, p, c] = res.body.accepted;
    expect(a).toMatchObject({ stage: 'land_supply', kind: '权籍调查', organisation: TEST_ORGANISATION, surveyedOn: '2020-05-01', reviewedAt: reviewedAt.first, supersededBy: correction.id, supersededAt: reviewedAt.correction, planeAreaM2: 2300, declaredAreaM2: 2300, current: false });
    expect(p).toMatchObject({ stage: 'presale', units: { count: 1, buildingAreaM2: 100, innerAreaM2: 80, sharedAreaM2: 20 }, current: true });
    expect(c).toMatchObject({ supersedes: first.id, supersededBy: null, supersededAt: null, declaredAreaM2: 2299.5, current: true });
  });

  it('gives per stage the periods each result was the current one', async () => {
    const { body } = await hub.request('GET', `/api/parcels/${parcelCode}/history`);
    expect(body.periodsByStage.land_supply).toEqual([
      { surveyId: first.id, kind: '权籍调查', organisation: TEST_ORGANISATION, surveyedOn: '2020-05-01', from: reviewedAt.first, until: reviewedAt.correction, endedBy: 'superseded', endedByResult: correction.id },
      { surveyId: correction.id, kind: '权籍调查', organisation: TEST_ORGANISATION, surveyedOn: '2020-06-01', from: reviewedAt.correction, until: null, endedBy: null, endedByResult: null },
    ]);
    expect(body.periodsByStage.presale).toEqual([expect.objectContaining({ surveyId: presale.id, from: reviewedAt.presale, until: null })]);
    expect(body.periodsByStage.completion).toEqual([]);
    expect(body.boundaryPeriods.map((p: any) => p.surveyId)).toEqual([first.id, correction.id]);
  });

  it('reads the parcel as of today like the normal read, with the asOf field (end of the day, UTC+8)', async () => {
    const today = chinaToday();
    const [now, asOf] = await Promise.all([hub.request('GET', `/api/parcels/${parcelCode}`), hub.request('GET', `/api/parcels/${parcelCode}?asOf=${today}`)]);
    expect(asOf.status).toBe(200);
    expectSchema('parcel-detail', asOf.body);
    expectSchema('parcel-as-of', asOf.body);
    expect(now.body.asOf).toBeUndefined();
    expect(asOf.body.asOf).toEqual({ date: today, timeZone: 'Asia/Shanghai', through: `${today}T15:59:59.999Z` });
    expect(asOf.body.currentBoundary.surveyId).toBe(correction.id);
    expect(asOf.body.areasByStage).toEqual(now.body.areasByStage);
    expect(asOf.body.areasByStage.land_supply).toMatchObject({ surveyId: correction.id, declaredAreaM2: 2299.5 });
    expect(asOf.body.timeline.map((r: any) => r.id)).toEqual(now.body.timeline.map((r: any) => r.id));
  });

  it('finds nothing reusable on a day before any acceptance', async () => {
    const res = await hub.request('GET', `/api/parcels/${parcelCode}?asOf=2000-01-01`);
    expect(res.status).toBe(200);
    expectSchema('parcel-as-of', res.body);
    expect(res.body.asOf.date).toBe('2000-01-01');
    expect(res.body.timeline).toEqual([]);
    expect(res.body.currentBoundary).toBeNull();
    expect(Object.values(res.body.areasByStage)).toEqual([null, null, null, null, null]);
    expect(res.body.parcel.parcelCode).toBe(parcelCode);
    // and the read without asOf is unchanged
    expect((await hub.request('GET', `/api/parcels/${parcelCode}`)).body.currentBoundary.surveyId).toBe(correction.id);
  });

  it('lets a surveyor of another organisation read the history of accepted results', async () => {
    const { cookie } = await hub.login(['surveyor'], { organisation: '另一测绘公司' });
    const res = await fetch(`${hub.url}/api/parcels/${parcelCode}/history`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect((await res.json()).accepted).toHaveLength(3);
  });
});

describe('errors', () => {
  it('answers 400 for an asOf that is not a calendar day, naming asOf', async () => {
    const parcelCode = freshParcelCode();
    await hub.request('PUT', `/api/parcels/${parcelCode}`, {});
    for (const bad of ['2025-02-30', '2025-1-5', 'yesterday', '2025-03-01T00:00:00Z']) {
      const res = await hub.request('GET', `/api/parcels/${parcelCode}?asOf=${encodeURIComponent(bad)}`);
      expect([bad, res.status, res.body.code]).toEqual([bad, 400, 'AS_OF_INVALID']);
      expectSchema('error', res.body);
      expect(res.body.message).toContain('asOf');
    }
  });

  it('answers 404 for the history of an unknown parcel, or one outside the viewer\'s counties, and 400 for a bad code', async () => {
    const unknown = await hub.request('GET', `/api/parcels/${freshParcelCode()}/history`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'PARCEL_NOT_FOUND']);
    const parcelCode = freshParcelCode();
    await hub.request('PUT', `/api/parcels/${parcelCode}`, {});
    const empty = await hub.request('GET', `/api/parcels/${parcelCode}/history`);
    expect(empty.status).toBe(200);
    expect(empty.body.accepted).toEqual([]);
    const { cookie } = await hub.login(['registrar'], { countyCodes: ['410802'] });
    const elsewhere = await fetch(`${hub.url}/api/parcels/${parcelCode}/history`, { headers: { cookie } });
    expect(elsewhere.status).toBe(404);
    const bad = await hub.request('GET', '/api/parcels/410871001004GB90001/history');
    expect([bad.status, bad.body.code]).toEqual([400, 'PARCEL_CODE_INVALID']);
  });
});
