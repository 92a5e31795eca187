// Which evidence a submission may carry, by its stage and kind — the same rules the hub checks (checkEvidence in
// server/domain/survey-submission.ts), so the upload form offers a field only where the hub takes it.

/** 供地文件 kinds (schemas/survey-submission.schema.json supplyDocumentKind). */
export const SUPPLY_DOCUMENT_KINDS = ['出让合同', '划拨决定书', '其他供地文件'] as const;
/** Kinds whose unit areas are judged by a 房产面积 precision class (GB/T 17986.1). */
const BUILDING_AREA_KINDS = ['房产预测', '房产实测', '房产测量'];
/** Surveys of the land-supply (or legacy) stage that may have been used for the supply procedure (R2). */
const SUPPLY_SURVEY_KINDS = ['勘测定界', '权籍调查', '竣工测量'];
/** Survey kinds a submission may name (the hub's reference table, in its order); others are refused by the hub. */
export const SURVEY_KINDS = ['勘测定界', '权籍调查', '出让合同', '划拨决定书', '规划放线', '规划验线', '规划核实', '房产预测', '房产实测', '竣工测量', '房产测量'];

export interface EvidenceFields {
  /** The supply document kinds offered (empty: no supply-document fields); a supply document's reference is its own kind. */
  supplyKinds: readonly string[];
  /** 竣工联合验收 / 备案 number and date (R5): completion-stage results. */
  completionAcceptance: boolean;
  /** 房产面积精度 (areaPrecisionClass): results with unit areas. */
  areaPrecisionClass: boolean;
  /** The parcel codes a split/merge parcel's 权籍调查 comes from (predecessorCodes). */
  predecessorCodes: boolean;
}

export function evidenceFieldsFor(stage: string, kind: string): EvidenceFields {
  const k = kind.trim();
  const supplyDocument = k === '出让合同' || k === '划拨决定书';
  const surveyForSupply = SUPPLY_SURVEY_KINDS.includes(k) && (stage === 'land_supply' || stage === 'legacy');
  return {
    supplyKinds: supplyDocument ? [k] : surveyForSupply ? SUPPLY_DOCUMENT_KINDS : [],
    completionAcceptance: stage === 'completion',
    areaPrecisionClass: BUILDING_AREA_KINDS.includes(k),
    predecessorCodes: k === '权籍调查',
  };
}

/** The evidence as the form holds it ('' = not given). */
export interface Evidence {
  supplyDocumentKind: string; supplyDocumentNo: string; supplyDocumentDate: string;
  completionAcceptanceNo: string; completionAcceptanceDate: string;
  areaPrecisionClass: string; predecessorCodes: string;
}
export const NO_EVIDENCE: Evidence = { supplyDocumentKind: '', supplyDocumentNo: '', supplyDocumentDate: '', completionAcceptanceNo: '', completionAcceptanceDate: '', areaPrecisionClass: '', predecessorCodes: '' };

/** The multipart fields to send: only the evidence given that the stage and kind take (a hidden field's old value is not sent). */
export function evidenceFormFields(stage: string, kind: string, e: Evidence): [name: string, value: string][] {
  const fields = evidenceFieldsFor(stage, kind);
  const out: [string, string][] = [];
  const add = (name: keyof Evidence) => {
    const value = e[name].trim();
    if (value) out.push([name, value]);
  };
  if (fields.supplyKinds.length && e.supplyDocumentKind) (['supplyDocumentKind', 'supplyDocumentNo', 'supplyDocumentDate'] as const).forEach(add);
  // A completion acceptance date belongs to its number.
  if (fields.completionAcceptance && e.completionAcceptanceNo.trim()) (['completionAcceptanceNo', 'completionAcceptanceDate'] as const).forEach(add);
  if (fields.areaPrecisionClass) add('areaPrecisionClass');
  if (fields.predecessorCodes) add('predecessorCodes');
  return out;
}
