// The web app's hand-written API types and messages against the hub's schemas: the form offers every registration type
// and change kind the hub takes, every message exists in both languages, and evidence fields appear where the hub takes them.
import fs from 'node:fs';
import path from 'node:path';
import { CHANGE_KINDS, REGISTRATION_TYPES } from '../../web/src/api/types';
import zhCN from '../../web/src/i18n/zh-CN';
import en from '../../web/src/i18n/en';
import { evidenceFieldsFor, evidenceFormFields, NO_EVIDENCE, SUPPLY_DOCUMENT_KINDS } from '../../web/src/components/upload/evidence.rules';

const schema = (name: string) => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../schemas', `${name}.schema.json`), 'utf8'));

/** Every leaf key of a message tree, as a dotted path. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`])).sort();
}

describe('the web app against the hub\'s schemas', () => {
  it('offers exactly the registration types and change kinds of the packet request schema', () => {
    const request = schema('packet-request');
    expect([...REGISTRATION_TYPES]).toEqual(request.properties.registrationType.enum);
    expect([...CHANGE_KINDS]).toEqual(request.properties.changeKind.enum);
  });

  it('offers exactly the supply document kinds a submission may name', () => {
    expect([...SUPPLY_DOCUMENT_KINDS]).toEqual(schema('survey-submission').properties.supplyDocumentKind.enum);
  });

  it('has every message in both Chinese and English', () => {
    expect(keys(en)).toEqual(keys(zhCN));
  });

  it('says 审核通过 and 套内建筑面积, never 已审核 or 套内面积 (issue 9 item 20)', () => {
    const texts = keys(zhCN).map((k) => k.split('.').reduce<any>((o, part) => o[part], zhCN) as string);
    expect(texts.filter((s) => s.includes('已审核') || s.includes('套内面积'))).toEqual([]);
  });
});

describe('evidence fields of the upload form', () => {
  it('offers the supply procedure on a 权籍调查 of the land-supply stage, and only its own kind on a 出让合同', () => {
    expect(evidenceFieldsFor('land_supply', '权籍调查')).toEqual({ supplyKinds: SUPPLY_DOCUMENT_KINDS, completionAcceptance: false, areaPrecisionClass: false, predecessorCodes: true });
    expect(evidenceFieldsFor('land_supply', '出让合同').supplyKinds).toEqual(['出让合同']);
    expect(evidenceFieldsFor('planning', '规划核实').supplyKinds).toEqual([]);
  });

  it('offers the completion acceptance on completion results and the area precision class on building area surveys', () => {
    expect(evidenceFieldsFor('completion', '房产实测')).toEqual({ supplyKinds: [], completionAcceptance: true, areaPrecisionClass: true, predecessorCodes: false });
    expect(evidenceFieldsFor('legacy', '房产测量').areaPrecisionClass).toBe(true);
    expect(evidenceFieldsFor('presale', '房产预测').completionAcceptance).toBe(false);
  });

  it('sends only the evidence the stage and kind take, and a completion date only with its number', () => {
    const given = { ...NO_EVIDENCE, supplyDocumentKind: '出让合同', supplyDocumentNo: '焦土出让(2024)17号', supplyDocumentDate: '2024-12-01', completionAcceptanceDate: '2025-01-01', areaPrecisionClass: '1' };
    expect(evidenceFormFields('land_supply', '权籍调查', given)).toEqual([['supplyDocumentKind', '出让合同'], ['supplyDocumentNo', '焦土出让(2024)17号'], ['supplyDocumentDate', '2024-12-01']]);
    expect(evidenceFormFields('completion', '房产实测', given)).toEqual([['areaPrecisionClass', '1']]);
    expect(evidenceFormFields('completion', '房产实测', { ...given, completionAcceptanceNo: '焦竣验(2025)8号' })).toEqual([['completionAcceptanceNo', '焦竣验(2025)8号'], ['completionAcceptanceDate', '2025-01-01'], ['areaPrecisionClass', '1']]);
  });
});
