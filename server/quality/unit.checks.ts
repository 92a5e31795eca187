// Plausibility of per-unit areas (房产面积): 套内 ≤ 建筑, 建筑 = 套内 + 分摊, no building area on a land-only unit,
// and a declared total 建筑面积 against the sum of the units (GB/T 17986.1 限差).
import { areaLimit, CLASS_NAMES, formatAgainstLimit, withinLimit, type PrecisionClass } from '../domain/tolerances';

/** One unit's areas as submitted, m². */
export interface SubmittedUnit {
  /** 不动产单元号, 28 characters. */
  unitCode: string;
  buildingAreaM2: number;
  innerAreaM2?: number;
  sharedAreaM2?: number;
}

/** A problem with the units of a submission: stable code, English and Chinese message naming the unit, and specifics. */
export interface UnitFinding {
  code: string;
  message: string;
  messageZh: string;
  details: Record<string, unknown>;
}

/** 建筑面积 = 套内建筑面积 + 分摊面积, to the 0.01 m² areas are written to (plus rounding of both parts), m². */
export const UNIT_AREA_SUM_TOLERANCE_M2 = 0.015;

const f2 = (n: number) => n.toFixed(2);

/** The problems of one unit (index `i` in the list), in the order a surveyor would fix them. */
export function checkUnitAreas(u: SubmittedUnit, i: number): UnitFinding[] {
  const where = `units[${i}] (${u.unitCode})`;
  const whereZh = `第${i + 1}个单元（${u.unitCode}）`;
  const at = { index: i, unitCode: u.unitCode };
  const out: UnitFinding[] = [];
  // 不动产单元号 char 20 = W: 无定着物, the land-only unit W00000000 (DOMAIN.md §3)
  if (u.unitCode.charAt(19) === 'W' && u.buildingAreaM2 > 0) {
    out.push({ code: 'UNIT_LAND_ONLY_HAS_BUILDING_AREA', details: { ...at, buildingAreaM2: u.buildingAreaM2 },
      message: `${where}: a land-only unit (定着物 W, no building) has no 建筑面积, but ${f2(u.buildingAreaM2)} m² is given; use the unit code of the building (定着物 F + 幢号 + 户号) or leave the unit out`,
      messageZh: `${whereZh}：无定着物的土地单元（定着物代码W）没有建筑面积，却给出了${f2(u.buildingAreaM2)}平方米；请使用房屋的不动产单元号（F+幢号+户号）或删除该单元` });
  }
  if (u.innerAreaM2 !== undefined && u.innerAreaM2 > u.buildingAreaM2 && !withinLimit(u.innerAreaM2 - u.buildingAreaM2, 0)) {
    out.push({ code: 'UNIT_INNER_AREA_EXCEEDS_BUILDING_AREA', details: { ...at, innerAreaM2: u.innerAreaM2, buildingAreaM2: u.buildingAreaM2 },
      message: `${where}: 套内建筑面积 ${f2(u.innerAreaM2)} m² is larger than 建筑面积 ${f2(u.buildingAreaM2)} m²; 建筑面积 is 套内建筑面积 plus 分摊面积 and cannot be smaller — check whether the two were swapped`,
      messageZh: `${whereZh}：套内建筑面积${f2(u.innerAreaM2)}平方米大于建筑面积${f2(u.buildingAreaM2)}平方米；建筑面积为套内建筑面积与分摊面积之和，不能更小，请检查两者是否填反` });
  }
  if (u.innerAreaM2 !== undefined && u.sharedAreaM2 !== undefined) {
    const sum = u.innerAreaM2 + u.sharedAreaM2;
    if (!withinLimit(sum - u.buildingAreaM2, UNIT_AREA_SUM_TOLERANCE_M2)) {
      out.push({ code: 'UNIT_AREAS_INCONSISTENT', details: { ...at, buildingAreaM2: u.buildingAreaM2, innerAreaM2: u.innerAreaM2, sharedAreaM2: u.sharedAreaM2 },
        message: `${where}: 建筑面积 ${u.buildingAreaM2} m² must equal 套内建筑面积 ${u.innerAreaM2} m² + 分摊面积 ${u.sharedAreaM2} m² = ${sum.toFixed(2)} m²`,
        messageZh: `${whereZh}：建筑面积${u.buildingAreaM2}平方米应等于套内建筑面积${u.innerAreaM2}平方米与分摊面积${u.sharedAreaM2}平方米之和${sum.toFixed(2)}平方米` });
    }
  }
  return out;
}

/**
 * A declared total 建筑面积 against the sum of the units' 建筑面积, m²: beyond the GB/T 17986.1 限差 of the 房产面积
 * precision class (computed on the sum) the two describe different buildings. Nothing to say without units.
 */
export function checkDeclaredBuildingArea(units: SubmittedUnit[], declaredM2: number | undefined, cls: PrecisionClass): UnitFinding[] {
  if (declaredM2 === undefined || units.length === 0) return [];
  const sum = units.reduce((s, u) => s + u.buildingAreaM2, 0);
  const limit = areaLimit(sum, cls);
  const diff = declaredM2 - sum;
  if (withinLimit(diff, limit)) return [];
  const shown = formatAgainstLimit(diff, limit, 2);
  return [{ code: 'BUILDING_AREA_DIFFERS_FROM_UNITS', details: { declaredBuildingAreaM2: declaredM2, unitsSumM2: sum, differenceM2: diff, limitM2: limit, areaPrecisionClass: cls },
    message: `declaredBuildingAreaM2 ${f2(declaredM2)} m² differs from the sum of the ${units.length} units' 建筑面积, ${f2(sum)} m², by ${shown.value} m², beyond the ${CLASS_NAMES[cls]} 限差 of ±${shown.limit} m² (GB/T 17986.1, 房产面积 precision class ${cls}); correct the total or the units`,
    messageZh: `申报总建筑面积${f2(declaredM2)}平方米与${units.length}个单元建筑面积之和${f2(sum)}平方米相差${shown.value}平方米，超过${CLASS_NAMES[cls]}限差±${shown.limit}平方米（GB/T 17986.1，房产面积精度等级${cls}）；请更正总面积或各单元面积` }];
}
