// Assembling delivered rings into parts by containment: outer rings, their holes, and further parts.
import type { DeliveryRing } from '../../server/formats/delivery';
import { assembleParts, locatePoint } from '../../server/formats/rings';

/** A rectangle ring at Gauss-Krüger magnitudes: corner X north, Y east, height (north) and width (east), m. */
const rect = (ringNo: number, x: number, y: number, h: number, w: number): DeliveryRing => ({
  ringNo, closed: true,
  points: [{ pointNo: 'a', x, y }, { pointNo: 'b', x, y: y + w }, { pointNo: 'c', x: x - h, y: y + w }, { pointNo: 'd', x: x - h, y }],
});

it('finds a point inside, on and outside the sample plot', () => {
  const ring = rect(1, 3899300, 38430800, 40, 60).points;
  expect(locatePoint({ x: 3899280, y: 38430830 }, ring)).toBe('in');
  expect(locatePoint({ x: 3899300, y: 38430830 }, ring)).toBe('on');
  expect(locatePoint({ x: 3899310, y: 38430830 }, ring)).toBe('out');
});

it('makes a ring inside the outer ring its hole', () => {
  const parts = assembleParts([rect(1, 3899300, 38430800, 40, 60), rect(2, 3899290, 38430810, 10, 10)]);
  expect(parts).toHaveLength(1);
  expect(parts[0].rings.map((r) => r.ringNo)).toEqual([1, 2]);
});

it('puts the outer ring first even when the hole comes first in the file', () => {
  const parts = assembleParts([rect(7, 3899290, 38430810, 10, 10), rect(3, 3899300, 38430800, 40, 60)]);
  expect(parts).toHaveLength(1);
  expect(parts[0].rings.map((r) => r.ringNo)).toEqual([3, 7]);
});

it('makes a ring outside every outer ring a new part, also when it shares an edge', () => {
  const parts = assembleParts([rect(1, 3899300, 38430800, 40, 60), rect(2, 3899300, 38430860, 40, 40)]);
  expect(parts.map((p) => [p.partNo, p.rings.length])).toEqual([[1, 1], [2, 1]]);
});

it('makes an island inside a hole a new part rather than a second hole', () => {
  const parts = assembleParts([rect(1, 3899300, 38430800, 40, 60), rect(2, 3899290, 38430810, 20, 20), rect(3, 3899285, 38430815, 5, 5)]);
  expect(parts.map((p) => p.rings.map((r) => r.ringNo))).toEqual([[1, 2], [3]]);
});
