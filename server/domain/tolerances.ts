// Precision classes (DOMAIN.md §5): 界址点 允许误差 and the GB/T 17986.1 房产面积 限差. Values marked
// [unconfirmed] in DOMAIN.md are defaults of this table, not truths in code: override via the options.

export type PrecisionClass = 1 | 2 | 3;

/** 界址点 点位中误差 per class, m (一级 ±5 cm, 二级 ±7.5 cm, 三级 ±10 cm; TD 1001-1993 lineage). */
export const BOUNDARY_POINT_MEAN_ERROR_M: Readonly<Record<PrecisionClass, number>> = { 1: 0.05, 2: 0.075, 3: 0.1 };

/** 允许误差 = 2 × 点位中误差, m: within it a re-surveyed point is the same point. */
export function boundaryPointTolerance(cls: PrecisionClass, meanErrors = BOUNDARY_POINT_MEAN_ERROR_M): number {
  return 2 * meanErrors[cls];
}

/** GB/T 17986.1-2000 中误差 coefficients m_S = a√S + bS (二级 confirmed; 一级, 三级 [unconfirmed]). */
export const AREA_MEAN_ERROR_COEFFICIENTS: Readonly<Record<PrecisionClass, { a: number; b: number }>> = {
  1: { a: 0.01, b: 0.0003 },
  2: { a: 0.02, b: 0.001 },
  3: { a: 0.04, b: 0.003 },
};

/** 面积中误差 m_S for an area S (m²), m². */
export function areaMeanError(areaM2: number, cls: PrecisionClass, coefficients = AREA_MEAN_ERROR_COEFFICIENTS): number {
  const { a, b } = coefficients[cls];
  return a * Math.sqrt(areaM2) + b * areaM2;
}

/** 限差 = 2 · m_S, m²: two measurements of one area differing by less are measurement noise. */
export function areaLimit(areaM2: number, cls: PrecisionClass, coefficients = AREA_MEAN_ERROR_COEFFICIENTS): number {
  return 2 * areaMeanError(areaM2, cls, coefficients);
}

export const CLASS_NAMES: Readonly<Record<PrecisionClass, string>> = { 1: '一级', 2: '二级', 3: '三级' };
