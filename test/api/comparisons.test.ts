// Pre-sale (预测) vs verified (实测) areas for planners: 面积误差比, the 3 % flag, the GB/T 17986.1 限差, totals, CSV.
import { expectSchema, freshParcelCode, startTestHub, TEST_ORGANISATION, type TestHub } from '../support/test-hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.stop());

type Unit = { unitCode: string; buildingAreaM2: number; innerAreaM2: number; sharedAreaM2: number };
const unit = (parcelCode: string, buildingUnit: string, inner: number, shared: number): Unit =>
  ({ unitCode: `${parcelCode}F${buildingUnit}`, buildingAreaM2: Math.round((inner + shared) * 100) / 100, innerAreaM2: inner, sharedAreaM2: shared });

async function accepted(body: object): Promise<string> {
  const posted = await hub.request('POST', '/api/surveys', body);
  expect(posted.status).toBe(201);
  const review = await hub.request('POST', `/api/surveys/${posted.body.id}/review`, { decision: 'accept' });
  expect(review.status).toBe(200);
  return posted.body.id;
}

const presale = (parcelCode: string, surveyedOn: string, units: Unit[]) =>
  ({ stage: 'presale', kind: '房产预测', parcelCode, organisation: TEST_ORGANISATION, surveyedOn, crs: 'EPSG:4526', precisionClass: 2, units });
const completion = (parcelCode: string, surveyedOn: string, units: Unit[], precisionClass = 2) =>
  ({ stage: 'completion', kind: '房产实测', parcelCode, organisation: TEST_ORGANISATION, surveyedOn, crs: 'EPSG:4526', precisionClass, units });

/** GB/T 17986.1 二级, worked by hand: m_S = 0.02√S + 0.001S, 限差 = 2·m_S. */
const CLASS2_LIMIT_100 = 2 * (0.02 * 10 + 0.001 * 100); // S = 100 m²: 0.60 m²
const CLASS2_LIMIT_50 = 2 * (0.02 * Math.sqrt(50) + 0.001 * 50); // S = 50 m²: 0.3828… m²

describe('GET /api/comparisons/areas', () => {
  const parcelCode = freshParcelCode();
  let ids: { oldPresale: string; presale: string; completion: string };

  beforeAll(async () => {
    // An older accepted pre-sale survey that the newer one replaces as the current one.
    const oldPresale = await accepted(presale(parcelCode, '2021-05-01', [unit(parcelCode, '00010001', 70, 20)]));
    const presaleId = await accepted(presale(parcelCode, '2022-03-01', [
      unit(parcelCode, '00010001', 80, 20), // 100.00
      unit(parcelCode, '00010002', 80, 20), // 100.00
      unit(parcelCode, '00020001', 40, 10), // 50.00
      unit(parcelCode, '00020002', 48, 12), // 60.00, never verified
    ]));
    const completionId = await accepted(completion(parcelCode, '2024-09-15', [
      unit(parcelCode, '00010001', 82.8, 20.7), // 103.50: +3.50 %
      unit(parcelCode, '00010002', 82.32, 20.58), // 102.90: +2.90 %
      unit(parcelCode, '00020001', 40.08, 10.02), // 50.10: +0.20 %
      unit(parcelCode, '00020003', 56, 14), // 70.00, not in the pre-sale survey
    ]));
    ids = { oldPresale, presale: presaleId, completion: completionId };
  });

  it('flags a unit of 预测 100.00 m² and 实测 103.50 m² at +3.50 %, beyond the 限差 worked by hand', async () => {
    const res = await hub.request('GET', `/api/comparisons/areas?parcelCode=${parcelCode}`);
    expect(res.status).toBe(200);
    expectSchema('area-comparison', res.body);
    const u1 = res.body.units.find((u: any) => u.unitCode === `${parcelCode}F00010001`);
    expect(u1.building).toMatchObject({ presaleM2: 100, verifiedM2: 103.5, ratioText: '+3.50 %', flagged: true, beyondLimit: true });
    expect(u1.building.differenceM2).toBeCloseTo(3.5, 9);
    expect(u1.building.ratioPercent).toBeCloseTo(3.5, 9);
    expect(u1.building.limitM2).toBeCloseTo(CLASS2_LIMIT_100, 9);
    expect(CLASS2_LIMIT_100).toBeCloseTo(0.6, 9);
    // 套内 basis too: 80.00 → 82.80 is +3.50 %; 分摊 has differences but no ratio
    expect(u1.inner).toMatchObject({ presaleM2: 80, verifiedM2: 82.8, ratioText: '+3.50 %', flagged: true });
    expect(u1.shared).toMatchObject({ presaleM2: 20, verifiedM2: 20.7, ratioPercent: null, flagged: false });
    expect(u1.shared.differenceM2).toBeCloseTo(0.7, 9);
    expect(u1.buildingNo).toBe('0001');
  });

  it('does not flag 102.90 m² (+2.90 %), and judges a small difference within the 限差', async () => {
    const res = await hub.request('GET', `/api/comparisons/areas?parcelCode=${parcelCode}`);
    const byCode = Object.fromEntries(res.body.units.map((u: any) => [u.unitCode.slice(19), u]));
    expect(byCode.F00010002.building).toMatchObject({ ratioText: '+2.90 %', flagged: false, beyondLimit: true });
    expect(byCode.F00010002.building.consequence.en).toMatch(/settled on the actual/);
    expect(byCode.F00020001.building).toMatchObject({ ratioText: '+0.20 %', flagged: false, beyondLimit: false });
    expect(byCode.F00020001.building.limitM2).toBeCloseTo(CLASS2_LIMIT_50, 9);
    expect(CLASS2_LIMIT_50).toBeGreaterThan(0.1);
    // units on one side only are reported, never dropped
    expect(byCode.F00020002).toMatchObject({ missing: 'verified', building: { presaleM2: 60, verifiedM2: null, ratioPercent: null } });
    expect(byCode.F00020003).toMatchObject({ missing: 'presale', building: { presaleM2: null, verifiedM2: 70 } });
  });

  it('names the current accepted results the numbers come from, and the 限差 rule of the completion result', async () => {
    const res = await hub.request('GET', `/api/comparisons/areas?parcelCode=${parcelCode}`);
    expect(res.body.sources.presale).toMatchObject({ surveyId: ids.presale, kind: '房产预测', organisation: TEST_ORGANISATION, surveyedOn: '2022-03-01' });
    expect(res.body.sources.verified).toMatchObject({ surveyId: ids.completion, kind: '房产实测', organisation: TEST_ORGANISATION, surveyedOn: '2024-09-15', precisionClass: 2 });
    expect(res.body.sources.presale.surveyId).not.toBe(ids.oldPresale);
    expect(res.body.tolerance).toMatchObject({ standard: 'GB/T 17986.1-2000', precisionClass: 2, className: '二级', a: 0.02, b: 0.001 });
    expect(res.body).toMatchObject({ explanation: null, missingStages: [] });
  });

  it('totals per building (自然幢号) and for the parcel, naming units on one side only', async () => {
    const res = await hub.request('GET', `/api/comparisons/areas?parcelCode=${parcelCode}`);
    const [b1, b2] = res.body.buildings;
    expect(b1).toMatchObject({ parcelCode, buildingNo: '0001', units: 2, presaleOnly: [], verifiedOnly: [] });
    expect(b1.building.presaleM2).toBeCloseTo(200, 9);
    expect(b1.building.verifiedM2).toBeCloseTo(206.4, 9);
    expect(b1.building.ratioText).toBe('+3.20 %');
    expect(b2).toMatchObject({ buildingNo: '0002', units: 3, presaleOnly: [`${parcelCode}F00020002`], verifiedOnly: [`${parcelCode}F00020003`] });
    expect(b2.building.presaleM2).toBeCloseTo(110, 9);
    expect(b2.building.verifiedM2).toBeCloseTo(120.1, 9);
    expect(res.body.parcel).toMatchObject({ parcelCode, units: 5 });
    expect(res.body.parcel.buildingNo).toBeUndefined();
    expect(res.body.parcel.building.presaleM2).toBeCloseTo(310, 9);
    expect(res.body.parcel.building.verifiedM2).toBeCloseTo(326.5, 9);
    expect(res.body.parcel.inner.presaleM2).toBeCloseTo(248, 9);
    expect(res.body.parcel.inner.verifiedM2).toBeCloseTo(261.2, 9);
  });

  it('limits the comparison to one building', async () => {
    const res = await hub.request('GET', `/api/comparisons/areas?parcelCode=${parcelCode}&building=0001`);
    expect(res.status).toBe(200);
    expectSchema('area-comparison', res.body);
    expect(res.body.building).toBe('0001');
    expect(res.body.units.map((u: any) => u.unitCode.slice(19))).toEqual(['F00010001', 'F00010002']);
    expect(res.body.buildings.map((b: any) => b.buildingNo)).toEqual(['0001']);
    expect(res.body.parcel.building.presaleM2).toBeCloseTo(200, 9);
  });

  it('downloads CSV: UTF-8 with BOM, CRLF, a Chinese + English header, one row per unit then the totals', async () => {
    const { status, headers, bytes } = await hub.download(`/api/comparisons/areas?parcelCode=${parcelCode}&format=csv&applicationNo=SQ-2025-001&purpose=planning`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(headers.get('content-disposition')).toContain(encodeURIComponent(`${parcelCode}-预测实测面积对比.csv`));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const rows = text.split('\r\n').slice(0, -1).map((line) => line.split(','));
    const header = rows[0];
    expect(header.slice(0, 2)).toEqual(['行类型 row', '不动产单元号 unit code']);
    expect(header).toContain('建筑面积误差比 building area ratio (%)');
    expect(header).toContain('套内面积误差比 inner area ratio (%)');
    const col = (name: string) => header.findIndex((h) => h.startsWith(name));
    expect(rows.map((r) => r[0])).toEqual(['行类型 row', ...Array(5).fill('单元 unit'), '幢合计 building total', '幢合计 building total', '宗地合计 parcel total']);
    const u1 = rows.find((r) => r[1] === `${parcelCode}F00010001`)!;
    expect([u1[col('预测建筑面积')], u1[col('实测建筑面积')], u1[col('建筑面积差')], u1[col('建筑面积误差比')], u1[col('超3%')], u1[col('建筑面积限差')], u1[col('超限差')]])
      .toEqual(['100.00', '103.50', '3.50', '+3.50', '是 yes', '0.600', '是 yes']);
    const u2 = rows.find((r) => r[1] === `${parcelCode}F00010002`)!;
    expect([u2[col('建筑面积误差比')], u2[col('超3%')]]).toEqual(['+2.90', '否 no']);
    expect(rows.find((r) => r[1] === `${parcelCode}F00020002`)![col('缺少')]).toBe('缺实测 no verified');
    const parcelRow = rows[rows.length - 1];
    expect([parcelRow[1], parcelRow[col('预测建筑面积')], parcelRow[col('实测建筑面积')], parcelRow[col('建筑面积差')]]).toEqual([parcelCode, '310.00', '326.50', '16.50']);
    const b1 = rows[rows.length - 3];
    expect([b1[2], b1[col('建筑面积误差比')]]).toEqual(['0001', '+3.20']);
    // the export is recorded in the audit log
    const audit = await hub.request('GET', `/api/audit?parcelCode=${parcelCode}`);
    expect(audit.status).toBe(200);
    expect(audit.body.items).toContainEqual(expect.objectContaining({ action: 'survey.export', applicationNo: 'SQ-2025-001', purpose: 'planning', subjectId: ids.completion, details: expect.objectContaining({ export: 'area-comparison', presaleSurveyId: ids.presale }) }));
  });

  it('lets a planner compare, and answers a surveyor 403', async () => {
    const get = async (roles: Parameters<TestHub['login']>[0]) => {
      const { cookie } = await hub.login(roles);
      return fetch(`${hub.url}/api/comparisons/areas?parcelCode=${parcelCode}`, { headers: { cookie } });
    };
    const planner = await get(['planner']);
    expect(planner.status).toBe(200);
    expect((await planner.json()).units).toHaveLength(5);
    const surveyor = await get(['surveyor']);
    expect(surveyor.status).toBe(403);
  });
});

describe('GET /api/comparisons/areas without a comparison', () => {
  it('explains which stage is missing (200, not an error)', async () => {
    const parcelCode = freshParcelCode();
    await accepted(presale(parcelCode, '2022-03-01', [unit(parcelCode, '00010001', 80, 20)]));
    const res = await hub.request('GET', `/api/comparisons/areas?parcelCode=${parcelCode}`);
    expect(res.status).toBe(200);
    expectSchema('area-comparison', res.body);
    expect(res.body).toMatchObject({ missingStages: ['completion'], units: [], parcel: null, sources: { verified: null } });
    expect(res.body.explanation).toMatch(/completion/);
    expect(res.body.explanation).not.toMatch(/pre-sale \(预测, stage presale\) result/);
  });

  it('does not count a completion result that is only submitted', async () => {
    const parcelCode = freshParcelCode();
    await accepted(completion(parcelCode, '2024-01-01', [unit(parcelCode, '00010001', 80, 20)]));
    await hub.request('POST', '/api/surveys', presale(parcelCode, '2022-03-01', [unit(parcelCode, '00010001', 80, 20)]));
    const res = await hub.request('GET', `/api/comparisons/areas?parcelCode=${parcelCode}`);
    expect(res.status).toBe(200);
    expect(res.body.missingStages).toEqual(['presale']);
    expect(res.body.explanation).toMatch(/pre-sale/);
  });

  it('answers 400 naming parcelCode when it is missing or invalid, and 404 for an unknown parcel', async () => {
    const missing = await hub.request('GET', '/api/comparisons/areas');
    expect(missing.status).toBe(400);
    expectSchema('error', missing.body);
    expect(missing.body).toMatchObject({ code: 'PARCEL_CODE_REQUIRED' });
    expect(missing.body.message).toContain('parcelCode');
    const invalid = await hub.request('GET', '/api/comparisons/areas?parcelCode=410871001004GB90001');
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('PARCEL_CODE_INVALID');
    expect(invalid.body.message).toContain('parcelCode');
    const unknown = await hub.request('GET', `/api/comparisons/areas?parcelCode=${freshParcelCode()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('PARCEL_NOT_FOUND');
    const building = await hub.request('GET', `/api/comparisons/areas?parcelCode=${freshParcelCode()}&building=1`);
    expect([building.status, building.body.code]).toEqual([400, 'BUILDING_NO_INVALID']);
  });
});
