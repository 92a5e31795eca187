// The fast validity path never calls a ring valid that jsts (the reference) calls invalid.
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import IsValidOp from 'jsts/org/locationtech/jts/operation/valid/IsValidOp.js';
import { isSimpleRing } from '../../server/quality/ring.checks';

const reader = new GeoJSONReader(new GeometryFactory());
const jstsValid = (ring: number[][]) => new IsValidOp(reader.read({ type: 'Polygon', coordinates: [[...ring, ring[0]]] })).isValid();
const asPoints = (ring: number[][]) => ring.map(([e, n], i) => ({ pointNo: `J${i + 1}`, x: n, y: e }));

/** A deterministic generator, so a failure can be replayed. */
function lcg(seed: number) {
  let s = seed;
  return () => ((s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296);
}

it('agrees with jsts on 5 000 random rings on a coarse grid, where touching and collinear edges abound', () => {
  const random = lcg(42);
  let simple = 0;
  for (let k = 0; k < 5000; k++) {
    const n = 3 + Math.floor(random() * 6);
    const ring = Array.from({ length: n }, () => [38430800 + Math.floor(random() * 5) * 10, 3899260 + Math.floor(random() * 5) * 10]);
    if (isSimpleRing(asPoints(ring))) {
      simple += 1;
      expect({ ring, valid: jstsValid(ring) }).toEqual({ ring, valid: true });
    }
  }
  expect(simple).toBeGreaterThan(300); // the fast path does decide a good share of them
});

it('takes the common plot — a convex ring of surveyed points — without jsts', () => {
  const random = lcg(7);
  for (let k = 0; k < 200; k++) {
    const n = 4 + Math.floor(random() * 20);
    const ring = Array.from({ length: n }, (_, i) => {
      const angle = (2 * Math.PI * i) / n;
      return [38430800 + 50 * Math.cos(angle) + random() * 0.001, 3899260 + 30 * Math.sin(angle) + random() * 0.001];
    });
    expect(isSimpleRing(asPoints(ring))).toBe(true);
    expect(jstsValid(ring)).toBe(true);
  }
});

it('sends a bow-tie, a ring touching itself and a ring doubling back to jsts', () => {
  expect(isSimpleRing(asPoints([[0, 0], [10, 10], [10, 0], [0, 10]]))).toBe(false);
  expect(isSimpleRing(asPoints([[0, 0], [10, 0], [10, 10], [5, 0], [0, 10]]))).toBe(false);
  expect(isSimpleRing(asPoints([[0, 0], [10, 0], [5, 0], [5, 10]]))).toBe(false);
});
