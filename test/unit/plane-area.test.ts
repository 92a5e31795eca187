// Plane areas at Gauss-Krüger magnitudes, against areas worked by hand.
import { multiPolygonPlaneArea, polygonPlaneArea, ringSignedArea } from '../../server/domain/plane-area';

const rect = (e: number, n: number, w: number, h: number) => [[e, n], [e + w, n], [e + w, n + h], [e, n + h], [e, n]];

it('computes the DOMAIN.md sample plot as 2300 m² exactly (2400 m² minus a 100 m² hole)', () => {
  expect(polygonPlaneArea([rect(38430800, 3899260, 60, 40), rect(38430810, 3899280, 10, 10)])).toBe(2300);
});

it('keeps millimetre-level rectangles exact at prefixed-easting magnitudes', () => {
  // 0.001 m × 12.345 m = 0.012345 m², to the spacing of doubles at 3.8e7 (≈7e-9 m): a naive shoelace over raw coordinates is off by ~1e-4 m²
  expect(polygonPlaneArea([rect(38430800.123, 3899260.456, 0.001, 12.345)])).toBeCloseTo(0.012345, 6);
});

it('signs rings by orientation and ignores it for the area', () => {
  const ccw = rect(38430800, 3899260, 60, 40);
  expect(ringSignedArea(ccw)).toBe(2400);
  expect(ringSignedArea([...ccw].reverse())).toBe(-2400);
  expect(polygonPlaneArea([[...ccw].reverse()])).toBe(2400);
});

it('adds the parts of a multi-part plot', () => {
  expect(multiPolygonPlaneArea([[rect(38430800, 3899260, 60, 40)], [rect(38430900, 3899260, 10, 10)]])).toBe(2500);
});
