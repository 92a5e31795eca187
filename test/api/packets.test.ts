// The reuse engine walked rule by rule (DOMAIN.md R1–R6), with a parcel holding exactly the stages each rule needs.
import { parseExchangeTxt } from '../../server/formats/txt-exchange.format';
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { freeCell, landSupplySubmission, samplePlotAt } from '../support/fixtures';
import { txtOfPlots } from '../support/files';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.stop());

const accept = (id: string) => hub.request('POST', `/api/surveys/${id}/review`, { decision: 'accept' });
const packet = (parcelCode: string, registrationType: string, extra: object = {}) =>
  hub.request('POST', '/api/registration-packets', { parcelCode, registrationType, applicationNo: `JZ-${parcelCode.slice(-5)}`, purpose: '不动产登记', ...extra });

/** A parcel with an accepted boundary result of `kind` (the sample plot in a free cell); returns code, result and plot offset. */
async function parcelWith(kind: string, stage = 'land_supply', overrides: object = {}) {
  const parcelCode = freshParcelCode();
  const cell = freeCell();
  const res = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { kind, stage, features: samplePlotAt(...cell), ...overrides }));
  expect(res.status).toBe(201);
  await accept(res.body.id);
  return { parcelCode, survey: res.body, cell };
}

describe('国有建设用地使用权首次登记', () => {
  it('R2: reuses the cadastral survey of the land-supply stage, boundary and 界址点 as surveyed', async () => {
    const { parcelCode, survey } = await parcelWith('权籍调查', 'land_supply', { declaredAreaM2: undefined });
    const res = await packet(parcelCode, '国有建设用地使用权首次登记');
    expect(res.status).toBe(201);
    expect(res.body.decision).toBe('reuse');
    expect(res.body.reason.en).toMatch(/^Reuse: no new survey required/);
    expect(res.body.boundary).toMatchObject({ rule: 'R2', source: { surveyId: survey.id, stage: 'land_supply', kind: '权籍调查' } });
    expect(res.body.boundary.reason.zh).toContain('首次登记不再重新测量');
    expect(res.body.boundaryPoints.map((p: any) => p.pointNo)).toEqual(['J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'J7', 'J8']);
    expect(res.body.landArea).toMatchObject({ value: 2300, computedM2: 2300, rule: 'R2' });
  });

  it('R3 and R4: the supply document\'s coordinates are the boundary and its area is registered, the computation beside it', async () => {
    const { parcelCode, survey } = await parcelWith('出让合同', 'land_supply', { declaredAreaM2: 2300.05 });
    const res = await packet(parcelCode, '国有建设用地使用权首次登记');
    expect(res.body.boundary).toMatchObject({ rule: 'R4', source: { surveyId: survey.id } });
    expect(res.body.landArea).toMatchObject({ value: 2300.05, computedM2: 2300, rule: 'R3' });
  });

  it('asks for a new survey where no land-supply result is accepted', async () => {
    const parcelCode = freshParcelCode();
    await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { features: samplePlotAt(...freeCell()) })); // submitted, not accepted
    const res = await packet(parcelCode, '国有建设用地使用权首次登记');
    expect(res.body.decision).toBe('new_survey_required');
    expect(res.body.reason.en).toContain('no accepted land-supply boundary result');
  });
});

describe('R1: a re-survey of a legacy boundary', () => {
  async function resurvey(moveM: number) {
    const { parcelCode, survey, cell } = await parcelWith('勘测定界', 'legacy');
    const moved = samplePlotAt(cell[0] + moveM, cell[1]);
    const again = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { surveyedOn: '2025-09-01', features: moved }));
    expect(again.status).toBe(201);
    return { parcelCode, accepted: survey, candidate: again.body };
  }

  it('reuses the accepted coordinates when every point moved 3 cm at 一级', async () => {
    const { parcelCode, accepted, candidate } = await resurvey(0.03);
    const res = await packet(parcelCode, '国有建设用地使用权首次登记');
    expect(res.body.decision).toBe('reuse');
    expect(res.body.boundary).toMatchObject({ rule: 'R1', source: { surveyId: accepted.id } });
    expect(res.body.reason.en).toContain('the boundary did not change (R1)');
    const diff = await hub.request('GET', `/api/parcels/${parcelCode}/boundary-diff?against=${candidate.id}`);
    expect(diff.body).toMatchObject({ sameBoundary: true, tolerance: 0.1 });
    expect(diff.body.maxDisplacementM).toBeCloseTo(0.03, 6);
  });

  it('asks for a new survey when the points moved 30 cm, naming them', async () => {
    const { parcelCode, candidate } = await resurvey(0.3);
    const res = await packet(parcelCode, '国有建设用地使用权首次登记');
    expect(res.body.decision).toBe('new_survey_required');
    expect(res.body.reason.en).toMatch(/the boundary changed: .*J1 moved 0\.300 m/);
    const diff = await hub.request('GET', `/api/parcels/${parcelCode}/boundary-diff?against=${candidate.id}`);
    expect(diff.body.sameBoundary).toBe(false);
    expect(diff.body.moved.map((m: any) => m.pointNo)).toEqual(['J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'J7', 'J8']);
    // Moved 0.3 m east: a 0.3 m strip leaves and one joins along each 40 m side of the outer ring and each 10 m
    // side of the hole: 2 × 0.3 × (40 + 10) = 30 m² (to the spacing of doubles at these magnitudes).
    expect(diff.body.symmetricDifferenceM2).toBeCloseTo(2 * 0.3 * (40 + 10), 4);
    expect(diff.body.hausdorffM).toBeCloseTo(0.3, 6);
  });
});

describe('房屋所有权首次登记', () => {
  async function withUnits(presale: number | null, verified: number | null) {
    const { parcelCode } = await parcelWith('权籍调查');
    const unitCode = `${parcelCode}F00010001`;
    const units = (area: number) => [{ unitCode, buildingAreaM2: area }];
    const base = { parcelCode, organisation: '焦作市测试测绘有限公司', crs: 'EPSG:4526', precisionClass: 2 };
    if (presale !== null) await accept((await hub.request('POST', '/api/surveys', { ...base, stage: 'presale', kind: '房产预测', surveyedOn: '2023-01-01', units: units(presale) })).body.id);
    if (verified !== null) await accept((await hub.request('POST', '/api/surveys', { ...base, stage: 'completion', kind: '房产实测', surveyedOn: '2025-01-01', units: units(verified) })).body.id);
    return { parcelCode, unitCode };
  }

  it('R5: registers the verified area of the completion acceptance', async () => {
    const { parcelCode } = await withUnits(null, 98.76);
    const res = await packet(parcelCode, '房屋所有权首次登记');
    expect(res.body.decision).toBe('reuse');
    expect(res.body.units[0].registered).toMatchObject({ value: 98.76, rule: 'R5', source: { kind: '房产实测' } });
  });

  it('R6: registers the verified area where the pre-sale area differs, with the difference beside it', async () => {
    const { parcelCode } = await withUnits(100, 103.5);
    const res = await packet(parcelCode, '房屋所有权首次登记');
    expect(res.body.units[0].registered).toMatchObject({ value: 103.5, rule: 'R6' });
    expect(res.body.units[0].building).toMatchObject({ presaleM2: 100, verifiedM2: 103.5, ratioText: '+3.50 %', flagged: true });
  });

  it('asks for a new survey without an accepted completion result', async () => {
    const { parcelCode } = await withUnits(100, null);
    const res = await packet(parcelCode, '房屋所有权首次登记');
    expect(res.body.decision).toBe('new_survey_required');
    expect(res.body.reason.en).toContain('no accepted completion (房产实测) result');
  });
});

describe('purpose-bound access (R8)', () => {
  it('refuses a packet without an application number or a purpose, saying why', async () => {
    const { parcelCode } = await parcelWith('权籍调查');
    const res = await hub.request('POST', '/api/registration-packets', { parcelCode, registrationType: '转移登记', purpose: '不动产登记' });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('applicationNo is required');
    expect(res.body.message).toContain('registration only');
  });

  it('records every packet and download in the access log under the reader\'s application, and keeps packets immutable', async () => {
    const { parcelCode } = await parcelWith('权籍调查');
    const created = await packet(parcelCode, '转移登记', { applicationNo: 'JZ2025-42', purpose: '转移登记审核' });
    const unsaid = await hub.request('GET', `/api/registration-packets/${created.body.packetId}`);
    expect([unsaid.status, unsaid.body.code]).toEqual([400, 'PURPOSE_REQUIRED']);
    const reading = `applicationNo=JZ2025-43&purpose=${encodeURIComponent('抵押登记')}`;
    const txt = await hub.download(`/api/registration-packets/${created.body.packetId}?format=txt&${reading}`);
    const parsed = parseExchangeTxt(txt.bytes, 'packet.txt');
    expect(parsed.ok && parsed.value.plots[0].parts[0].rings[0].points.map((p) => p.pointNo)).toEqual(['J1', 'J2', 'J3', 'J4']);
    const html = Buffer.from((await hub.download(`/api/registration-packets/${created.body.packetId}?format=html&${reading}`)).bytes).toString('utf8');
    expect(html).toContain(created.body.reason.zh);
    const log = await hub.request('GET', `/api/access-log?parcelCode=${parcelCode}`);
    expect(log.body.items.map((e: any) => [e.action, e.applicationNo, e.purpose])).toEqual([
      ['packet.read', 'JZ2025-43', '抵押登记'], ['packet.read', 'JZ2025-43', '抵押登记'], ['packet.create', 'JZ2025-42', '转移登记审核'],
    ]);
    await expect(hub.pool.query("UPDATE registration_packet SET purpose = 'x' WHERE id = $1", [created.body.packetId])).rejects.toThrow(/immutable/);
  });
});

describe('a candidate file against the accepted boundary', () => {
  it('compares a TXT before it is submitted: 3 cm is the same boundary, 30 cm names the moved points', async () => {
    const { parcelCode, cell } = await parcelWith('权籍调查');
    const compare = async (moveM: number) => {
      const bytes = txtOfPlots([{ plotNo: parcelCode, dE: cell[0] + moveM, dN: cell[1] }]);
      return hub.upload(`/api/parcels/${parcelCode}/boundary-diff`, {}, { name: 'candidate.txt', bytes });
    };
    const same = await compare(0.03);
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ sameBoundary: true, againstSurveyId: null });
    const changed = await compare(0.3);
    expect(changed.body.sameBoundary).toBe(false);
    expect(changed.body.moved).toHaveLength(8);
    expect(changed.body.reason).toContain('J1 moved 0.300 m');
    expect(changed.body.symmetricDifferenceM2).toBeCloseTo(2 * 0.3 * (40 + 10), 4);
  });
});
