// The zone kilometre grid: the spacing at a map resolution, and lines labelled in km as surveyors read them.
import { gridLines, gridSpacingKm } from '../../web/src/geo/km-grid';

it('draws 1 km lines where a kilometre is at least 90 px (resolution 10 m/px: 100 px), 5 km at 50 m/px, 100 km beyond', () => {
  expect(gridSpacingKm(10)).toBe(1);
  expect(gridSpacingKm(12)).toBe(2); // 1 km = 83 px, 2 km = 167 px
  expect(gridSpacingKm(50)).toBe(5); // 2 km = 40 px, 5 km = 100 px
  expect(gridSpacingKm(100_000)).toBe(100);
});

it('labels the lines around the DOMAIN.md sample point in km: X 3899 and 3900, the zone-prefixed Y 38430 and 38431', () => {
  // 113.24°E 35.22°N is X 3 899 264.94, Y 38 430 806.51 in zone 38 (DOMAIN.md §4)
  const box = { minEast: 38_429_806.51, maxEast: 38_431_806.51, minNorth: 3_898_264.94, maxNorth: 3_900_264.94 };
  const lines = gridLines(box, 1);
  expect(lines.filter((l) => l.axis === 'x').map((l) => l.label)).toEqual(['X 3899', 'X 3900']);
  expect(lines.filter((l) => l.axis === 'y').map((l) => l.label)).toEqual(['Y 38430', 'Y 38431']);
  const x3899 = lines.find((l) => l.label === 'X 3899')!;
  expect(x3899.points[0]).toEqual([38_429_806.51, 3_899_000]);
  expect(x3899.points[x3899.points.length - 1]).toEqual([38_431_806.51, 3_899_000]);
  expect(x3899.points).toHaveLength(9);
});

it('draws no lines of an axis that would need more than the limit', () => {
  const box = { minEast: 38_000_000, maxEast: 38_900_000, minNorth: 3_800_000, maxNorth: 3_801_500 };
  const lines = gridLines(box, 1, 8, 60);
  expect(lines.filter((l) => l.axis === 'y')).toEqual([]);
  expect(lines.filter((l) => l.axis === 'x').map((l) => l.label)).toEqual(['X 3800', 'X 3801']);
});
