// The reuse engine: a registration request decided by its row of the decision table (registration.table.ts) from the
// parcel's results — which accepted result supplies each value, under which rule, with a one-sentence reason; what is
// missing or awaiting review, named. Pure: the packet service gathers the inputs.
import type { ResultSummary } from './survey-result';
import { boundaryConfirmations, currentBoundaryResult, isCurrent, supplyDocumentsOf, unitAreaSources, areaClassOf } from './survey-result';
import type { BoundaryComparison } from './boundary-diff';
import { compareUnitAreas, type UnitArea, type UnitAreaComparison } from './area-comparison';
import { beyondLimit, CLASS_NAMES, LAND_AREA_MIN_ROUNDING_M2 } from './tolerances';
import { applies, tableRow, type Bilingual, type ChangeKind, type Decision, type RegistrationType, type Requirement, type Rule, type TableRow } from './registration.table';

export type { Bilingual, Decision, RegistrationType, Rule } from './registration.table';
export { REGISTRATION_TYPES } from './registration.table';

export interface Source { surveyId: string; stage: string; kind: string; organisation: string; surveyedOn: string }
export interface Sourced<T> { value: T; rule: Rule; source: Source; reason: Bilingual }

/** A parcel made by a split or merge: the event, and the accepted 权籍调查 that made it. */
export interface Lineage { eventId: string; kind: 'split' | 'merge'; predecessorCodes: string[]; surveyId: string; changeNo: string; recordedAt: string }

export interface PacketInput {
  parcelCode: string;
  registrationType: RegistrationType;
  changeKind?: ChangeKind;
  unitCode?: string;
  /** Every result of the parcel (any status). */
  results: ResultSummary[];
  /** Unit areas of the current pre-sale 楼盘表 and of the verified source (`unitAreaSources`). */
  presaleUnits: UnitArea[];
  verifiedUnits: UnitArea[];
  /** A submitted (undecided) boundary result newer than the boundary in force, compared with it; none: null. */
  boundaryCheck: { candidate: ResultSummary; comparison: BoundaryComparison } | null;
  /** The parcel was made by this split or merge (null: it was not). */
  lineage: Lineage | null;
  /** Results surveyed before this day (YYYY-MM-DD) count as made before unified registration (R1). */
  unifiedRegistrationDate: string;
}

/** One requirement of the row, as the parcel meets it: met, awaiting review, or missing — in words. */
export interface RequirementState { requirement: Requirement; state: 'met' | 'pending' | 'missing'; reason: Bilingual; surveyIds: string[] }

export interface PacketDecision {
  decision: Exclude<Decision, 'not_applicable'>;
  reason: Bilingual;
  /** The decision-table row applied (e.g. 变更登记（界址/面积）). */
  tableRow: string;
  requirements: RequirementState[];
  boundary: (Sourced<{ surveyId: string; crs: string; planeAreaM2: number | null }> & { confirmedBy: Source[] }) | null;
  landArea: (Sourced<number> & { computedM2: number | null; note: Bilingual | null }) | null;
  units: (UnitAreaComparison & { registered: Sourced<number> | null })[];
  /** Units of the 楼盘表 without a verified area (named in the decision where the row registers verified areas). */
  unitsMissingFromVerified: string[];
}

/** The type does not fit the parcel: a 400 naming both. */
export class NotApplicable extends Error {
  constructor(readonly code: string, readonly bilingual: Bilingual) {
    super(bilingual.en);
  }
}

const sourceOf = (r: ResultSummary): Source => ({ surveyId: r.id, stage: r.stage, kind: r.kind, organisation: r.organisation, surveyedOn: r.surveyedOn });
const cite = (r: ResultSummary) => `${r.kind} ${r.organisation} ${r.surveyedOn}`;
/** Registration writes areas to 0.01 m². */
export const registeredArea = (m2: number) => Math.round(m2 * 100) / 100;

/** A legacy result of the time before unified registration (R1), by its survey date. */
const isLegacy = (r: ResultSummary, input: PacketInput) => r.stage === 'legacy' && r.surveyedOn < input.unifiedRegistrationDate;

/**
 * The rule under which a boundary result may be reused, or null where this row does not take it as its basis:
 * a first registration needs a 权籍调查 (R2 when used for the supply procedure), supply-document coordinates (R4), a
 * legacy 勘测定界/权籍调查 (R1) or a cadastral completion survey (R5). Other rows take any accepted boundary (never R2).
 */
function boundaryRule(r: ResultSummary, row: TableRow, input: PacketInput): { rule: Rule; reason: Bilingual } | null {
  if (r.family === 'supply_document') return { rule: 'R4', reason: { zh: `供地文件（${cite(r)}）载有坐标，直接作为宗地界址点坐标。`, en: `The supply document (${cite(r)}) carries coordinates, which are the parcel's boundary point coordinates as they stand.` } };
  if (isLegacy(r, input)) return { rule: 'R1', reason: { zh: `统一登记前经审核符合登记要求、界址未变化的历史成果（${cite(r)}），不再重复测量。`, en: `A result reviewed before unified registration (${cite(r)}) whose boundary has not changed is reused without a new survey.` } };
  const cadastral = r.family === 'cadastral';
  if (row.boundaryBasis === 'first_registration' && !cadastral) return null;
  if (cadastral && r.stage === 'land_supply' && r.supplyDocument && row.first) {
    const d = r.supplyDocument;
    return { rule: 'R2', reason: { zh: `供地阶段的不动产权籍调查成果（${cite(r)}）已用于供地（${d.kind} ${d.no}，${d.date}），首次登记不再重新测量。`, en: `The cadastral survey of the land-supply stage (${cite(r)}) served the supply procedure (${d.kind} ${d.no}, ${d.date}) and is reused without a new survey.` } };
  }
  if (cadastral && r.stage === 'completion') return { rule: 'R5', reason: { zh: `竣工验收的地籍竣工测量成果（${cite(r)}）中的坐标直接使用。`, en: `The coordinates of the cadastral completion survey (${cite(r)}) are used directly.` } };
  return { rule: 'R7', reason: { zh: `审核通过的${r.kind}成果（${cite(r)}）在平台内共享复用，不再重复测量。`, en: `The accepted ${r.kind} (${cite(r)}) is shared in the hub and reused without a new survey.` } };
}

/** Supply-document coordinates (R4) first, then the cadastral survey used for supply (R2), completion (R5), legacy (R1), shared (R7). */
const RULE_STRENGTH: Rule[] = ['R4', 'R2', 'R5', 'R1', 'R7'];

interface BoundaryPick { value: PacketDecision['boundary']; basis: ResultSummary | null }

/** The boundary in force, the rule that lets this row reuse it (its own, or an accepted confirmation's), its confirmations. */
function pickBoundary(input: PacketInput, row: TableRow): BoundaryPick {
  const established = currentBoundaryResult(input.results);
  if (!established) return { value: null, basis: null };
  const confirmations = boundaryConfirmations(input.results, established);
  // The strongest rule among the boundary's own result and its confirmations lets the row reuse it; the coordinates
  // stay the establishing result's either way (a confirmation lies within the 允许误差 of them).
  const ranked = [established, ...confirmations].map((r) => ({ r, ruled: boundaryRule(r, row, input) }))
    .filter((c) => c.ruled).sort((a, b) => RULE_STRENGTH.indexOf(a.ruled!.rule) - RULE_STRENGTH.indexOf(b.ruled!.rule));
  const basis = ranked[0]?.r ?? null;
  const ruled = ranked[0]?.ruled ?? null;
  const confirmedBy = confirmations.map(sourceOf);
  const confirmText = confirmations.length
    ? { zh: `此后${confirmations.map(cite).join('、')}在允许误差内复核一致，界址未变化，坐标沿用${established.kind}（${established.surveyedOn}）。`, en: ` Re-surveyed within the 允许误差 since (${confirmations.map(cite).join('; ')}): the boundary did not change and the coordinates stay those of the ${established.kind} (${established.surveyedOn}).` }
    : { zh: '', en: '' };
  const reason = ruled ? ruled.reason : { zh: `宗地界址由${cite(established)}确立。`, en: `The boundary was established by ${cite(established)}.` };
  return {
    basis,
    value: {
      value: { surveyId: established.id, crs: established.crs, planeAreaM2: established.planeAreaM2 },
      rule: ruled?.rule ?? 'R7', source: sourceOf(established), confirmedBy,
      reason: { zh: `${reason.zh}${confirmText.zh}`, en: `${reason.en}${confirmText.en}` },
    },
  };
}

/** The land area to register (DOMAIN.md §5): a supply document of the boundary in force (R3), else the boundary's own. */
function landArea(input: PacketInput, boundary: PacketDecision['boundary'], established: ResultSummary | undefined): PacketDecision['landArea'] {
  const docs = supplyDocumentsOf(input.results, established).filter((r) => r.declaredAreaM2 !== null)
    .sort((a, b) => (b.reviewedAt ?? '').localeCompare(a.reviewedAt ?? ''));
  const computedM2 = established?.planeAreaM2 ?? null;
  const doc = docs[0];
  if (doc) {
    const value = registeredArea(doc.declaredAreaM2!);
    const differs = computedM2 !== null && beyondLimit(value - computedM2, LAND_AREA_MIN_ROUNDING_M2);
    return { value, computedM2, rule: 'R3', source: sourceOf(doc),
      reason: { zh: `供地文件（${cite(doc)}）载明的土地面积直接用于登记，不再核算。`, en: `The land area stated in the supply document (${cite(doc)}) is registered as it stands, without a re-check.` },
      note: differs ? { zh: `坐标计算面积为${computedM2!.toFixed(2)}平方米，与供地文件面积相差${(value - computedM2!).toFixed(2)}平方米；按R3登记供地文件面积，计算面积仅供对照。`, en: `The coordinates give ${computedM2!.toFixed(2)} m², ${(value - computedM2!).toFixed(2)} m² from the document; under R3 the document's area is registered, the computation shown beside it.` } : null };
  }
  if (!established || !boundary) return null;
  const declared = established.declaredAreaM2;
  return { value: registeredArea(declared ?? computedM2!), computedM2, rule: boundary.rule, source: sourceOf(established), note: null,
    reason: declared !== null
      ? { zh: `没有适用于现界址的供地文件面积，登记界址成果（${cite(established)}）申报并经坐标核对的面积。`, en: `No supply-document area applies to the boundary in force: the area declared by its result (${cite(established)}), checked against its coordinates, is registered.` }
      : { zh: `没有适用于现界址的供地文件面积，登记界址成果（${cite(established)}）坐标的平面面积。`, en: `No supply-document area applies to the boundary in force: the plane area of its coordinates (${cite(established)}) is registered.` } };
}

/** Unit areas: verified (R5; R6 where the pre-sale area differs; legacy R1), or the pre-sale 楼盘表's (R7). */
function units(input: PacketInput, row: TableRow): { units: PacketDecision['units']; missing: string[] } {
  const { presale, verified } = unitAreaSources(input.results);
  const wanted = (c: string) => !input.unitCode || c === input.unitCode;
  const codes = [...new Set([...input.presaleUnits, ...input.verifiedUnits].map((u) => u.unitCode).filter(wanted))].sort();
  const legacy = verified !== null && isLegacy(verified, input);
  const out = codes.map((code) => {
    const pre = input.presaleUnits.find((u) => u.unitCode === code);
    const ver = input.verifiedUnits.find((u) => u.unitCode === code);
    const comparison = compareUnitAreas(pre, ver, verified ? areaClassOf(verified) : presale ? areaClassOf(presale) : 2);
    let registered: Sourced<number> | null = null;
    if (row.unitAreas === 'verified' && ver && verified) {
      const differs = pre !== undefined && registeredArea(pre.buildingAreaM2) !== registeredArea(ver.buildingAreaM2);
      registered = { value: registeredArea(ver.buildingAreaM2), source: sourceOf(verified), ...(legacy
        ? { rule: 'R1' as const, reason: { zh: `统一登记前经审核符合登记要求的房产测量成果（${cite(verified)}）的面积，不再重新测量。`, en: `The area of the building survey reviewed before unified registration (${cite(verified)}) is reused without a new survey.` } }
        : differs
          ? { rule: 'R6' as const, reason: { zh: `预售面积与竣工实测面积不一致（面积误差比${comparison.building.ratioText}），按实测面积登记。`, en: `The pre-sale area differs from the verified area (${comparison.building.ratioText}); the verified area is registered.` } }
          : { rule: 'R5' as const, reason: { zh: `竣工联合验收核实的房屋面积（${cite(verified)}）直接使用，不再核算。`, en: `The building area verified by the joint completion acceptance (${cite(verified)}) is used directly.` } }) };
    } else if (row.unitAreas === 'presale' && pre && presale) {
      registered = { value: registeredArea(pre.buildingAreaM2), rule: 'R7', source: sourceOf(presale),
        reason: { zh: `审核通过的预售楼盘表（${cite(presale)}）中的预测面积；竣工后按实测面积登记（R6）。`, en: `The pre-sale area of the accepted 楼盘表 (${cite(presale)}); after completion the verified area is registered (R6).` } };
    }
    return { ...comparison, registered };
  });
  const missing = row.unitAreas === 'verified' && verified ? codes.filter((c) => !input.verifiedUnits.some((u) => u.unitCode === c)) : [];
  return { units: out, missing };
}

const pendingOf = (input: PacketInput, test: (r: ResultSummary) => boolean) =>
  input.results.filter((r) => r.status === 'submitted' && r.supersededBy === null && test(r));

const state = (requirement: Requirement, s: RequirementState['state'], zh: string, en: string, surveyIds: string[] = []): RequirementState =>
  ({ requirement, state: s, reason: { zh, en }, surveyIds });

/** What every requirement check sees. */
interface Facts {
  input: PacketInput;
  row: TableRow;
  pick: BoundaryPick;
  unitValues: ReturnType<typeof units>;
  presale: ResultSummary | null;
  verified: ResultSummary | null;
  /** The verified areas are a legacy result's (R1): 规划核实 and the acceptance reference are not asked for. */
  legacyVerified: boolean;
}

const waitingFor = (need: Requirement, waiting: ResultSummary[], zh: string, en: string) =>
  state(need, 'pending', `${zh}（${waiting.map(cite).join('、')}）已提交、尚未审核通过。`, `${en} (${waiting.map(cite).join('; ')}) is submitted and not yet reviewed.`, waiting.map((r) => r.id));

/** How the parcel meets each requirement of the decision table: met, awaiting review, or missing — in words. */
const CHECKS: Record<Requirement, (f: Facts) => RequirementState> = {
  land_boundary({ input, row, pick }) {
    const need = 'land_boundary', check = input.boundaryCheck;
    if (pick.basis) {
      if (check && !check.comparison.sameBoundary) {
        return state(need, 'pending', `界址可能已变化：较新的测量（${cite(check.candidate)}）${check.comparison.reasonZh}该成果已提交、尚未审核。`, `the boundary may have changed: a newer survey (${cite(check.candidate)}) — ${check.comparison.reason} — is submitted and not yet reviewed.`, [check.candidate.id]);
      }
      return state(need, 'met', `宗地界址：${pick.value!.reason.zh}`, `boundary: ${pick.value!.reason.en}`, [pick.basis.id]);
    }
    const waiting = pendingOf(input, (r) => r.geometryRole === 'parcel_boundary' && r.hasGeometry && boundaryRule(r, row, input) !== null);
    if (waiting.length) return waitingFor(need, waiting, '所需的界址成果', 'the boundary result needed');
    const established = currentBoundaryResult(input.results);
    return established
      ? state(need, 'missing', `现有界址成果（${cite(established)}）不是不动产权籍调查成果：首次登记需要权籍调查（调查表、宗地图、界址点坐标）。`, `the boundary in force (${cite(established)}) is not a cadastral survey (权籍调查): a first registration needs one.`)
      : state(need, 'missing', '该宗地没有审核通过的界址成果（不动产权籍调查、载有坐标的供地文件或历史成果）。', 'the parcel has no accepted boundary result (cadastral survey, supply document with coordinates, or legacy result).');
  },
  verified_units({ input, unitValues, verified }) {
    const need = 'verified_units';
    if (verified && unitValues.missing.length) {
      return state(need, 'missing', `单元${unitValues.missing.join('、')}在预售楼盘表中，但不在房产实测成果（${cite(verified)}）中：需要补测这些单元。`, `units ${unitValues.missing.join(', ')} are in the pre-sale 楼盘表 but not in the verified survey (${cite(verified)}): they need surveying.`);
    }
    if (input.unitCode && verified && !input.verifiedUnits.some((u) => u.unitCode === input.unitCode)) {
      return state(need, 'missing', `单元${input.unitCode}不在房产实测成果（${cite(verified)}）中。`, `unit ${input.unitCode} is not in the verified survey (${cite(verified)}).`);
    }
    if (verified) return state(need, 'met', `房屋面积来自${cite(verified)}。`, `building areas from ${cite(verified)}.`, [verified.id]);
    const waiting = pendingOf(input, (r) => r.unitAreaRole === 'verified');
    if (waiting.length) return waitingFor(need, waiting, '房产实测成果', 'the verified building survey');
    return state(need, 'missing', '该宗地没有审核通过的房产实测成果（或统一登记前的房产测量成果）。', 'the parcel has no accepted verified building survey (房产实测, or a legacy 房产测量).');
  },
  planning_verification({ input, legacyVerified }) {
    const need = 'planning_verification';
    if (legacyVerified) return state(need, 'met', '统一登记前的房产测量成果按R1复用，不另需规划核实。', 'a legacy building survey is reused under R1; no planning verification is needed.');
    const done = input.results.filter((r) => isCurrent(r) && r.family === 'planning_verification');
    if (done.length) return state(need, 'met', `规划核实：${done.map(cite).join('、')}。`, `planning verification: ${done.map(cite).join('; ')}.`, done.map((r) => r.id));
    const waiting = pendingOf(input, (r) => r.family === 'planning_verification');
    if (waiting.length) return waitingFor(need, waiting, '规划核实成果', 'the planning verification');
    return state(need, 'missing', '该宗地没有审核通过的规划核实成果。', 'the parcel has no accepted planning verification (规划核实).');
  },
  completion_acceptance({ input, legacyVerified }) {
    const need = 'completion_acceptance';
    if (legacyVerified) return state(need, 'met', '统一登记前的房产测量成果按R1复用，不另需竣工验收编号。', 'a legacy building survey is reused under R1; no completion acceptance reference is needed.');
    const withRef = input.results.filter((r) => isCurrent(r) && r.stage === 'completion' && r.completionAcceptance);
    if (withRef.length) return state(need, 'met', `竣工联合验收：${withRef.map((r) => `${r.completionAcceptance!.no}（${r.kind}）`).join('、')}。`, `joint completion acceptance: ${withRef.map((r) => `${r.completionAcceptance!.no} (${r.kind})`).join('; ')}.`, withRef.map((r) => r.id));
    const waiting = pendingOf(input, (r) => r.stage === 'completion' && r.completionAcceptance !== null);
    if (waiting.length) return waitingFor(need, waiting, '载有竣工验收编号的成果', 'the result carrying the completion acceptance reference');
    return state(need, 'missing', '审核通过的竣工成果均未记载竣工联合验收/备案编号（R5）：请在房产实测或规划核实成果中载明。', 'no accepted completion result records the joint completion acceptance reference (R5): record it with the 房产实测 or 规划核实 result.');
  },
  presale_unit: (f) => presaleTable('presale_unit', f),
  presale_units: (f) => presaleTable('presale_units', f),
  changed_boundary({ input }) {
    const need = 'changed_boundary', check = input.boundaryCheck;
    const established = currentBoundaryResult(input.results);
    if (check && !check.comparison.sameBoundary) return state(need, 'pending', `记载新界址的测量（${cite(check.candidate)}）已提交、尚未审核通过：${check.comparison.reasonZh}`, `the survey describing the new boundary (${cite(check.candidate)}) is submitted and not yet reviewed: ${check.comparison.reason}`, [check.candidate.id]);
    // A boundary in force that replaced an earlier one, established by a 权籍调查: the change is surveyed.
    const earlier = established && input.results.some((r) => r.id !== established.id && isCurrent(r) && r.geometryRole === 'parcel_boundary' && r.hasGeometry && r.boundaryRole !== 'confirms' && (r.reviewedAt ?? '') < (established.reviewedAt ?? ''));
    if (established && earlier && established.family === 'cadastral') {
      return state(need, 'met', `不动产权籍调查（${cite(established)}）超出允许误差、确立了变更后的界址。`, `the cadastral survey (${cite(established)}) lies beyond the 允许误差 and established the changed boundary.`, [established.id]);
    }
    return established
      ? state(need, 'missing', `界址自${cite(established)}确立以来没有审核通过的、记载新界址的不动产权籍调查成果。`, `no accepted cadastral survey describes a new boundary since ${cite(established)} established the present one.`)
      : state(need, 'missing', '该宗地没有审核通过的界址成果。', 'the parcel has no accepted boundary result.');
  },
  lineage({ input }) {
    const need = 'lineage';
    if (input.lineage) {
      const l = input.lineage;
      return state(need, 'met', `本宗地由${l.predecessorCodes.join('、')}${l.kind === 'split' ? '分割' : '合并'}而来（${l.changeNo}），其界址来自审核通过的权籍调查成果。`, `this parcel was made by the ${l.kind} of ${l.predecessorCodes.join(', ')} (${l.changeNo}); its boundary comes from the accepted cadastral survey.`, [l.surveyId]);
    }
    const waiting = pendingOf(input, (r) => r.family === 'cadastral');
    if (waiting.length) return waitingFor(need, waiting, '新宗地的权籍调查成果', "the new parcel's cadastral survey");
    return state(need, 'missing', '该宗地没有分割/合并沿革记录：分割、合并由各新宗地审核通过的权籍调查成果和宗地沿革登记，请对新宗地代码申请。', 'the parcel has no split/merge lineage: a split or merge is recorded from the accepted cadastral survey of each new parcel — request the packet for the new parcel code.');
  },
};

/** The pre-sale 楼盘表: the requested unit in it (presale_unit), or any units (presale_units). */
function presaleTable(need: 'presale_unit' | 'presale_units', { input, presale }: Facts): RequirementState {
  const inTable = need === 'presale_units' ? input.presaleUnits.length > 0 : input.presaleUnits.some((u) => u.unitCode === input.unitCode);
  if (presale && inTable) return state(need, 'met', `预售楼盘表：${cite(presale)}。`, `pre-sale 楼盘表: ${cite(presale)}.`, [presale.id]);
  const waiting = pendingOf(input, (r) => r.unitAreaRole === 'presale');
  if (waiting.length) return waitingFor(need, waiting, '预售楼盘表', 'the pre-sale 楼盘表');
  return need === 'presale_unit'
    ? state(need, 'missing', `单元${input.unitCode}不在审核通过的预售楼盘表中：需要载明该单元的房产预测成果。`, `unit ${input.unitCode} is not in an accepted pre-sale 楼盘表: a pre-sale survey (房产预测) listing it is needed.`)
    : state(need, 'missing', '该宗地没有审核通过的预售楼盘表（房产预测）。', 'the parcel has no accepted pre-sale 楼盘表 (房产预测).');
}

/** Each requirement of the row against the parcel's results. */
function requirementStates(input: PacketInput, row: TableRow, pick: BoundaryPick, unitValues: ReturnType<typeof units>): RequirementState[] {
  const { presale, verified } = unitAreaSources(input.results);
  const facts: Facts = { input, row, pick, unitValues, presale, verified, legacyVerified: verified !== null && isLegacy(verified, input) };
  return row.needs.map((need) => CHECKS[need](facts));
}

/** Decides a registration packet from the parcel's results by the decision table (throws NotApplicable on a misfit). */
export function decidePacket(input: PacketInput): PacketDecision {
  const picked = tableRow(input.registrationType, input.changeKind);
  if ('problem' in picked) throw new NotApplicable(picked.problem.code, picked.problem);
  const { row } = picked;
  if (!applies(row, input.parcelCode)) {
    const a = row.appliesTo!;
    throw new NotApplicable('REGISTRATION_TYPE_NOT_APPLICABLE', {
      zh: `${row.key}只适用于${a.zh}，宗地${input.parcelCode}的所有权/权利类型为${input.parcelCode[12]}${input.parcelCode[13]}`,
      en: `${row.key} applies to ${a.en} only; parcel ${input.parcelCode} has ownership/right type ${input.parcelCode[12]}${input.parcelCode[13]}`,
    });
  }
  if (row.unitRequired && !input.unitCode) throw new NotApplicable('UNIT_CODE_REQUIRED', { zh: `${row.key}须指明不动产单元号（unitCode）`, en: `a ${row.key} names its unit (unitCode)` });
  if (input.unitCode && row.unitAreas !== 'none' && input.unitCode[19] !== 'F') {
    throw new NotApplicable('UNIT_NOT_A_BUILDING', { zh: `单元${input.unitCode}不是房屋（第20位为${input.unitCode[19]}）：${row.key}针对房屋单元（F）`, en: `unit ${input.unitCode} is not a building unit (char 20 is ${input.unitCode[19]}): a ${row.key} is for building units (F)` });
  }
  const pick = pickBoundary(input, row);
  const unitValues = units(input, row);
  const requirements = requirementStates(input, row, pick, unitValues);
  const values = {
    tableRow: row.key, requirements, boundary: pick.value,
    landArea: landArea(input, pick.value, currentBoundaryResult(input.results)),
    units: unitValues.units, unitsMissingFromVerified: unitValues.missing,
  };
  return { ...decision(row, requirements, input), ...values };
}

function decision(row: TableRow, requirements: RequirementState[], input: PacketInput): Pick<PacketDecision, 'decision' | 'reason'> {
  const missing = requirements.filter((r) => r.state === 'missing'), pending = requirements.filter((r) => r.state === 'pending');
  // Sentences joined as one: zh clauses by '；' (without their own '。') and closed once; en sentences by a space.
  const join = (list: RequirementState[], sep: string, lang: 'zh' | 'en') =>
    lang === 'zh' ? `${list.map((r) => r.reason.zh.replace(/。$/, '')).join(sep)}。` : list.map((r) => r.reason.en).join(sep);
  if (missing.length) {
    const also = pending.length ? { zh: `另：${join(pending, '；', 'zh')}`, en: ` Also: ${join(pending, ' ', 'en')}` } : { zh: '', en: '' };
    return { decision: 'new_survey_required', reason: { zh: `需要补充测绘成果（${row.key}）：${join(missing, '；', 'zh')}${also.zh}`, en: `A survey is needed (${row.key}): ${join(missing, ' ', 'en')}${also.en}` } };
  }
  if (pending.length) {
    return { decision: 'awaiting_review', reason: { zh: `等待审核（${row.key}）：${join(pending, '；', 'zh')}审核通过后即可复用，无需重新测量。`, en: `Awaiting review (${row.key}): ${join(pending, ' ', 'en')} Once accepted it is reused; no new survey is needed.` } };
  }
  const check = input.boundaryCheck;
  const established = currentBoundaryResult(input.results);
  // Judged by the class of the boundary in force (its 允许误差), not by the newer survey's own class.
  const cls = established ? CLASS_NAMES[established.precisionClass] : '';
  const within = check && check.comparison.sameBoundary
    ? { zh: `较新的测量（${cite(check.candidate)}，尚未审核）与现界址相差不超过${cls}允许误差±${check.comparison.tolerance.toFixed(2)} m，界址未变化。`, en: ` A newer survey (${cite(check.candidate)}, not yet reviewed) lies within the ${cls} 允许误差 of ±${check.comparison.tolerance.toFixed(2)} m of the boundary in force: the boundary did not change.` }
    : { zh: '', en: '' };
  if (!row.needs.length) return { decision: 'reuse', reason: { zh: `${row.note.zh}${within.zh}`, en: `${row.note.en}${within.en}` } };
  return { decision: 'reuse', reason: { zh: `复用审核通过的成果，无需重新测量（${row.key}）：所需成果均已审核入库，各项数值的依据见下。${within.zh}`, en: `Reuse: no new survey required (${row.key}) — every result this registration needs is accepted in the hub; each value below names its rule and source.${within.en}` } };
}
