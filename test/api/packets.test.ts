// The reuse engine through the API, rule by rule (DOMAIN.md §1 R1–R8, §5, §8; docs/decision-table.md): each parcel holds
// exactly what a registrar meets, and each expectation is the registry's rule, not the engine's output.
import { parseExchangeTxt } from '../../server/formats/txt-exchange.format';
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { freeCell, landSupplySubmission, samplePlotAt } from '../support/fixtures';
import { txtOfPlots } from '../support/files';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.stop());

const ORG = '焦作市测试测绘有限公司';
const SUPPLY = { supplyDocumentKind: '出让合同', supplyDocumentNo: '焦土出让(2024)17号', supplyDocumentDate: '2024-12-01' };
const accept = async (id: string) => {
  const res = await hub.request('POST', `/api/surveys/${id}/review`, { decision: 'accept' });
  expect(res.status).toBe(200);
  return res.body;
};
const submit = async (body: object, status = 201) => {
  const res = await hub.request('POST', '/api/surveys', body);
  expect([res.status, res.body.code]).toEqual([status, status === 201 ? undefined : res.body.code]);
  return res.body;
};
const packet = (parcelCode: string, registrationType: string, extra: object = {}) =>
  hub.request('POST', '/api/registration-packets', { parcelCode, registrationType, applicationNo: `JZ-${parcelCode.slice(-5)}`, purpose: '不动产登记', ...extra });

/** A rectangle w × h m (east × north) whose north-west corner is the sample plot's J1 moved by `cell`, as features in EPSG:4526. */
function rectAt(cell: [number, number], w: number, h: number, dE = 0) {
  const [e0, n0] = [38430800 + cell[0] + dE, 3899300 + cell[1]];
  const ring = [[e0, n0], [e0 + w, n0], [e0 + w, n0 - h], [e0, n0 - h], [e0, n0]];
  return { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: null }] };
}

/** A parcel with an accepted boundary result of `kind` (the sample plot in a free cell). */
async function parcelWith(kind: string, stage = 'land_supply', overrides: object = {}, parcelCode = freshParcelCode()) {
  const cell = freeCell();
  const survey = await submit(landSupplySubmission(parcelCode, { kind, stage, features: samplePlotAt(...cell), ...overrides }));
  return { parcelCode, survey: await accept(survey.id), cell };
}

const units = (parcelCode: string, areas: number[]) => areas.map((a, i) => ({ unitCode: `${parcelCode}F0001${String(i + 1).padStart(4, '0')}`, buildingAreaM2: a }));
const unitResult = (parcelCode: string, stage: string, kind: string, areas: number[], extra: object = {}) =>
  ({ parcelCode, organisation: ORG, crs: 'EPSG:4526', precisionClass: 2, stage, kind, surveyedOn: '2025-01-01', units: units(parcelCode, areas), ...extra });

describe('first registration of state construction land (国有建设用地使用权首次登记)', () => {
  it('R2: reuses a cadastral survey of the supply stage used for the supply procedure, citing the document', async () => {
    const { parcelCode, survey } = await parcelWith('权籍调查', 'land_supply', SUPPLY);
    expect(survey.supplyDocument).toEqual({ kind: '出让合同', no: '焦土出让(2024)17号', date: '2024-12-01' });
    const res = await packet(parcelCode, '国有建设用地使用权首次登记');
    expect(res.status).toBe(201);
    expect(res.body.decision).toBe('reuse');
    expect(res.body.boundary).toMatchObject({ rule: 'R2', source: { surveyId: survey.id, kind: '权籍调查' } });
    expect(res.body.boundary.reason.zh).toContain('焦土出让(2024)17号');
    expect(res.body.boundaryPoints.map((p: any) => p.pointNo)).toEqual(['J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'J7', 'J8']);
    expect(res.body.landArea).toMatchObject({ value: 2300, computedM2: 2300 });
  });

  it('R3 and R4: an accepted supply document with coordinates is the boundary and its area is registered, the computation beside it', async () => {
    const { parcelCode, survey } = await parcelWith('出让合同', 'land_supply', { declaredAreaM2: 2300.05, supplyDocumentKind: '出让合同', supplyDocumentNo: '焦土出让(2020)3号', supplyDocumentDate: '2020-03-01' });
    const res = await packet(parcelCode, '国有建设用地使用权首次登记');
    expect(res.body.boundary).toMatchObject({ rule: 'R4', source: { surveyId: survey.id } });
    expect(res.body.landArea).toMatchObject({ value: 2300.05, computedM2: 2300, rule: 'R3' });
    expect(res.body.landArea.note.zh).toContain('按R3登记供地文件面积');
  });

  it('records an area-only 出让合同 (no coordinates) and registers its area under R3 with the boundary of the 权籍调查 (item 8)', async () => {
    const parcelCode = freshParcelCode();
    const contract = await submit({ parcelCode, stage: 'land_supply', kind: '出让合同', organisation: '焦作市自然资源和规划局', surveyedOn: '2024-06-01', crs: 'EPSG:4526', precisionClass: 1, declaredAreaM2: 2300.4, supplyDocumentKind: '出让合同', supplyDocumentNo: '焦土出让(2024)9号', supplyDocumentDate: '2024-06-01' });
    expect([contract.hasGeometry, contract.declaredAreaM2]).toEqual([false, 2300.4]);
    await accept(contract.id);
    const survey = await accept((await submit(landSupplySubmission(parcelCode, SUPPLY))).id);
    const res = await packet(parcelCode, '国有建设用地使用权首次登记');
    expect(res.body.decision).toBe('reuse');
    expect(res.body.boundary.source.surveyId).toBe(survey.id);
    expect(res.body.landArea).toMatchObject({ value: 2300.4, rule: 'R3', source: { surveyId: contract.id }, computedM2: 2300 });
  });

  it('stops applying the supply document\'s area once a 权籍调查 beyond the 允许误差 establishes a new boundary (item 4)', async () => {
    const parcelCode = freshParcelCode();
    const cell = freeCell();
    await accept((await submit(landSupplySubmission(parcelCode, { kind: '出让合同', features: rectAt(cell, 80, 50), declaredAreaM2: 4000, ...SUPPLY }))).id);
    const half = await accept((await submit(landSupplySubmission(parcelCode, { surveyedOn: '2025-06-01', features: rectAt(cell, 40, 50), declaredAreaM2: 2000 }))).id);
    expect(half.boundaryRole).toBe('establishes');
    const res = await packet(parcelCode, '国有建设用地使用权首次登记');
    expect(res.body.boundary.source.surveyId).toBe(half.id);
    expect(res.body.landArea).toMatchObject({ value: 2000, source: { surveyId: half.id } });
    expect(res.body.landArea.rule).not.toBe('R3');
  });

  it('keeps the supply document\'s coordinates (R4) when a 权籍调查 confirms them within the 允许误差, citing it (item 7)', async () => {
    const parcelCode = freshParcelCode();
    const cell = freeCell();
    const contract = await accept((await submit(landSupplySubmission(parcelCode, { kind: '出让合同', features: samplePlotAt(...cell), declaredAreaM2: 2300, ...SUPPLY }))).id);
    const again = await accept((await submit(landSupplySubmission(parcelCode, { surveyedOn: '2025-06-01', features: samplePlotAt(cell[0] + 0.03, cell[1]), ...SUPPLY }))).id);
    expect([again.boundaryRole, again.boundaryOf]).toEqual(['confirms', contract.id]);
    const res = await packet(parcelCode, '国有建设用地使用权首次登记');
    expect(res.body.boundary).toMatchObject({ rule: 'R4', source: { surveyId: contract.id }, confirmedBy: [{ surveyId: again.id }] });
    expect(res.body.landArea).toMatchObject({ value: 2300, rule: 'R3', source: { surveyId: contract.id } });
    const parcel = await hub.request('GET', `/api/parcels/${parcelCode}`);
    expect(parcel.body.currentBoundary.surveyId).toBe(contract.id);
  });

  it('does not take a 勘测定界 of the supply stage as the 权籍调查 (item 9)', async () => {
    const { parcelCode } = await parcelWith('勘测定界');
    const res = await packet(parcelCode, '国有建设用地使用权首次登记');
    expect(res.body.decision).toBe('new_survey_required');
    expect(res.body.reason.zh).toContain('不是不动产权籍调查成果');
  });

  it('answers awaiting_review, not new_survey_required, when the needed 权籍调查 is submitted but not decided', async () => {
    const parcelCode = freshParcelCode();
    const pending = await submit(landSupplySubmission(parcelCode, SUPPLY));
    const res = await packet(parcelCode, '国有建设用地使用权首次登记');
    expect(res.body.decision).toBe('awaiting_review');
    expect(res.body.requirements).toEqual([expect.objectContaining({ requirement: 'land_boundary', state: 'pending', surveyIds: [pending.id] })]);
    expect(res.body.reason.zh).toMatch(/^等待审核/);
  });

  it('refuses a state first registration on a collective homestead parcel with a 400 naming both (item 10)', async () => {
    const { parcelCode } = await parcelWith('权籍调查', 'land_supply', {}, freshParcelCode('JC'));
    const res = await packet(parcelCode, '国有建设用地使用权首次登记');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'REGISTRATION_TYPE_NOT_APPLICABLE', details: { decision: 'not_applicable' } });
    expect(res.body.message).toContain(parcelCode);
    expect(res.body.message).toContain('G + B/S/X');
    const homestead = await packet(parcelCode, '宅基地使用权及房屋所有权首次登记');
    expect([homestead.status, homestead.body.decision]).toEqual([201, 'new_survey_required']);
  });
});

describe('R1: a re-survey of a legacy boundary, and legacy areas', () => {
  async function resurvey(moveM: number, classes: { accepted?: number; candidate?: number } = {}) {
    const { parcelCode, survey, cell } = await parcelWith('勘测定界', 'legacy', { surveyedOn: '2010-06-01', precisionClass: classes.accepted ?? 1 });
    const again = await submit(landSupplySubmission(parcelCode, { surveyedOn: '2025-09-01', features: samplePlotAt(cell[0] + moveM, cell[1]), precisionClass: classes.candidate ?? 1, ...SUPPLY }));
    return { parcelCode, accepted: survey, candidate: again };
  }

  it('reuses the accepted coordinates when every point moved 3 cm at 一级, and a pending re-survey does not hold it up', async () => {
    const { parcelCode, accepted, candidate } = await resurvey(0.03);
    const res = await packet(parcelCode, '国有建设用地使用权首次登记');
    expect(res.body.decision).toBe('reuse');
    expect(res.body.boundary).toMatchObject({ rule: 'R1', source: { surveyId: accepted.id } });
    expect(res.body.reason.zh).toContain('界址未变化');
    const diff = await hub.request('GET', `/api/parcels/${parcelCode}/boundary-diff?against=${candidate.id}`);
    expect(diff.body).toMatchObject({ sameBoundary: true, tolerance: 0.1 });
  });

  it('keeps coordinates and area once the re-survey within the 允许误差 is accepted: it confirms (item 7)', async () => {
    const { parcelCode, accepted, candidate } = await resurvey(0.03);
    const confirmed = await accept(candidate.id);
    expect([confirmed.boundaryRole, confirmed.boundaryOf]).toEqual(['confirms', accepted.id]);
    const res = await packet(parcelCode, '国有建设用地使用权首次登记');
    expect(res.body.boundary).toMatchObject({ source: { surveyId: accepted.id }, confirmedBy: [{ surveyId: candidate.id }] });
    const [first, second] = await Promise.all([accepted.id, candidate.id].map(async (id) => (await hub.request('GET', `/api/surveys/${id}`)).body.boundaryPoints[0].yText));
    expect(first).not.toBe(second);
    expect(res.body.boundaryPoints[0]).toMatchObject({ pointNo: 'J1', y: first });
    expect(res.body.landArea.source.surveyId).toBe(accepted.id);
  });

  it('judges a move against the accepted result\'s 三级 ±0.20 m and says so (item 19)', async () => {
    const { parcelCode } = await resurvey(0.15, { accepted: 3, candidate: 1 });
    const res = await packet(parcelCode, '国有建设用地使用权首次登记');
    expect(res.body.decision).toBe('reuse');
    expect(res.body.reason.zh).toContain('三级允许误差±0.20 m');
    expect(res.body.reason.zh).not.toContain('一级');
  });

  it('waits for the review of a re-survey that moved the points 30 cm, naming them', async () => {
    const { parcelCode } = await resurvey(0.3);
    const res = await packet(parcelCode, '国有建设用地使用权首次登记');
    expect(res.body.decision).toBe('awaiting_review');
    expect(res.body.reason.en).toMatch(/J1 moved 0\.300 m/);
  });

  it('registers legacy 房产测量 unit areas under R1; a legacy result surveyed after unified registration is not called 统一登记前 (item 5)', async () => {
    const { parcelCode } = await parcelWith('勘测定界', 'legacy', { surveyedOn: '2012-05-01' });
    const legacy = await accept((await submit(unitResult(parcelCode, 'legacy', '房产测量', [88.456], { surveyedOn: '2012-05-01' }))).id);
    const res = await packet(parcelCode, '房屋所有权首次登记');
    expect(res.body.decision).toBe('reuse');
    expect(res.body.units[0].registered).toMatchObject({ value: 88.46, rule: 'R1', source: { surveyId: legacy.id } });
    const late = await parcelWith('权籍调查', 'legacy', { surveyedOn: '2019-05-01' });
    const lateRes = await packet(late.parcelCode, '国有建设用地使用权首次登记');
    expect(lateRes.body.boundary.rule).not.toBe('R1');
    expect(lateRes.body.boundary.reason.zh).not.toContain('统一登记前');
  });
});

describe('first registration of a building (房屋所有权首次登记)', () => {
  async function completed(options: { presale?: number[]; verified?: number[]; planning?: boolean; acceptanceNo?: boolean; areaClass?: number } = {}) {
    const { parcelCode } = await parcelWith('权籍调查', 'land_supply', SUPPLY);
    if (options.presale) await accept((await submit(unitResult(parcelCode, 'presale', '房产预测', options.presale, { surveyedOn: '2023-01-01' }))).id);
    const acceptance = options.acceptanceNo ? { completionAcceptanceNo: '焦竣联验(2025)88号', completionAcceptanceDate: '2025-02-01' } : {};
    if (options.verified) await accept((await submit(unitResult(parcelCode, 'completion', '房产实测', options.verified, { ...acceptance, ...(options.areaClass ? { areaPrecisionClass: options.areaClass } : {}) }))).id);
    if (options.planning) await accept((await submit({ ...unitResult(parcelCode, 'completion', '规划核实', [1000]), ...acceptance })).id);
    return parcelCode;
  }

  it('R5: registers the verified area with the 规划核实 and the completion acceptance cited', async () => {
    const parcelCode = await completed({ verified: [98.76], planning: true, acceptanceNo: true });
    const res = await packet(parcelCode, '房屋所有权首次登记');
    expect(res.body.decision).toBe('reuse');
    expect(res.body.units[0].registered).toMatchObject({ value: 98.76, rule: 'R5', source: { kind: '房产实测' } });
    expect(res.body.requirements.find((r: any) => r.requirement === 'completion_acceptance').reason.zh).toContain('焦竣联验(2025)88号');
  });

  it('asks for the land boundary, the 规划核实 and the completion acceptance when only a 房产实测 exists (item 6)', async () => {
    const parcelCode = freshParcelCode();
    await accept((await submit(unitResult(parcelCode, 'completion', '房产实测', [98.76]))).id);
    const res = await packet(parcelCode, '房屋所有权首次登记');
    expect(res.body.decision).toBe('new_survey_required');
    expect(res.body.requirements.filter((r: any) => r.state === 'missing').map((r: any) => r.requirement)).toEqual(['land_boundary', 'planning_verification', 'completion_acceptance']);
  });

  it('never takes unit areas from a 规划核实, and names the units of the 楼盘表 missing from the 实测 (item 2)', async () => {
    const parcelCode = await completed({ presale: Array(11).fill(90), verified: Array(10).fill(90.5), planning: true, acceptanceNo: true });
    const res = await packet(parcelCode, '房屋所有权首次登记');
    expect(res.body.decision).toBe('new_survey_required');
    expect(res.body.unitsMissingFromVerified).toEqual([`${parcelCode}F00010011`]);
    expect(res.body.units.filter((u: any) => u.registered).map((u: any) => u.registered.source.kind)).toEqual(Array(10).fill('房产实测'));
    const comparison = await hub.request('GET', `/api/comparisons/areas?parcelCode=${parcelCode}`);
    expect(comparison.body.sources.verified.kind).toBe('房产实测');
  });

  it('R6: registers the verified area where pre-sale differs; the 房产面积 class (not the 界址点 class) sets the 限差 (item 19)', async () => {
    const parcelCode = await completed({ presale: [100], verified: [101], planning: true, acceptanceNo: true, areaClass: 3 });
    const res = await packet(parcelCode, '房屋所有权首次登记');
    expect(res.body.units[0].registered).toMatchObject({ value: 101, rule: 'R6' });
    // 三级: 限差 = 2 × (0.04 × √100 + 0.003 × 100) = 1.40 m² on the pre-sale area; the 界址点 class 2 would give 0.60.
    expect(res.body.units[0].building.limitM2).toBeCloseTo(1.4, 9);
    expect(res.body.units[0].building.beyondLimit).toBe(false);
  });

  it('records the pre-sale area of a 预告登记 as the 楼盘表\'s (R7), not R6, and says a missing unit is not in the 楼盘表 (item 20)', async () => {
    const parcelCode = await completed({ presale: [100] });
    const res = await packet(parcelCode, '预告登记', { unitCode: `${parcelCode}F00010001` });
    expect(res.body.decision).toBe('reuse');
    expect(res.body.units[0].registered).toMatchObject({ value: 100, rule: 'R7', source: { kind: '房产预测' } });
    const missing = await packet(parcelCode, '预告登记', { unitCode: `${parcelCode}F00010009` });
    expect(missing.body.decision).toBe('new_survey_required');
    expect(missing.body.reason.zh).toContain('不在审核通过的预售楼盘表中');
    expect(missing.body.reason.zh).not.toContain('重新测量');
  });
});

describe('change registration (变更登记) decided from the results, not from packet history (item 3)', () => {
  it('a name change needs no survey, also after an earlier packet; R2 is not cited outside first registration (item 20)', async () => {
    const { parcelCode } = await parcelWith('权籍调查', 'land_supply', SUPPLY);
    expect((await packet(parcelCode, '转移登记')).body.decision).toBe('reuse');
    const res = await packet(parcelCode, '变更登记', { changeKind: '名称' });
    expect([res.status, res.body.decision, res.body.tableRow]).toEqual([201, 'reuse', '变更登记（名称/用途）']);
    for (const type of ['转移登记', '抵押登记']) {
      const other = await packet(parcelCode, type);
      expect(other.body.boundary.rule).not.toBe('R2');
      expect(other.body.boundary.reason.zh).not.toContain('首次登记');
    }
  });

  it('a split of a parcel with no lineage needs the survey of the new parcels, although it never had a packet', async () => {
    const { parcelCode } = await parcelWith('权籍调查');
    const res = await packet(parcelCode, '变更登记', { changeKind: '分割' });
    expect(res.body.decision).toBe('new_survey_required');
  });

  it('a boundary change is reused once a 权籍调查 beyond the 允许误差 is accepted, and not before', async () => {
    const { parcelCode, cell } = await parcelWith('权籍调查', 'land_supply', SUPPLY);
    expect((await packet(parcelCode, '变更登记', { changeKind: '界址' })).body.decision).toBe('new_survey_required');
    const moved = await submit(landSupplySubmission(parcelCode, { surveyedOn: '2025-10-01', features: samplePlotAt(cell[0] + 0.5, cell[1]) }));
    expect((await packet(parcelCode, '变更登记', { changeKind: '界址' })).body.decision).toBe('awaiting_review');
    await accept(moved.id);
    const res = await packet(parcelCode, '变更登记', { changeKind: '界址' });
    expect(res.body.decision).toBe('reuse');
    expect(res.body.boundary.source.surveyId).toBe(moved.id);
  });

  it('asks what changes: changeKind is required for 变更登记', async () => {
    const { parcelCode } = await parcelWith('权籍调查');
    const res = await packet(parcelCode, '变更登记');
    expect([res.status, res.body.code]).toEqual([400, 'CHANGE_KIND_REQUIRED']);
  });
});

describe('supersession within a kind family (item 11)', () => {
  it('refuses a 房产预测 superseding an 出让合同 with a 409, and the parcel keeps its boundary', async () => {
    const { parcelCode, survey } = await parcelWith('出让合同', 'land_supply', { declaredAreaM2: 2300 });
    const res = await hub.request('POST', '/api/surveys', { ...unitResult(parcelCode, 'presale', '房产预测', [90]), supersedes: survey.id });
    expect([res.status, res.body.code]).toEqual([409, 'SUPERSEDES_OTHER_KIND']);
    const again = await packet(parcelCode, '国有建设用地使用权首次登记');
    expect(again.body.boundary.source.surveyId).toBe(survey.id);
  });

  it('lets a 划拨决定书 correct an 出让合同 of the same stage', async () => {
    const { parcelCode, survey, cell } = await parcelWith('出让合同', 'land_supply', { declaredAreaM2: 2300 });
    const res = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { kind: '划拨决定书', features: samplePlotAt(...cell), supersedes: survey.id }));
    expect(res.status).toBe(201);
  });
});

describe('parcel lineage: split and merge', () => {
  /** Two new parcels splitting a 80 × 50 m parcel along its middle, each with an accepted 权籍调查. */
  async function split() {
    const old = freshParcelCode();
    const cell = freeCell();
    await accept((await submit(landSupplySubmission(old, { features: rectAt(cell, 80, 50), declaredAreaM2: 4000, ...SUPPLY }))).id);
    const [a, b] = [freshParcelCode(), freshParcelCode()];
    const sa = await accept((await submit(landSupplySubmission(a, { surveyedOn: '2025-08-01', features: rectAt(cell, 40, 50), declaredAreaM2: 2000, predecessorCodes: [old] }))).id);
    const sb = await accept((await submit(landSupplySubmission(b, { surveyedOn: '2025-08-01', features: rectAt(cell, 40, 50, 40), declaredAreaM2: 2000, predecessorCodes: [old] }))).id);
    return { old, a, b, sa, sb, cell };
  }

  it('links the new parcels to the old, retires the old code, and cites the survey that made each new parcel', async () => {
    const { old, a, b, sa } = await split();
    const res = await hub.request('POST', '/api/parcel-lineage', { kind: 'split', predecessors: [old], successors: [a, b], changeNo: '焦变更(2025)5号' });
    expect(res.status).toBe(201);
    const packetA = await packet(a, '变更登记', { changeKind: '分割' });
    expect(packetA.body).toMatchObject({ decision: 'reuse', lineage: { kind: 'split', predecessorCodes: [old], surveyId: sa.id } });
    expect(packetA.body.boundary.source.surveyId).toBe(sa.id);
    const oldPacket = await packet(old, '转移登记');
    expect([oldPacket.status, oldPacket.body.code, oldPacket.body.details.successorCodes]).toEqual([409, 'PARCEL_RETIRED', [a, b]]);
    const more = await hub.request('POST', '/api/surveys', landSupplySubmission(old, { features: samplePlotAt(...freeCell()) }));
    expect([more.status, more.body.code]).toEqual([409, 'PARCEL_RETIRED']);
    const history = await hub.request('GET', `/api/parcels/${old}/history`);
    expect(history.body.lineage.retired).toMatchObject({ kind: 'split', successorCodes: [a, b], changeNo: '焦变更(2025)5号' });
    const parcel = await hub.request('GET', `/api/parcels/${b}`);
    expect(parcel.body.lineage.madeBy).toMatchObject({ kind: 'split', predecessorCodes: [old] });
    // Before the split was recorded, the land lay in the old parcel, which was not retired then.
    const before = await hub.request('GET', `/api/parcels/${b}?asOf=2020-01-01`);
    expect(before.body.lineage).toEqual({ madeBy: null, retired: null, landThenIn: [old] });
    expect((await hub.request('GET', `/api/parcels/${old}?asOf=2020-01-01`)).body.lineage.retired).toBeNull();
    const again = await hub.request('POST', '/api/parcel-lineage', { kind: 'split', predecessors: [old], successors: [freshParcelCode(), freshParcelCode()], changeNo: 'x' });
    expect(again.status).toBe(404); // the new codes have no results; the old one is retired either way
    await expect(hub.pool.query("UPDATE parcel_retirement SET change_no = 'x' WHERE parcel_code = $1", [old])).rejects.toThrow(/append-only/);
    await expect(hub.pool.query('DELETE FROM parcel_lineage WHERE parcel_code = $1', [a])).rejects.toThrow(/append-only/);
    // On a server the hub's role may not truncate at all; on the embedded engine the trigger refuses.
    await expect(hub.pool.query('TRUNCATE parcel_lineage')).rejects.toThrow(/append-only|permission denied/);
  });

  it('says where a new parcel lies on its named predecessor (a warning the reviewer sees), and takes predecessors on a 权籍调查 only', async () => {
    const old = freshParcelCode();
    const cell = freeCell();
    await accept((await submit(landSupplySubmission(old, { features: rectAt(cell, 80, 50), declaredAreaM2: 4000 }))).id);
    const half = await submit(landSupplySubmission(freshParcelCode(), { features: rectAt(cell, 40, 50), declaredAreaM2: 2000, predecessorCodes: [old] }));
    const onOld = half.quality.findings.filter((f: any) => f.code === 'OVERLAPS_PREDECESSOR');
    expect(onOld.map((f: any) => f.severity)).toEqual(['warning']);
    expect(onOld[0].message).toContain(old);
    const wrongKind = await hub.request('POST', '/api/surveys', landSupplySubmission(freshParcelCode(), { kind: '勘测定界', features: rectAt(freeCell(), 40, 50), declaredAreaM2: 2000, predecessorCodes: [old] }));
    expect([wrongKind.status, wrongKind.body.code]).toEqual([400, 'EVIDENCE_NOT_FOR_KIND']);
  });

  it('merges two parcels into one, and refuses a new parcel lying outside its predecessors', async () => {
    const cell = freeCell();
    const [p1, p2, merged, stray] = [freshParcelCode(), freshParcelCode(), freshParcelCode(), freshParcelCode()];
    await accept((await submit(landSupplySubmission(p1, { features: rectAt(cell, 40, 50), declaredAreaM2: 2000 }))).id);
    await accept((await submit(landSupplySubmission(p2, { features: rectAt(cell, 40, 50, 40), declaredAreaM2: 2000 }))).id);
    await accept((await submit(landSupplySubmission(stray, { features: rectAt(freeCell(), 40, 50), declaredAreaM2: 2000 }))).id);
    const outside = await hub.request('POST', '/api/parcel-lineage', { kind: 'merge', predecessors: [p1, p2], successors: [stray], changeNo: '焦变更(2025)6号' });
    expect([outside.status, outside.body.code]).toEqual([400, 'LINEAGE_OUTSIDE_PREDECESSORS']);
    const m = await accept((await submit(landSupplySubmission(merged, { surveyedOn: '2025-08-02', features: rectAt(cell, 80, 50), declaredAreaM2: 4000, predecessorCodes: [p1, p2] }))).id);
    const res = await hub.request('POST', '/api/parcel-lineage', { kind: 'merge', predecessors: [p1, p2], successors: [merged], changeNo: '焦变更(2025)6号' });
    expect(res.status).toBe(201);
    const mp = await packet(merged, '变更登记', { changeKind: '合并' });
    expect(mp.body).toMatchObject({ decision: 'reuse', landArea: { value: 4000, source: { surveyId: m.id } } });
    const shape = await hub.request('POST', '/api/parcel-lineage', { kind: 'merge', predecessors: [merged], successors: [freshParcelCode()], changeNo: 'x' });
    expect([shape.status, shape.body.code]).toEqual([400, 'LINEAGE_SHAPE']);
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
