// Tolerances against the worked examples of DOMAIN.md §5.
import { areaLimit, areaMeanError, belowLimit, beyondLimit, boundaryPointTolerance, formatAgainstLimit, landAreaRounding, withinLimit, writtenDecimals } from '../../server/domain/tolerances';

it('gives 二级 m_S = 0.30 m² and 限差 0.60 m² for S = 100 m² (GB/T 17986.1 worked example)', () => {
  // 0.02 × √100 + 0.001 × 100 = 0.2 + 0.1
  expect(areaMeanError(100, 2)).toBeCloseTo(0.3, 12);
  expect(areaLimit(100, 2)).toBeCloseTo(0.6, 12);
});

it('gives 一级 and 三级 limits from their coefficients', () => {
  // 一级: 2 × (0.01 × 50 + 0.0003 × 2500) = 2.5; 三级: 2 × (0.04 × 50 + 0.003 × 2500) = 19
  expect(areaLimit(2500, 1)).toBeCloseTo(2.5, 12);
  expect(areaLimit(2500, 3)).toBeCloseTo(19, 12);
});

it('sets the 界址点 允许误差 at twice the mean error: 10, 15 and 20 cm', () => {
  expect([1, 2, 3].map((c) => boundaryPointTolerance(c as 1 | 2 | 3))).toEqual([0.1, 0.15, 0.2]);
});

describe('comparing with a limit', () => {
  it('takes 10 008 m² against 10 000 m² at 一级 as within the 限差 of exactly 2·(0.01·100 + 0.0003·10 000) = 8.00 m²', () => {
    const limit = areaLimit(10_000, 1);
    expect(limit).toBeCloseTo(8, 12);
    expect(withinLimit(10_008 - 10_000, limit)).toBe(true);
    expect(withinLimit(10_000 - 10_008, limit)).toBe(true);
    expect(beyondLimit(10_008.01 - 10_000, limit)).toBe(true);
  });

  it('takes 103.00 − 100.00 as exactly 3 % of 100, and a displacement of 0.1 m built from coordinates as the 一级 允许误差', () => {
    expect(withinLimit(103.0 - 100.0, 0.03 * 100)).toBe(true);
    // 38430830.1 − 38430830.0 is 0.10000000149… in floating point
    expect(withinLimit(38430830.1 - 38430830.0, boundaryPointTolerance(1))).toBe(true);
    expect(belowLimit(38430830.1 - 38430830.0, boundaryPointTolerance(1))).toBe(false);
    expect(beyondLimit(0.1004, 0.1)).toBe(true);
  });

  it('prints a value beyond its limit with enough decimals not to read as the limit: 0.1004 m, +3.001 %, 8.01 m²', () => {
    expect(formatAgainstLimit(0.1004, 0.1, 3)).toEqual({ value: '0.1004', limit: '0.1000' });
    expect(formatAgainstLimit(3.0011, 3, 2)).toEqual({ value: '3.001', limit: '3.000' });
    expect(formatAgainstLimit(-6.7597, 6.7596, 2)).toEqual({ value: '-6.7597', limit: '6.7596' });
    expect(formatAgainstLimit(8.01, 8, 2)).toEqual({ value: '8.01', limit: '8.00' });
    // within the limit (inclusive), the usual decimals
    expect(formatAgainstLimit(8, 8.000000000000002, 2)).toEqual({ value: '8.00', limit: '8.00' });
    expect(formatAgainstLimit(0.0996, 0.1, 3)).toEqual({ value: '0.100', limit: '0.100' });
  });
});

describe('the rounding a declared land area is judged to (DOMAIN.md §5)', () => {
  it.each([
    ['0.0123', '公顷', 0.5],   // 4-decimal 公顷: 1 m² steps, half of it
    ['0.2300', '公顷', 0.5],
    ['0.23', '公顷', 50],      // 0.01 公顷 = 100 m² steps
    ['2300.00', 'm²', 0.005],  // 0.01 m² steps
    ['2300', 'm²', 0.5],
    ['2300.4', 'm²', 0.05],
    ['2300.123', 'm²', 0.005], // never finer than 0.005 m²
    ['1e-7', 'm²', 0.005],
  ] as const)('judges %s %s to ±%f m²', (text, unit, rounding) => {
    expect(landAreaRounding(text, unit)).toBeCloseTo(rounding, 12);
  });

  it('counts the decimals of a number as written, exponent included', () => {
    expect(['0.2300', '2300', '1.5e-7', '2.5E+1', '12.'].map(writtenDecimals)).toEqual([4, 0, 8, 0, 0]);
  });
});
