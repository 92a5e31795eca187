// Tolerances against the worked examples of DOMAIN.md §5.
import { areaLimit, areaMeanError, boundaryPointTolerance } from '../../server/domain/tolerances';

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
