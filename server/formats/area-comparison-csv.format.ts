// Writes a pre-sale vs verified area comparison as CSV: UTF-8 with BOM (Excel opens it as Chinese), CRLF, one row per
// unit, then one per building (幢) and one for the parcel (宗地).
import type { AreaDifference, AreaTotal, GroupTotals, UnitAreaComparison } from '../domain/area-comparison';
import { writeCsv } from './csv-writer';

/** Bilingual header: Chinese name, then the English one. Areas in m², ratios in %. */
export const AREA_COMPARISON_CSV_HEADER = [
  '行类型 row', '不动产单元号 unit code', '自然幢号 building', '缺少 missing',
  '预测建筑面积 presale building area (m²)', '实测建筑面积 verified building area (m²)', '建筑面积差 building area difference (m²)',
  '建筑面积误差比 building area ratio (%)', '超3% beyond 3%', '建筑面积限差 building area limit (m²)', '超限差 beyond limit',
  '预测套内建筑面积 presale inner area (m²)', '实测套内建筑面积 verified inner area (m²)', '套内建筑面积差 inner area difference (m²)',
  '套内面积误差比 inner area ratio (%)', '套内超3% inner beyond 3%', '套内限差 inner area limit (m²)', '套内超限差 inner beyond limit',
  '预测分摊面积 presale shared area (m²)', '实测分摊面积 verified shared area (m²)', '分摊面积差 shared area difference (m²)',
];

const MISSING = { presale: '缺预测 no presale', verified: '缺实测 no verified' } as const;

/** m² to 0.01 as surveyed; a ratio to 0.01 % with an ASCII sign spreadsheets read; blank where there is no value. */
const m2 = (v: number | null) => (v === null ? '' : v.toFixed(2));
function percent(v: number | null): string {
  if (v === null) return '';
  const fixed = v.toFixed(2);
  return Number(fixed) === 0 ? '0.00' : v > 0 ? `+${fixed}` : fixed;
}
const yesNo = (v: boolean | null) => (v === null ? '' : v ? '是 yes' : '否 no');

function judged(d: AreaDifference): string[] {
  const hasRatio = d.ratioPercent !== null;
  return [m2(d.presaleM2), m2(d.verifiedM2), m2(d.differenceM2), percent(d.ratioPercent), hasRatio ? yesNo(d.flagged) : '', d.limitM2 === null ? '' : d.limitM2.toFixed(3), yesNo(d.beyondLimit)];
}

const totalCells = (t: AreaTotal, withJudgement: boolean) =>
  [m2(t.presaleM2), m2(t.verifiedM2), m2(t.differenceM2), ...(withJudgement ? [percent(t.ratioPercent), '', '', ''] : [])];

function totalRow(label: string, g: GroupTotals): string[] {
  const missing = [g.presaleOnly.length ? `${MISSING.verified}: ${g.presaleOnly.length}` : '', g.verifiedOnly.length ? `${MISSING.presale}: ${g.verifiedOnly.length}` : ''].filter(Boolean).join('; ');
  return [label, g.buildingNo === undefined ? g.parcelCode : '', g.buildingNo ?? '', missing, ...totalCells(g.building, true), ...totalCells(g.inner, true), ...totalCells(g.shared, false)];
}

/** The comparison as CSV bytes (UTF-8 with BOM, CRLF line ends). */
export function writeAreaComparisonCsv(units: UnitAreaComparison[], buildings: GroupTotals[], parcel: GroupTotals | null): Uint8Array {
  const rows: string[][] = [
    AREA_COMPARISON_CSV_HEADER,
    ...units.map((u) => ['单元 unit', u.unitCode, u.unitCode.slice(20, 24), u.missing ? MISSING[u.missing] : '', ...judged(u.building), ...judged(u.inner), m2(u.shared.presaleM2), m2(u.shared.verifiedM2), m2(u.shared.differenceM2)]),
    ...buildings.map((b) => totalRow('幢合计 building total', b)),
    ...(parcel ? [totalRow('宗地合计 parcel total', parcel)] : []),
  ];
  return writeCsv(rows);
}
