// The registration decision table (DOMAIN.md §1 R1–R8, §5, §8): per registration type, which parcels it applies to,
// which accepted results it needs, which result supplies each value under which rule, and what happens when something
// is missing. One table, read by the reuse engine (reuse.rules.ts) and rendered into docs/decision-table.md.

export const REGISTRATION_TYPES = [
  '国有建设用地使用权首次登记', '集体建设用地使用权首次登记', '宅基地使用权及房屋所有权首次登记', '房屋所有权首次登记',
  '变更登记', '转移登记', '预告登记', '预购商品房抵押预告登记', '在建建筑物抵押登记',
  '抵押登记', '更正登记', '异议登记', '注销登记', '查封登记',
] as const;
export type RegistrationType = (typeof REGISTRATION_TYPES)[number];

/** What a 变更登记 changes: name or use need no survey; boundary, area, split and merge need a new 权籍调查. */
export const CHANGE_KINDS = ['名称', '用途', '界址', '面积', '分割', '合并'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export type Rule = 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'R6' | 'R7';
export type Decision = 'reuse' | 'awaiting_review' | 'new_survey_required' | 'not_applicable';
export interface Bilingual { zh: string; en: string }

/**
 * What a registration needs (each met by accepted results; a submitted one not yet decided makes it `awaiting_review`):
 * - land_boundary: the parcel's boundary, from a result this registration accepts as its cadastral basis (see `boundaryBasis`);
 * - verified_units: verified unit areas (房产实测, R5; a legacy 房产实测/房产测量 before unified registration, R1);
 * - planning_verification: an accepted 规划核实;
 * - completion_acceptance: the 竣工联合验收/备案 reference recorded on a completion result (R5);
 * - presale_unit: the requested unit in the accepted pre-sale 楼盘表 (房产预测);
 * - presale_units: an accepted pre-sale 楼盘表 with units;
 * - changed_boundary: a 权籍调查 that established a new boundary after an earlier one;
 * - lineage: the parcel was made by a recorded split or merge (its 权籍调查 accepted).
 */
export type Requirement = 'land_boundary' | 'verified_units' | 'planning_verification' | 'completion_acceptance' | 'presale_unit' | 'presale_units' | 'changed_boundary' | 'lineage';

/** Which parcels a type applies to, by 宗地代码 char 13 (G 国有, J 集体, Z 未确定) and char 14 (right type). */
export interface Applicability { ownership: string; rightTypes: string; zh: string; en: string }

/**
 * The cadastral basis a boundary may come from: `first_registration` — a 权籍调查 (R2 when it was used for the supply
 * procedure), a supply document's coordinates (R4), a legacy 勘测定界/权籍调查 from before unified registration (R1),
 * a cadastral completion survey (R5); a 勘测定界 of the supply stage is not a 权籍调查. `any`: whatever established it
 * (values attached for reference; never cited as R2).
 */
export type BoundaryBasis = 'first_registration' | 'any';

export interface TableRow {
  /** The row's key: the registration type, or 变更登记（名称/用途） etc. */
  key: string;
  type: RegistrationType;
  changeKinds?: readonly ChangeKind[];
  appliesTo: Applicability | null;
  needs: readonly Requirement[];
  boundaryBasis: BoundaryBasis;
  /** Unit areas the packet registers: verified (R5/R6, R1) or pre-sale (楼盘表, R7). */
  unitAreas: 'verified' | 'presale' | 'none';
  /** A unit code is required (pre-registration of one unit). */
  unitRequired: boolean;
  /** Is the registration a first registration (R2 applies to its boundary)? */
  first: boolean;
  note: Bilingual;
}

const STATE_CONSTRUCTION: Applicability = { ownership: 'G', rightTypes: 'BSX', zh: '国有建设用地使用权（G + B/S/X）', en: 'state-owned construction land use right (G + B/S/X)' };
const COLLECTIVE_CONSTRUCTION: Applicability = { ownership: 'J', rightTypes: 'BSX', zh: '集体建设用地使用权（J + B/S/X）', en: 'collective construction land use right (J + B/S/X)' };
const HOMESTEAD: Applicability = { ownership: 'J', rightTypes: 'C', zh: '宅基地使用权（J + C）', en: 'homestead use right (J + C)' };
const CONSTRUCTION: Applicability = { ownership: 'GJ', rightTypes: 'BSX', zh: '建设用地使用权（G/J + B/S/X）', en: 'construction land use right (G/J + B/S/X)' };

const none = (zh: string, en: string) => ({ needs: [] as const, boundaryBasis: 'any' as const, unitAreas: 'verified' as const, unitRequired: false, first: false, appliesTo: null, note: { zh, en } });

export const DECISION_TABLE: readonly TableRow[] = [
  { key: '国有建设用地使用权首次登记', type: '国有建设用地使用权首次登记', appliesTo: STATE_CONSTRUCTION, needs: ['land_boundary'], boundaryBasis: 'first_registration', unitAreas: 'none', unitRequired: false, first: true,
    note: { zh: '需要不动产权籍调查成果（调查表、宗地图、界址点坐标）。供地阶段已用于供地的权籍调查直接复用（R2）；供地文件载有坐标的直接作为界址点坐标（R4），其面积直接登记（R3）。', en: 'Needs the cadastral survey (权籍调查). One made at the supply stage and used for the supply procedure is reused (R2); supply-document coordinates are the boundary points (R4) and its area is registered (R3).' } },
  { key: '集体建设用地使用权首次登记', type: '集体建设用地使用权首次登记', appliesTo: COLLECTIVE_CONSTRUCTION, needs: ['land_boundary'], boundaryBasis: 'first_registration', unitAreas: 'none', unitRequired: false, first: true,
    note: { zh: '同国有建设用地使用权首次登记，适用于集体建设用地。', en: 'As the state-owned first registration, for collective construction land.' } },
  { key: '宅基地使用权及房屋所有权首次登记', type: '宅基地使用权及房屋所有权首次登记', appliesTo: HOMESTEAD, needs: ['land_boundary', 'verified_units'], boundaryBasis: 'first_registration', unitAreas: 'verified', unitRequired: false, first: true,
    note: { zh: '房地一体：宅基地的权籍调查成果和房屋的实测面积（历史房产测量成果按R1复用）。', en: 'Land and house together: the homestead cadastral survey and the verified house area (legacy 房产测量 reused under R1).' } },
  { key: '房屋所有权首次登记', type: '房屋所有权首次登记', appliesTo: CONSTRUCTION, needs: ['land_boundary', 'verified_units', 'planning_verification', 'completion_acceptance'], boundaryBasis: 'any', unitAreas: 'verified', unitRequired: false, first: true,
    note: { zh: '竣工后：宗地界址、房产实测成果、规划核实和竣工联合验收；验收核实的面积直接登记（R5），预售面积不一致时按实测登记（R6）。统一登记前的历史房产测量成果按R1复用，无需规划核实和验收编号。', en: 'After completion: the land boundary, the verified building survey, the planning verification and the joint completion acceptance; verified areas registered directly (R5), also where pre-sale differs (R6). A legacy building survey from before unified registration is reused under R1 without them.' } },
  { key: '变更登记（名称/用途）', type: '变更登记', changeKinds: ['名称', '用途'], ...none('名称、用途等变更不涉及界址和面积，不需要测绘成果；附现有成果供核对。', 'A change of name or use touches neither boundary nor area: no survey is needed; the current results are attached for reference.') },
  { key: '变更登记（界址/面积）', type: '变更登记', changeKinds: ['界址', '面积'], appliesTo: null, needs: ['changed_boundary'], boundaryBasis: 'any', unitAreas: 'none', unitRequired: false, first: false,
    note: { zh: '需要记载变更后界址的新的不动产权籍调查成果（超出允许误差、确立了新界址的权籍调查）。', en: 'Needs a new cadastral survey describing the changed boundary (one beyond the 允许误差 that established a new boundary).' } },
  { key: '变更登记（分割/合并）', type: '变更登记', changeKinds: ['分割', '合并'], appliesTo: null, needs: ['lineage'], boundaryBasis: 'any', unitAreas: 'none', unitRequired: false, first: false,
    note: { zh: '对分割、合并后的新宗地申请：需要新宗地审核通过的权籍调查成果及其宗地沿革记录；原宗地代码已注销。', en: 'Requested for the new parcel of a split or merge: needs its accepted cadastral survey and the recorded lineage; the old code is retired.' } },
  { key: '转移登记', type: '转移登记', ...none('通常不需要测绘成果；部分转移导致面积变化的需要新的房产测绘。附现有成果供核对。', 'Normally no survey; a partial transfer that changes an area needs a new building survey. The current results are attached for reference.') },
  { key: '预告登记', type: '预告登记', appliesTo: STATE_CONSTRUCTION, needs: ['presale_unit'], boundaryBasis: 'any', unitAreas: 'presale', unitRequired: true, first: false,
    note: { zh: '本身不需要测绘，但该单元须在审核通过的预售楼盘表中（不动产单元号）；登记预测面积，竣工后按实测面积登记（R6）。', en: 'Needs no survey itself, but the unit must be in the accepted pre-sale 楼盘表; the pre-sale area is recorded, the verified one registered after completion (R6).' } },
  { key: '预购商品房抵押预告登记', type: '预购商品房抵押预告登记', appliesTo: STATE_CONSTRUCTION, needs: ['presale_unit'], boundaryBasis: 'any', unitAreas: 'presale', unitRequired: true, first: false,
    note: { zh: '同预告登记：该单元须在审核通过的预售楼盘表中。', en: 'As 预告登记: the unit must be in the accepted pre-sale 楼盘表.' } },
  { key: '在建建筑物抵押登记', type: '在建建筑物抵押登记', appliesTo: CONSTRUCTION, needs: ['land_boundary', 'presale_units'], boundaryBasis: 'any', unitAreas: 'presale', unitRequired: false, first: false,
    note: { zh: '需要宗地界址和在建建筑物的预测楼盘表（房产预测）。', en: 'Needs the land boundary and the pre-sale 楼盘表 of the building under construction.' } },
  { key: '抵押登记', type: '抵押登记', ...none('不需要测绘成果（面积、界址更正除外）；附现有成果供核对。', 'No survey (unless area or boundary are corrected); the current results are attached for reference.') },
  { key: '更正登记', type: '更正登记', ...none('不需要测绘成果（面积、界址更正需另行提交并审核新的测绘成果）；附现有成果供核对。', 'No survey (an area or boundary correction is submitted and reviewed as a new survey result); the current results are attached.') },
  { key: '异议登记', type: '异议登记', ...none('不需要测绘成果；附现有成果供核对。', 'No survey; the current results are attached for reference.') },
  { key: '注销登记', type: '注销登记', ...none('不需要测绘成果；附现有成果供核对。', 'No survey; the current results are attached for reference.') },
  { key: '查封登记', type: '查封登记', ...none('不需要测绘成果；附现有成果供核对。', 'No survey; the current results are attached for reference.') },
];

/** The table row of a request, or a problem naming what is wrong with it (400). */
export function tableRow(type: RegistrationType, changeKind?: ChangeKind): { row: TableRow } | { problem: Bilingual & { code: string } } {
  if (type === '变更登记' && !changeKind) {
    return { problem: { code: 'CHANGE_KIND_REQUIRED', zh: `变更登记须说明变更内容（changeKind：${CHANGE_KINDS.join('、')}）`, en: `a 变更登记 states what changes: changeKind, one of ${CHANGE_KINDS.join(', ')}` } };
  }
  if (type !== '变更登记' && changeKind) {
    return { problem: { code: 'CHANGE_KIND_NOT_FOR_TYPE', zh: `changeKind 只用于变更登记，不用于${type}`, en: `changeKind belongs to a 变更登记, not to a ${type}` } };
  }
  return { row: DECISION_TABLE.find((r) => r.type === type && (!r.changeKinds || r.changeKinds.includes(changeKind!)))! };
}

/** Whether a parcel (by its code's chars 13–14) fits the row's ownership and right type. */
export function applies(row: TableRow, parcelCode: string): boolean {
  if (!row.appliesTo) return true;
  return row.appliesTo.ownership.includes(parcelCode[12]) && row.appliesTo.rightTypes.includes(parcelCode[13]);
}

/** Each requirement in words (zh), as the decision table and the printed packet name it. */
export const REQUIREMENT_TEXT: Record<Requirement, string> = {
  land_boundary: '宗地界址（权籍调查 R2 / 供地文件坐标 R4 / 历史成果 R1）',
  verified_units: '房产实测面积（R5；历史房产测量 R1）',
  planning_verification: '规划核实',
  completion_acceptance: '竣工联合验收/备案编号（R5）',
  presale_unit: '该单元在预售楼盘表中',
  presale_units: '预售楼盘表（房产预测）',
  changed_boundary: '记载新界址的权籍调查',
  lineage: '分割/合并的宗地沿革及新宗地权籍调查',
};

/** docs/decision-table.md, rendered from the table itself (a test keeps the file in step). */
export function renderDecisionTable(): string {
  const lines = [
    '# 登记类型与测绘成果决策表 · Registration decision table',
    '',
    'Generated from `server/domain/registration.table.ts` by `npm run docs:decisions`; do not edit by hand.',
    '',
    'Decisions: `reuse` (复用审核通过的成果), `awaiting_review` (所需成果已提交、待审核), `new_survey_required` (需要补充测绘成果),',
    '`not_applicable` (登记类型与宗地的所有权/权利类型不符: 400).',
    '',
    '| 登记类型 | 适用宗地 | 所需成果 | 登记单元面积 | 说明 |',
    '|---|---|---|---|---|',
    ...DECISION_TABLE.map((r) => `| ${r.key} | ${r.appliesTo?.zh ?? '任意'} | ${r.needs.map((n) => REQUIREMENT_TEXT[n]).join('；') || '无'} | ${{ verified: '实测（R5/R6，R1）', presale: '预测（楼盘表）', none: '—' }[r.unitAreas]} | ${r.note.zh} |`),
    '',
    '## Which result supplies each value',
    '',
    '- **Boundary (界址点坐标)**: the result that first described the boundary in force; an accepted re-survey within the',
    '  允许误差 of its 界址点 class confirms it (cited as confirmation) and changes nothing; one beyond it establishes a new',
    '  boundary. Rule by its source: supply document with coordinates R4; 权籍调查 used for the supply procedure R2 (first',
    '  registrations only); legacy result from before unified registration R1; cadastral completion survey R5; any other',
    '  accepted result R7 (成果共享). A 勘测定界 of the supply stage is not a 权籍调查.',
    '- **Land area**: the area of a supply document describing the boundary in force (R3; a difference from the coordinates',
    '  is shown, not substituted); supply documents of an earlier boundary stop applying. Otherwise the area declared by the',
    '  boundary\'s result (checked against its coordinates at intake), else its plane area. Written to 0.01 m².',
    '- **Unit areas**: the verified 房产实测 of completion (R5; R6 where the pre-sale area differs), else a legacy',
    '  房产实测/房产测量 (R1); never a 规划核实. A unit of the 楼盘表 missing from the 实测 is named in the decision.',
    '  Pre-registrations record the pre-sale 楼盘表 area (R7). Written to 0.01 m².',
    '',
  ];
  return lines.join('\n');
}
