// The 宗地图's geometry on paper: 边长, scale, scale bar, and labels placed outside the boundary line.
import { chooseScale, ringLabels, scaleBar, sideLengths, toPaper, type SketchPoint } from '../../server/domain/parcel-sketch';

/** DOMAIN.md §7's outer ring: 60 m east–west, 40 m north–south. */
const SAMPLE: SketchPoint[] = [
  { pointNo: 'J1', x: 3899300, y: 38430800 }, { pointNo: 'J2', x: 3899300, y: 38430860 },
  { pointNo: 'J3', x: 3899260, y: 38430860 }, { pointNo: 'J4', x: 3899260, y: 38430800 },
];
/** An L: a 30 m square (X 0–30 north, Y 0–30 east) with its north-east 15 m quarter cut away; K3 is the reflex corner. */
const L_SHAPE: SketchPoint[] = [
  { pointNo: 'K1', x: 30, y: 0 }, { pointNo: 'K2', x: 30, y: 15 }, { pointNo: 'K3', x: 15, y: 15 }, { pointNo: 'K4', x: 15, y: 30 },
  { pointNo: 'K5', x: 0, y: 30 }, { pointNo: 'K6', x: 0, y: 0 },
];

/** Ray casting on paper coordinates: is (px, py) inside the polygon? */
function insidePaper(px: number, py: number, poly: { px: number; py: number }[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i];
    const b = poly[j];
    if (a.py > py !== b.py > py && px < ((b.px - a.px) * (py - a.py)) / (b.py - a.py) + a.px) inside = !inside;
  }
  return inside;
}
const paperOf = (ring: SketchPoint[], scale: number) => toPaper({ maxX: Math.max(...ring.map((p) => p.x)), minY: Math.min(...ring.map((p) => p.y)) }, scale, 10);

describe('边长', () => {
  it('gives the sample ring sides of 60, 40, 60 and 40 m, the last closing back to J1', () => {
    expect(sideLengths(SAMPLE).map((s) => [s.from, s.to, s.lengthM])).toEqual([['J1', 'J2', 60], ['J2', 'J3', 40], ['J3', 'J4', 60], ['J4', 'J1', 40]]);
  });

  it('measures a 3-4-5 triangle at Gauss-Krüger magnitudes without losing the centimetres', () => {
    const t = [{ pointNo: 'A', x: 3899300.0, y: 38430800.0 }, { pointNo: 'B', x: 3899303.0, y: 38430800.0 }, { pointNo: 'C', x: 3899300.0, y: 38430804.0 }];
    expect(sideLengths(t).map((s) => s.lengthM.toFixed(2))).toEqual(['3.00', '5.00', '4.00']);
  });
});

describe('the scale', () => {
  it('draws a 60 m × 40 m parcel in a 170 mm × 150 mm frame at 1:500 (120 mm wide), not 1:250 (240 mm)', () => {
    expect(chooseScale(60, 40, 170, 150)).toBe(500);
  });

  it('takes 1:2000 for a 300 m × 200 m parcel (150 mm wide at 1:2000, 300 mm at 1:1000)', () => {
    expect(chooseScale(300, 200, 170, 150)).toBe(2000);
  });

  it('draws a scale bar of 20 m (40 mm) at 1:500 where 50 mm are free, and of 50 m (25 mm) at 1:2000 where 30 mm are', () => {
    expect(scaleBar(500, 50)).toEqual({ lengthM: 20, lengthMm: 40 });
    expect(scaleBar(2000, 30)).toEqual({ lengthM: 50, lengthMm: 25 });
  });
});

describe('labels', () => {
  it('puts the north side\'s length above it and the east side\'s to its right, each written to 0.01 m', () => {
    const paper = paperOf(SAMPLE, 500);
    const { sides } = ringLabels(SAMPLE, paper, 3);
    // J1 at (10, 10) mm, J2 at (130, 10), J3 at (130, 90): 60 m = 120 mm and 40 m = 80 mm at 1:500
    expect(sides[0]).toMatchObject({ text: '60.00', px: 70, py: 7, rotateDeg: 0 });
    expect(sides[1]).toMatchObject({ text: '40.00', px: 133, py: 50 });
    expect(Math.abs(sides[1].rotateDeg)).toBe(90);
  });

  it('writes the labels the same whichever way the ring runs', () => {
    const paper = paperOf(SAMPLE, 500);
    const reversed = [...SAMPLE].reverse();
    const a = ringLabels(SAMPLE, paper, 3).points.map((p) => [p.text, p.px.toFixed(3), p.py.toFixed(3)]).sort();
    const b = ringLabels(reversed, paper, 3).points.map((p) => [p.text, p.px.toFixed(3), p.py.toFixed(3)]).sort();
    expect(b).toEqual(a);
  });

  it('places every point number and side length of an L-shaped parcel outside it, the reflex corner K3 included', () => {
    const paper = paperOf(L_SHAPE, 200);
    const poly = L_SHAPE.map(paper);
    const { sides, points } = ringLabels(L_SHAPE, paper, 2);
    for (const label of [...sides, ...points]) expect([label.text, insidePaper(label.px, label.py, poly)]).toEqual([label.text, false]);
    // K3 (the reflex corner at X 15, Y 15) is at (85, 85) mm at 1:200: its number goes north-east, into the cut-away quarter
    const k3 = points.find((p) => p.text === 'K3')!;
    expect(k3.px).toBeGreaterThan(85);
    expect(k3.py).toBeLessThan(85);
  });

  it('puts a hole\'s labels inside the hole (outside the parcel)', () => {
    const hole: SketchPoint[] = [{ pointNo: 'J5', x: 3899290, y: 38430810 }, { pointNo: 'J6', x: 3899290, y: 38430820 }, { pointNo: 'J7', x: 3899280, y: 38430820 }, { pointNo: 'J8', x: 3899280, y: 38430810 }];
    const paper = paperOf(SAMPLE, 500);
    const poly = hole.map(paper);
    const { sides, points } = ringLabels(hole, paper, 1, false);
    for (const label of [...sides, ...points]) expect([label.text, insidePaper(label.px, label.py, poly)]).toEqual([label.text, true]);
  });
});
