// The decision table walked row by row: every registration type × parcel state, each expected outcome written from
// DOMAIN.md (§1 R1–R7, §5 which result supplies a value, §8 what each registration needs), not from the engine's output.
import { DECISION_TABLE, renderDecisionTable, type TableRow } from '../../server/domain/registration.table';
import { decidePacket, NotApplicable, type Lineage, type PacketInput } from '../../server/domain/reuse.rules';
import type { ResultSummary } from '../../server/domain/survey-result';
import type { UnitArea } from '../../server/domain/area-comparison';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const KINDS: Record<string, Pick<ResultSummary, 'family' | 'geometryRole' | 'officialLandArea' | 'unitAreaRole'>> = {
  勘测定界: { family: 'demarcation', geometryRole: 'parcel_boundary', officialLandArea: false, unitAreaRole: 'none' },
  权籍调查: { family: 'cadastral', geometryRole: 'parcel_boundary', officialLandArea: false, unitAreaRole: 'none' },
  出让合同: { family: 'supply_document', geometryRole: 'parcel_boundary', officialLandArea: true, unitAreaRole: 'none' },
  规划核实: { family: 'planning_verification', geometryRole: 'building_footprint', officialLandArea: false, unitAreaRole: 'none' },
  房产预测: { family: 'presale', geometryRole: 'building_footprint', officialLandArea: false, unitAreaRole: 'presale' },
  房产实测: { family: 'verified', geometryRole: 'building_footprint', officialLandArea: false, unitAreaRole: 'verified' },
  房产测量: { family: 'verified', geometryRole: 'building_footprint', officialLandArea: false, unitAreaRole: 'verified' },
};

type Built = ResultSummary & { unitList: UnitArea[] };
let seq = 0;
/** An accepted result of `kind`; accepted in the order built (reviewedAt increases). */
function r(kind: string, stage: ResultSummary['stage'], o: Partial<Built> = {}): Built {
  seq += 1;
  const k = KINDS[kind];
  const boundary = k.geometryRole === 'parcel_boundary';
  const unitList = o.unitList ?? [];
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`, parcelCode: '', stage, kind, ...k,
    organisation: '焦作市测试测绘有限公司', surveyedOn: '2020-01-01', crs: 'EPSG:4526', precisionClass: 1, areaPrecisionClass: null,
    supplyDocument: null, completionAcceptance: null, boundaryRole: boundary ? 'establishes' : null, boundaryOf: null,
    sourceFileName: null, sourceSha256: '0'.repeat(64), declaredAreaM2: boundary ? 2300 : null, declaredBuildingAreaM2: null,
    planeAreaM2: boundary ? 2300 : null, hasGeometry: boundary, units: { count: unitList.length, buildingAreaM2: null, innerAreaM2: null, sharedAreaM2: null },
    status: 'accepted', supersedes: null, supersededBy: null, submittedBy: 't', submittedAt: `2020-01-${String(seq % 28 + 1).padStart(2, '0')}T00:00:00.000Z`,
    reviewer: 'rv', reviewedAt: `2021-01-01T00:00:${String(seq % 60).padStart(2, '0')}.${String(seq).padStart(3, '0')}Z`, reviewNote: null,
    ...o, unitList,
  };
}
const pending = (b: Built): Built => ({ ...b, status: 'submitted', reviewer: null, reviewedAt: null, boundaryRole: null });
const unit = (code: string, buildingAreaM2: number): UnitArea => ({ unitCode: code, buildingAreaM2, innerAreaM2: null, sharedAreaM2: null });
const SUPPLY = { kind: '出让合同', no: '焦土出(2019)12号', date: '2019-06-01' };
const U1 = 'F00010001', U2 = 'F00010002';

/** Parcel states (results built per parcel code, units keyed on it). */
const STATES: Record<string, { build: (code: string) => Built[]; lineage?: boolean }> = {
  'no results': { build: () => [] },
  'only submitted': { build: (c) => [
    pending(r('权籍调查', 'land_supply', { supplyDocument: SUPPLY })), pending(r('房产预测', 'presale', { unitList: [unit(c + U1, 100)] })),
    pending(r('规划核实', 'completion', { completionAcceptance: { no: '竣验(2024)3号', date: null } })),
    pending(r('房产实测', 'completion', { unitList: [unit(c + U1, 100)], completionAcceptance: { no: '竣验(2024)3号', date: null } })),
  ] },
  'land supply only': { build: () => [r('权籍调查', 'land_supply', { supplyDocument: SUPPLY })] },
  'supply document with coordinates': { build: () => [r('出让合同', 'land_supply', { declaredAreaM2: 4000, planeAreaM2: 3999.6, supplyDocument: SUPPLY })] },
  'supply document without coordinates': { build: () => [r('出让合同', 'land_supply', { declaredAreaM2: 4000, planeAreaM2: null, hasGeometry: false, boundaryRole: null, supplyDocument: SUPPLY })] },
  'legacy only': { build: (c) => [r('勘测定界', 'legacy', { surveyedOn: '2010-05-01' }), r('房产测量', 'legacy', { surveyedOn: '2010-05-01', unitList: [unit(c + U1, 100.004)] })] },
  'full completion': { build: (c) => [
    r('权籍调查', 'land_supply', { supplyDocument: SUPPLY }), r('房产预测', 'presale', { surveyedOn: '2021-01-01', unitList: [unit(c + U1, 100), unit(c + U2, 80)] }),
    r('规划核实', 'completion', { surveyedOn: '2024-01-01', completionAcceptance: { no: '竣验(2024)3号', date: '2024-02-01' } }),
    r('房产实测', 'completion', { surveyedOn: '2024-01-01', unitList: [unit(c + U1, 103.5), unit(c + U2, 80)] }),
  ] },
  're-survey within 允许误差': { build: () => {
    const first = r('权籍调查', 'land_supply', { supplyDocument: SUPPLY });
    return [first, r('权籍调查', 'land_supply', { surveyedOn: '2024-01-01', declaredAreaM2: 2300.02, boundaryRole: 'confirms', boundaryOf: first.id })];
  } },
  're-survey beyond 允许误差': { build: () => [
    r('出让合同', 'land_supply', { declaredAreaM2: 4000, planeAreaM2: 4000, supplyDocument: SUPPLY }),
    r('权籍调查', 'land_supply', { surveyedOn: '2024-01-01', declaredAreaM2: 2000, planeAreaM2: 2000 }),
  ] },
  split: { build: () => [r('权籍调查', 'land_supply', { surveyedOn: '2025-01-01', declaredAreaM2: 1200, planeAreaM2: 1200 })], lineage: true },
  'wrong ownership': { build: () => [r('权籍调查', 'land_supply', { supplyDocument: SUPPLY })] },
};

/** The parcel code a row is tried on: one of its own ownership/right type, or (state 'wrong ownership') one that misfits. */
function codeFor(row: TableRow, misfit: boolean): string {
  const fit = row.appliesTo ? `${row.appliesTo.ownership[0]}${row.appliesTo.rightTypes[0]}` : 'GB';
  const wrong = row.appliesTo?.rightTypes.includes('C') ? 'GB' : 'JC';
  return `410883001001${misfit ? wrong : fit}90001`;
}

function run(row: TableRow, stateName: string) {
  const state = STATES[stateName];
  const code = codeFor(row, stateName === 'wrong ownership');
  const results = state.build(code).map((b) => ({ ...b, parcelCode: code }));
  const current = (role: string) => results.filter((b) => b.status === 'accepted' && b.unitAreaRole === role).at(-1)?.unitList ?? [];
  const lineage: Lineage | null = state.lineage ? { eventId: 'e', kind: 'split', predecessorCodes: ['410883001001GB90000'], surveyId: results[0].id, changeNo: '变更(2025)1号', recordedAt: '2025-02-01T00:00:00.000Z' } : null;
  const input: PacketInput = {
    parcelCode: code, registrationType: row.type, changeKind: row.changeKinds?.[0], unitCode: row.unitRequired ? code + U1 : undefined,
    results, presaleUnits: current('presale'), verifiedUnits: current('verified'), boundaryCheck: null, lineage, unifiedRegistrationDate: '2015-03-01',
  };
  try {
    return decidePacket(input);
  } catch (err) {
    if (err instanceof NotApplicable) return { decision: 'not_applicable' as const, error: err };
    throw err;
  }
}

// Decision per row and state; for `reuse` also "boundary rule / land-area rule / unit rules" where values are given.
// N = new_survey_required, A = awaiting_review, X = not_applicable, R… = reuse with the rules shown.
const S = Object.keys(STATES);
const EXPECTED: Record<string, string[]> = {
  //                                   none  submitted land   doc+xy     doc-area legacy       full            within    beyond      split      wrong
  国有建设用地使用权首次登记:          ['N', 'A', 'R R2/R2', 'R R4/R3', 'N', 'R R1/R1', 'R R2/R2', 'R R2/R2', 'R R7/R7', 'R R7/R7', 'X'],
  集体建设用地使用权首次登记:          ['N', 'A', 'R R2/R2', 'R R4/R3', 'N', 'R R1/R1', 'R R2/R2', 'R R2/R2', 'R R7/R7', 'R R7/R7', 'X'],
  宅基地使用权及房屋所有权首次登记:    ['N', 'A', 'N', 'N', 'N', 'R R1/R1 R1', 'R R2/R2 R6,R5', 'N', 'N', 'N', 'X'],
  房屋所有权首次登记:                  ['N', 'A', 'N', 'N', 'N', 'R R1/R1 R1', 'R R2/R2 R6,R5', 'N', 'N', 'N', 'X'],
  '变更登记（名称/用途）':             ['R', 'R', 'R R7/R7', 'R R4/R3', 'R -/R3', 'R R1/R1 R1', 'R R7/R7 R6,R5', 'R R7/R7', 'R R7/R7', 'R R7/R7', 'R R7/R7'],
  '变更登记（界址/面积）':             ['N', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'R R7/R7', 'N', 'N'],
  '变更登记（分割/合并）':             ['N', 'A', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'R R7/R7', 'N'],
  转移登记:                            ['R', 'R', 'R R7/R7', 'R R4/R3', 'R -/R3', 'R R1/R1 R1', 'R R7/R7 R6,R5', 'R R7/R7', 'R R7/R7', 'R R7/R7', 'R R7/R7'],
  预告登记:                            ['N', 'A', 'N', 'N', 'N', 'N', 'R R7/R7 R7', 'N', 'N', 'N', 'X'],
  预购商品房抵押预告登记:              ['N', 'A', 'N', 'N', 'N', 'N', 'R R7/R7 R7', 'N', 'N', 'N', 'X'],
  在建建筑物抵押登记:                  ['N', 'A', 'N', 'N', 'N', 'N', 'R R7/R7 R7,R7', 'N', 'N', 'N', 'X'],
};
for (const t of ['抵押登记', '更正登记', '异议登记', '注销登记', '查封登记']) EXPECTED[t] = EXPECTED['转移登记'];

const LETTER = { reuse: 'R', awaiting_review: 'A', new_survey_required: 'N', not_applicable: 'X' } as const;

/** The outcome in the table's notation. */
function notation(outcome: ReturnType<typeof run>): string {
  if (!('tableRow' in outcome)) return LETTER[outcome.decision];
  if (outcome.decision !== 'reuse') return LETTER[outcome.decision];
  const values = outcome.boundary || outcome.landArea ? ` ${outcome.boundary?.rule ?? '-'}/${outcome.landArea?.rule ?? '-'}` : '';
  const units = outcome.units.filter((u) => u.registered).map((u) => u.registered!.rule);
  return `R${values}${units.length ? ` ${units.join(',')}` : ''}`;
}

describe('the decision table, every registration type × parcel state (DOMAIN.md §1, §5, §8)', () => {
  it('has an expectation for every row of the table and every state', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(DECISION_TABLE.map((r) => r.key).sort());
    for (const row of Object.values(EXPECTED)) expect(row).toHaveLength(S.length);
  });

  for (const row of DECISION_TABLE) {
    describe(row.key, () => {
      S.forEach((stateName, i) => {
        it(`${stateName} → ${EXPECTED[row.key]?.[i]}`, () => {
          expect(notation(run(row, stateName))).toBe(EXPECTED[row.key][i]);
        });
      });
    });
  }
});

describe('values the registry signs', () => {
  const row = (key: string) => DECISION_TABLE.find((r) => r.key === key)!;

  it('registers the document area only while the boundary it described is in force (item 4)', () => {
    const out = run(row('国有建设用地使用权首次登记'), 're-survey beyond 允许误差');
    expect('tableRow' in out && [out.landArea?.value, out.landArea?.rule, out.boundary?.source.kind]).toEqual([2000, 'R7', '权籍调查']);
  });

  it('keeps the first description\'s coordinates and area when a re-survey confirms it, citing the confirmation (item 7)', () => {
    const out = run(row('国有建设用地使用权首次登记'), 're-survey within 允许误差');
    if (!('tableRow' in out)) throw new Error('expected a decision');
    expect(out.landArea?.value).toBe(2300); // not the confirmation's 2300.02
    expect(out.boundary?.confirmedBy).toHaveLength(1);
    expect(out.boundary?.reason.zh).toContain('在允许误差内复核一致');
  });

  it('takes unit areas from the 房产实测, never the 规划核实, and names units missing from it (item 2)', () => {
    const code = '410883001001GB90001';
    const results: ResultSummary[] = [
      r('权籍调查', 'land_supply', { supplyDocument: SUPPLY }),
      r('房产预测', 'presale', { unitList: Array.from({ length: 11 }, (_, i) => unit(`${code}F0001${String(i + 1).padStart(4, '0')}`, 90)) }),
      r('房产实测', 'completion', { completionAcceptance: { no: '竣验1', date: null }, unitList: Array.from({ length: 10 }, (_, i) => unit(`${code}F0001${String(i + 1).padStart(4, '0')}`, 90.5)) }),
      r('规划核实', 'completion', { surveyedOn: '2025-01-01', unitList: [unit(`${code}F00010001`, 1000)], unitAreaRole: 'none' }),
    ].map((b) => ({ ...b, parcelCode: code }));
    const [pre, ver] = [results[1] as Built, results[2] as Built];
    const out = decidePacket({ parcelCode: code, registrationType: '房屋所有权首次登记', results, presaleUnits: pre.unitList, verifiedUnits: ver.unitList, boundaryCheck: null, lineage: null, unifiedRegistrationDate: '2015-03-01' });
    expect(out.decision).toBe('new_survey_required');
    expect(out.unitsMissingFromVerified).toEqual([`${code}F00010011`]);
    expect(out.reason.zh).toContain(`${code}F00010011`);
    expect(out.units.filter((u) => u.registered).map((u) => [u.registered!.value, u.registered!.source.kind])).toEqual(Array(10).fill([90.5, '房产实测']));
  });

  it('refuses a state first registration on a collective homestead parcel, naming both (item 10)', () => {
    const out = run(row('国有建设用地使用权首次登记'), 'wrong ownership');
    expect('error' in out && out.error.bilingual.zh).toMatch(/只适用于国有建设用地使用权.*410883001001JC90001.*JC/);
  });

  it('describes a legacy result surveyed after unified registration without R1 (item 5)', () => {
    const code = '410883001001GB90001';
    const late = r('权籍调查', 'legacy', { surveyedOn: '2018-01-01', parcelCode: code });
    const out = decidePacket({ parcelCode: code, registrationType: '国有建设用地使用权首次登记', results: [late], presaleUnits: [], verifiedUnits: [], boundaryCheck: null, lineage: null, unifiedRegistrationDate: '2015-03-01' });
    expect([out.boundary?.rule, out.boundary?.reason.zh.includes('统一登记前')]).toEqual(['R7', false]);
  });

  it('does not take a 勘测定界 of the supply stage as the cadastral survey (item 9)', () => {
    const code = '410883001001GB90001';
    const out = decidePacket({ parcelCode: code, registrationType: '国有建设用地使用权首次登记', results: [r('勘测定界', 'land_supply', { parcelCode: code })], presaleUnits: [], verifiedUnits: [], boundaryCheck: null, lineage: null, unifiedRegistrationDate: '2015-03-01' });
    expect(out.decision).toBe('new_survey_required');
    expect(out.reason.zh).toContain('不是不动产权籍调查成果');
  });

  it('writes registered areas to 0.01 m² (item 18)', () => {
    const out = run(row('宅基地使用权及房屋所有权首次登记'), 'legacy only');
    expect('tableRow' in out && out.units[0].registered!.value).toBe(100);
  });

  it('docs/decision-table.md is rendered from the table (npm run docs:decisions)', () => {
    expect(readFileSync(join(__dirname, '../../docs/decision-table.md'), 'utf8')).toBe(renderDecisionTable());
  });
});
