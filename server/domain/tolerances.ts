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

/**
 * Slack of every comparison with a limit, in the limit's own unit (m, m², %, km): 10⁻⁶ absolute, growing to
 * 10⁻⁹ of the limit for large ones. Surveyed values are written to 0.001 at the finest, so this is far below
 * any written digit and far above the floating-point noise of sums and differences of such values
 * (10 008 − 10 000 against an 一级 限差 computed as 8.000000000000002, or 103.00 − 100.00 against 3 % of 100).
 */
export const LIMIT_EPSILON = 1e-6;

const slack = (limit: number) => Math.max(LIMIT_EPSILON, Math.abs(limit) * 1e-9);

/**
 * Whether a value (a difference, a displacement, a distance; its sign ignored) is within a limit, inclusive:
 * |value| ≤ limit, up to LIMIT_EPSILON. The one comparison every check makes against a tolerance or threshold.
 */
export function withinLimit(value: number, limit: number): boolean {
  return Math.abs(value) <= limit + slack(limit);
}

/** |value| > limit beyond LIMIT_EPSILON: the negation of `withinLimit`. */
export function beyondLimit(value: number, limit: number): boolean {
  return !withinLimit(value, limit);
}

/** value < limit by more than LIMIT_EPSILON: for minimums (a segment shorter than the 允许误差). */
export function belowLimit(value: number, limit: number): boolean {
  return value < limit - slack(limit);
}

/**
 * A value and the limit it is compared with as text, to `decimals` — or, for a value beyond the limit, with the
 * fewest more (at most 9) at which |value| and the limit read differently. A flagged value never reads as its
 * limit: 0.1004 m against 0.10 m is "0.1004" (not "0.100"), +3.0011 % against 3 % is "3.001" (not "3.00"); a value
 * within the limit keeps `decimals` (inclusive: 8.00 against ±8.00 is within). The value keeps its sign; the limit
 * is printed with as many decimals as the value.
 */
export function formatAgainstLimit(value: number, limit: number, decimals = 2): { value: string; limit: string } {
  let d = decimals;
  const beyond = beyondLimit(value, limit);
  while (beyond && d < 9 && Math.abs(value).toFixed(d) === Math.abs(limit).toFixed(d)) d++;
  return { value: value.toFixed(d), limit: limit.toFixed(d) };
}

/** The finest rounding a declared land area is judged to, m²: half the 0.01 m² registration writes (DOMAIN.md §5). */
export const LAND_AREA_MIN_ROUNDING_M2 = 0.005;

/** Decimals of a number as written: "0.2300" → 4, "2300" → 0, "1.5e-7" → 8 (a JSON number's shortest text). */
export function writtenDecimals(text: string): number {
  const match = /^[+-]?\d*(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text.trim());
  if (!match) return 2;
  return Math.max(0, (match[1]?.length ?? 0) - Number(match[2] ?? 0));
}

/**
 * How far a coordinate-derived 宗地面积 may lie from a declared one written as `text` in `unit`, m²: half a unit of
 * the last written digit (0.5 m² for 4-decimal 公顷, 0.005 m² for m² with 2 decimals), never below 0.005 m².
 * A land area is the plane area of its coordinates: the declared value agrees with it to its own rounding, no more
 * (DOMAIN.md §5) — the GB/T 17986.1 formula is for building areas.
 */
export function landAreaRounding(text: string, unit: '公顷' | 'm²'): number {
  const halfUnit = (unit === '公顷' ? 5_000 : 0.5) / 10 ** writtenDecimals(text); // divided, so 0.5 and 0.005 come out exact
  return Math.max(halfUnit, LAND_AREA_MIN_ROUNDING_M2);
}
