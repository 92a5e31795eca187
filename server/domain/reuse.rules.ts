// The reuse engine's rules (DOMAIN.md §1 R1–R6, §8): which accepted results a registration reuses, value by value,
// each with its rule, its source and a one-sentence reason — or why a new survey is required.
import type { ResultSummary } from './survey-result';
import { currentBoundaryResult, currentUnitResultPerStage, isCurrent } from './survey-result';
import type { BoundaryComparison } from './boundary-diff';
import { compareUnitAreas, type UnitArea, type UnitAreaComparison } from './area-comparison';
import { CLASS_NAMES } from './tolerances';

/** Registration types (§8) and the survey results each needs. */
export const REGISTRATION_TYPES = {
  国有建设用地使用权首次登记: 'land_boundary',
  房屋所有权首次登记: 'completion_units',
  变更登记: 'new_cadastral_survey',
  转移登记: 'none',
  预告登记: 'presale_unit',
  抵押登记: 'none',
  更正登记: 'none',
  异议登记: 'none',
  注销登记: 'none',
  查封登记: 'none',
} as const;
export type RegistrationType = keyof typeof REGISTRATION_TYPES;

export type Rule = 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'R6';
export interface Bilingual { zh: string; en: string }
export interface Source { surveyId: string; stage: string; kind: string; organisation: string; surveyedOn: string }
export interface Sourced<T> { value: T; rule: Rule; source: Source; reason: Bilingual }

export interface PacketInput {
  registrationType: RegistrationType;
  unitCode?: string;
  /** Every result of the parcel (any status). */
  results: ResultSummary[];
  /** Per-unit areas of the current pre-sale and completion results. */
  presaleUnits: UnitArea[];
  verifiedUnits: UnitArea[];
  /** The newest boundary result newer than the current accepted boundary, compared with it (none: null). */
  boundaryCheck: { candidate: ResultSummary; comparison: BoundaryComparison } | null;
  /** The boundary result the parcel's last packet registered, if any. */
  lastPacketBoundaryId: string | null;
}

export interface PacketDecision {
  decision: 'reuse' | 'new_survey_required';
  reason: Bilingual;
  boundary: Sourced<{ surveyId: string; crs: string; planeAreaM2: number | null }> | null;
  landArea: (Sourced<number> & { computedM2: number | null }) | null;
  units: (UnitAreaComparison & { registered: Sourced<number> | null })[];
}

const sourceOf = (r: ResultSummary): Source => ({ surveyId: r.id, stage: r.stage, kind: r.kind, organisation: r.organisation, surveyedOn: r.surveyedOn });
const cite = (r: ResultSummary) => `${r.kind} ${r.organisation} ${r.surveyedOn}`;

/** The rule that lets a boundary be reused, by the stage and kind of the result it comes from. */
function boundaryRule(r: ResultSummary): { rule: Rule; reason: Bilingual } {
  if (r.officialLandArea) return { rule: 'R4', reason: { zh: `供地文件（${cite(r)}）载有坐标，直接作为宗地界址点坐标。`, en: `The supply document (${cite(r)}) carries coordinates, which are the parcel's boundary point coordinates as they stand.` } };
  if (r.stage === 'land_supply') return { rule: 'R2', reason: { zh: `供地阶段的不动产权籍调查成果（${cite(r)}）已用于供地，首次登记不再重新测量。`, en: `The cadastral survey of the land-supply stage (${cite(r)}) served the supply procedure and is reused without a new survey.` } };
  if (r.stage === 'completion') return { rule: 'R5', reason: { zh: `竣工联合验收成果（${cite(r)}）中的坐标直接使用。`, en: `The coordinates of the joint completion acceptance (${cite(r)}) are used directly.` } };
  return { rule: 'R1', reason: { zh: `统一登记前已审核且界址未变化的历史成果（${cite(r)}），不再重复测量。`, en: `A legacy result (${cite(r)}) reviewed before unified registration whose boundary has not changed is reused without a new survey.` } };
}

/** The land area to register: an official supply-document area wins (R3), the computation shown beside it. */
function landArea(results: ResultSummary[], boundary: ResultSummary | undefined): PacketDecision['landArea'] {
  const official = results.filter((r) => isCurrent(r) && r.officialLandArea && r.declaredAreaM2 !== null).sort((a, b) => b.surveyedOn.localeCompare(a.surveyedOn))[0];
  const computedM2 = boundary?.planeAreaM2 ?? null;
  if (official) {
    return { value: official.declaredAreaM2!, computedM2, rule: 'R3', source: sourceOf(official),
      reason: { zh: `供地文件（${cite(official)}）载明的土地面积直接用于登记，不再核算；计算面积仅供对照。`, en: `The land area stated in the supply document (${cite(official)}) is registered as it stands; the computed area is shown, not substituted.` } };
  }
  if (!boundary) return null;
  const { rule } = boundaryRule(boundary);
  const declared = boundary.declaredAreaM2;
  return { value: declared ?? computedM2!, computedM2, rule, source: sourceOf(boundary),
    reason: declared !== null
      ? { zh: `无供地文件面积，采用所复用成果（${cite(boundary)}）申报的面积。`, en: `No supply-document area: the area declared by the reused result (${cite(boundary)}) is registered.` }
      : { zh: `无供地文件面积，采用所复用成果（${cite(boundary)}）界址坐标的平面面积。`, en: `No supply-document area: the plane area of the reused result's boundary (${cite(boundary)}) is registered.` } };
}

/** Unit areas: the verified (实测) area is registered (R5), also where pre-sale differs (R6); pre-sale beside it. */
function units(input: PacketInput, current: ReturnType<typeof currentUnitResultPerStage>): PacketDecision['units'] {
  const codes = new Set([...input.presaleUnits, ...input.verifiedUnits].map((u) => u.unitCode).filter((c) => !input.unitCode || c === input.unitCode));
  const completion = current.completion, presale = current.presale;
  return [...codes].sort().map((code) => {
    const pre = input.presaleUnits.find((u) => u.unitCode === code);
    const ver = input.verifiedUnits.find((u) => u.unitCode === code);
    const comparison = compareUnitAreas(pre, ver, completion?.precisionClass ?? presale?.precisionClass ?? 2);
    let registered: Sourced<number> | null = null;
    if (ver && completion) {
      const differs = pre && pre.buildingAreaM2 !== ver.buildingAreaM2;
      registered = { value: ver.buildingAreaM2, rule: differs ? 'R6' : 'R5', source: sourceOf(completion),
        reason: differs
          ? { zh: `预售面积与竣工实测面积不一致（面积误差比${comparison.building.ratioText}），按实测面积登记。`, en: `The pre-sale area differs from the verified area (${comparison.building.ratioText}); the verified area is registered.` }
          : { zh: `竣工联合验收核实的房屋面积（${cite(completion)}）直接使用，不再核算。`, en: `The building area verified by the joint completion acceptance (${cite(completion)}) is used directly.` } };
    } else if (pre && presale && input.registrationType === '预告登记') {
      registered = { value: pre.buildingAreaM2, rule: 'R6', source: sourceOf(presale),
        reason: { zh: '预告登记以楼盘表中的预测面积为准，竣工实测后按实测面积登记。', en: 'A pre-registration uses the pre-sale 楼盘表 area; after completion the verified area is registered.' } };
    }
    return { ...comparison, registered };
  });
}

const NEW = (zh: string, en: string): Pick<PacketDecision, 'decision' | 'reason'> => ({ decision: 'new_survey_required', reason: { zh: `需要重新测量：${zh}`, en: `New survey required: ${en}` } });
const REUSE = (zh: string, en: string): Pick<PacketDecision, 'decision' | 'reason'> => ({ decision: 'reuse', reason: { zh: `复用已审核成果，无需重新测量：${zh}`, en: `Reuse: no new survey required — ${en}` } });

/** Decides a registration packet from the parcel's results. */
export function decidePacket(input: PacketInput): PacketDecision {
  const current = currentUnitResultPerStage(input.results);
  const boundaryResult = currentBoundaryResult(input.results);
  const boundary: PacketDecision['boundary'] = boundaryResult
    ? { value: { surveyId: boundaryResult.id, crs: boundaryResult.crs, planeAreaM2: boundaryResult.planeAreaM2 }, source: sourceOf(boundaryResult), ...boundaryRule(boundaryResult) }
    : null;
  const values = { boundary, landArea: landArea(input.results, boundaryResult), units: units(input, current) };
  return { ...decide(input, boundaryResult, values.units), ...values };
}

function decide(input: PacketInput, boundary: ResultSummary | undefined, unitValues: PacketDecision['units']): Pick<PacketDecision, 'decision' | 'reason'> {
  const needs = REGISTRATION_TYPES[input.registrationType];
  const check = input.boundaryCheck;
  const changed = check && !check.comparison.sameBoundary && check.candidate.status !== 'accepted';
  if (needs === 'land_boundary' || needs === 'new_cadastral_survey') {
    if (!boundary) return NEW('该宗地没有已审核的供地阶段（权籍调查、勘测定界、出让合同或划拨决定书）界址成果。', 'the parcel has no accepted land-supply boundary result (权籍调查, 勘测定界, 出让合同 or 划拨决定书).');
    if (changed) return NEW(`界址已变化：${check.comparison.reasonZh}（成果${check.candidate.id}尚未审核）。`, `the boundary changed: ${check.comparison.reason} (result ${check.candidate.id} is not accepted yet).`);
  }
  if (needs === 'new_cadastral_survey' && boundary!.id === input.lastPacketBoundaryId) {
    return NEW(`变更登记需要新的不动产权籍调查成果，而最新的已审核界址成果（${cite(boundary!)}）已用于此前的登记。`, `a change registration needs a new cadastral survey, and the newest accepted boundary (${cite(boundary!)}) was registered before.`);
  }
  if (needs === 'completion_units' && !unitValues.some((u) => u.registered)) {
    return NEW('该宗地没有已审核的竣工实测（房产实测）成果。', 'the parcel has no accepted completion (房产实测) result with unit areas.');
  }
  if (needs === 'presale_unit') {
    if (!input.unitCode) return NEW('预告登记需指明不动产单元号。', 'a pre-registration names its unit (unitCode).');
    if (!input.presaleUnits.some((u) => u.unitCode === input.unitCode)) return NEW(`单元${input.unitCode}不在已审核的预售楼盘表中。`, `unit ${input.unitCode} is not in an accepted pre-sale 楼盘表.`);
  }
  const within = check && check.comparison.sameBoundary
    ? { zh: `较新的测量（${cite(check.candidate)}）与已审核界址相差不超过${CLASS_NAMES[check.candidate.precisionClass]}允许误差，界址未变化（R1）。`, en: ` A newer survey (${cite(check.candidate)}) lies within the ${CLASS_NAMES[check.candidate.precisionClass]} tolerance of the accepted boundary: the boundary did not change (R1).` }
    : { zh: '', en: '' };
  if (needs === 'none') return REUSE(`该登记类型不需要测绘成果，附上现有已审核成果供核对。${within.zh}`, `this registration type needs no survey result; the accepted results are attached for reference.${within.en}`);
  return REUSE(`所需成果均已审核入库，各项数值的依据见下。${within.zh}`, `every result this registration needs is accepted in the hub; each value below names its rule and source.${within.en}`);
}
