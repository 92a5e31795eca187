// Pre-sale (预测) vs verified (实测) unit areas: 面积误差比 (DOMAIN.md §6), the GB/T 17986.1 限差 (§5), totals per 幢 and 宗地.
import { areaLimit, beyondLimit, formatAgainstLimit, type PrecisionClass } from './tolerances';

/** One unit's areas from one survey, m² (plane areas as the 房产测绘 report gives them). */
export interface UnitArea {
  /** 不动产单元号, 28 characters (GB/T 37346). */
  unitCode: string;
  /** 建筑面积, m². */
  buildingAreaM2: number;
  /** 套内建筑面积, m². */
  innerAreaM2?: number | null;
  /** 分摊面积, m². */
  sharedAreaM2?: number | null;
}

export type AreaKind = 'building' | 'inner' | 'shared';
export const AREA_KIND_NAMES: Readonly<Record<AreaKind, string>> = { building: '建筑面积', inner: '套内建筑面积', shared: '分摊面积' };

/** 面积误差比 within which the price is settled on the actual area, % (inclusive; 《商品房销售管理办法》第二十条). */
export const SETTLEMENT_RATIO_PERCENT = 3;

/** What the ratio means for buyer and developer (§6), in Chinese and English. */
export interface Consequence {
  zh: string;
  en: string;
}

/** One kind of area of one unit, pre-sale against verified; null where a side lacks it. */
export interface AreaDifference {
  kind: AreaKind;
  name: string;
  presaleM2: number | null;
  verifiedM2: number | null;
  /** verified − presale, m². */
  differenceM2: number | null;
  /** 面积误差比 = (verified − presale) / presale × 100, %, full precision; 建筑面积 and 套内建筑面积 only. */
  ratioPercent: number | null;
  /** The ratio for display, 2 decimals, more where a ratio beyond ±3 % would read as 3.00: "+3.50 %", "+3.001 %", "0.00 %". */
  ratioText: string | null;
  /** |ratio| > 3 % (exactly 3 % is settled on the actual area, so not flagged). */
  flagged: boolean;
  /** GB/T 17986.1 限差 computed on the contract (pre-sale) area S, m²; 建筑面积 and 套内建筑面积 only. */
  limitM2: number | null;
  /** |difference| > 限差: a real change of the unit rather than measurement noise. */
  beyondLimit: boolean | null;
  consequence: Consequence | null;
}

export interface UnitAreaComparison {
  unitCode: string;
  /** The side the unit is missing from, if any: such a unit is reported, never dropped. */
  missing: 'presale' | 'verified' | null;
  building: AreaDifference;
  inner: AreaDifference;
  shared: AreaDifference;
}

/**
 * "+3.50 %", "−3.10 %" (U+2212), "0.00 %": rounded for display only, to 2 decimals — or as many more as a ratio beyond
 * the ±3 % threshold needs not to read as 3.00 % ("+3.0011 %" shows as "+3.001 %").
 */
export function ratioText(ratioPercent: number): string {
  const fixed = formatAgainstLimit(Math.abs(ratioPercent), SETTLEMENT_RATIO_PERCENT, 2).value;
  if (Number(fixed) === 0) return '0.00 %';
  return `${ratioPercent > 0 ? '+' : '−'}${fixed} %`;
}

/** The §6 consequence of a 面积误差比 (%). */
export function ratioConsequence(ratioPercent: number, flagged: boolean): Consequence {
  if (!flagged) return { zh: '面积误差比绝对值在 3% 以内（含 3%），按实测面积据实结算房价款。', en: 'Within ±3 % (inclusive): the price is settled on the actual (verified) area.' };
  if (ratioPercent > 0) {
    return {
      zh: '面积误差比超出 +3%：买受人有权退房；买受人不退房的，3% 以内部分据实结算，超出 3% 部分的房价款由房地产开发企业承担，产权归买受人。',
      en: 'Above +3 %: the buyer may cancel; if the buyer keeps the unit, the area up to +3 % is paid for and the price of the part above +3 % is borne by the developer.',
    };
  }
  return {
    zh: '面积误差比低于 −3%：买受人有权退房；买受人不退房的，3% 以内部分的房价款由房地产开发企业返还，超出 3% 部分的房价款由房地产开发企业双倍返还买受人。',
    en: 'Below −3 %: the buyer may cancel; if the buyer keeps the unit, the developer refunds the price of the missing area up to 3 % and twice the price of the part beyond 3 %.',
  };
}

/** Compares one kind of area; `judged` kinds get the ratio, flag, 限差 and consequence. */
function difference(kind: AreaKind, presale: number | null, verified: number | null, cls: PrecisionClass, judged: boolean): AreaDifference {
  const differenceM2 = presale !== null && verified !== null ? verified - presale : null;
  const base = { kind, name: AREA_KIND_NAMES[kind], presaleM2: presale, verifiedM2: verified, differenceM2 };
  if (!judged || differenceM2 === null || presale === null || presale <= 0) {
    return { ...base, ratioPercent: null, ratioText: null, flagged: false, limitM2: null, beyondLimit: null, consequence: null };
  }
  const ratioPercent = (differenceM2 / presale) * 100;
  // compare areas, not the rounded ratio: (103.00 − 100.00) is exactly 3 % and must not be flagged
  const flagged = beyondLimit(differenceM2, (SETTLEMENT_RATIO_PERCENT / 100) * presale);
  const limitM2 = areaLimit(presale, cls);
  return {
    ...base, ratioPercent, ratioText: ratioText(ratioPercent), flagged, limitM2,
    beyondLimit: beyondLimit(differenceM2, limitM2), consequence: ratioConsequence(ratioPercent, flagged),
  };
}

/**
 * Pre-sale (预测, the contract area) against verified (实测, the registered area — rule R6) for one unit, per 建筑面积,
 * 套内建筑面积 and 分摊面积. A unit present on one side only comes back with `missing` set and null differences.
 */
export function compareUnitAreas(presale: UnitArea | undefined, verified: UnitArea | undefined, precisionClass: PrecisionClass): UnitAreaComparison {
  const unitCode = presale?.unitCode ?? verified?.unitCode;
  if (unitCode === undefined) throw new RangeError('compareUnitAreas needs a pre-sale or a verified unit');
  if (presale && verified && presale.unitCode !== verified.unitCode) {
    throw new RangeError(`pre-sale unit ${presale.unitCode} compared with verified unit ${verified.unitCode}`);
  }
  const value = (u: UnitArea | undefined, k: AreaKind) => (u ? (k === 'building' ? u.buildingAreaM2 : k === 'inner' ? u.innerAreaM2 : u.sharedAreaM2) ?? null : null);
  const of = (k: AreaKind, judged: boolean) => difference(k, value(presale, k), value(verified, k), precisionClass, judged);
  return {
    unitCode,
    missing: !presale ? 'presale' : !verified ? 'verified' : null,
    building: of('building', true),
    inner: of('inner', true),
    shared: of('shared', false),
  };
}

/** Compares two lists by 不动产单元号: pre-sale order first, then units only verified. */
export function compareUnitAreaLists(presale: UnitArea[], verified: UnitArea[], precisionClass: PrecisionClass): UnitAreaComparison[] {
  const verifiedByCode = new Map(verified.map((u) => [u.unitCode, u]));
  const presaleCodes = new Set(presale.map((u) => u.unitCode));
  return [
    ...presale.map((u) => compareUnitAreas(u, verifiedByCode.get(u.unitCode), precisionClass)),
    ...verified.filter((u) => !presaleCodes.has(u.unitCode)).map((u) => compareUnitAreas(undefined, u, precisionClass)),
  ];
}

/** Sums of one kind of area over a group, m²; counts say how many units gave a value on each side. */
export interface AreaTotal {
  presaleM2: number;
  verifiedM2: number;
  differenceM2: number;
  /** (Σ verified − Σ presale) / Σ presale × 100, %; null when Σ presale is 0. */
  ratioPercent: number | null;
  ratioText: string | null;
  presaleUnits: number;
  verifiedUnits: number;
}

export interface GroupTotals {
  /** 宗地代码 (chars 1–19) for a parcel; with `buildingNo` (自然幢号, chars 21–24) for a building. */
  parcelCode: string;
  buildingNo?: string;
  units: number;
  /** Units present on one side only: the sums include them on the side they have. */
  presaleOnly: string[];
  verifiedOnly: string[];
  building: AreaTotal;
  inner: AreaTotal;
  shared: AreaTotal;
}

function total(comparisons: UnitAreaComparison[], kind: AreaKind): AreaTotal {
  const presale = comparisons.map((c) => c[kind].presaleM2).filter((v): v is number => v !== null);
  const verified = comparisons.map((c) => c[kind].verifiedM2).filter((v): v is number => v !== null);
  const presaleM2 = presale.reduce((s, v) => s + v, 0), verifiedM2 = verified.reduce((s, v) => s + v, 0);
  const ratioPercent = presaleM2 > 0 ? ((verifiedM2 - presaleM2) / presaleM2) * 100 : null;
  return {
    presaleM2, verifiedM2, differenceM2: verifiedM2 - presaleM2, ratioPercent,
    ratioText: ratioPercent === null ? null : ratioText(ratioPercent), presaleUnits: presale.length, verifiedUnits: verified.length,
  };
}

function group(comparisons: UnitAreaComparison[], parcelCode: string, buildingNo?: string): GroupTotals {
  return {
    parcelCode, ...(buildingNo === undefined ? {} : { buildingNo }), units: comparisons.length,
    presaleOnly: comparisons.filter((c) => c.missing === 'verified').map((c) => c.unitCode),
    verifiedOnly: comparisons.filter((c) => c.missing === 'presale').map((c) => c.unitCode),
    building: total(comparisons, 'building'), inner: total(comparisons, 'inner'), shared: total(comparisons, 'shared'),
  };
}

/**
 * Totals per building (自然幢号 = chars 21–24 of the 不动产单元号, within its parcel) and per parcel (宗地代码 = chars 1–19),
 * in order of first appearance. Each side sums the units it has, so a unit missing on one side moves the ratio:
 * `presaleOnly` / `verifiedOnly` name such units.
 */
export function totals(comparisons: UnitAreaComparison[]): { buildings: GroupTotals[]; parcels: GroupTotals[] } {
  const by = (key: (c: UnitAreaComparison) => string) => {
    const groups = new Map<string, UnitAreaComparison[]>();
    for (const c of comparisons) groups.set(key(c), [...(groups.get(key(c)) ?? []), c]);
    return [...groups.values()];
  };
  return {
    buildings: by((c) => c.unitCode.slice(0, 24)).map((g) => group(g, g[0].unitCode.slice(0, 19), g[0].unitCode.slice(20, 24))),
    parcels: by((c) => c.unitCode.slice(0, 19)).map((g) => group(g, g[0].unitCode.slice(0, 19))),
  };
}
