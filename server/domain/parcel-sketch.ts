// The geometry of a 宗地图 (parcel sketch) on paper: side lengths (边长), the scale, the scale bar, and where the point
// numbers and side lengths go. Plane coordinates as surveyed: x = X (north), y = Y (east), m; paper in mm, y down.

/** A 界址点 of one ring, in order (the closing point not repeated). */
export interface SketchPoint { pointNo: string; x: number; y: number }

/** A side (界址边) from one point to the next, its plane length in m. */
export interface Side { from: string; to: string; lengthM: number }

/** A label on paper: where its anchor is (mm) and the rotation that keeps it along its side and upright (degrees). */
export interface PaperLabel { text: string; px: number; py: number; rotateDeg: number }

/** Scales a 宗地图 is drawn at (1:n), the common ones first considered smallest. */
export const SKETCH_SCALES = [100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 25_000, 50_000];

/** The sides of a ring, the last one closing it back to the first point. */
export function sideLengths(ring: SketchPoint[]): Side[] {
  return ring.map((p, i) => {
    const q = ring[(i + 1) % ring.length];
    return { from: p.pointNo, to: q.pointNo, lengthM: Math.hypot(q.x - p.x, q.y - p.y) };
  });
}

/** The largest scale (smallest n) of SKETCH_SCALES at which a `widthM` × `heightM` extent fits a `widthMm` × `heightMm` frame. */
export function chooseScale(widthM: number, heightM: number, widthMm: number, heightMm: number): number {
  const needed = Math.max(widthM / widthMm, heightM / heightMm) * 1000;
  return SKETCH_SCALES.find((n) => n >= needed) ?? Math.ceil(needed / 10_000) * 10_000;
}

/** A scale bar: the longest round length (1, 2 or 5 × 10ⁿ m) not longer than `maxMm` on paper at 1:`scale`. */
export function scaleBar(scale: number, maxMm: number): { lengthM: number; lengthMm: number } {
  const maxM = (maxMm * scale) / 1000;
  const power = 10 ** Math.floor(Math.log10(maxM));
  const lengthM = [5, 2, 1].map((f) => f * power).find((m) => m <= maxM)!;
  return { lengthM, lengthMm: (lengthM * 1000) / scale };
}

/** Plane coordinates → paper (mm) at 1:`scale`, the north-west corner of `origin` at (marginMm, marginMm). */
export function toPaper(origin: { maxX: number; minY: number }, scale: number, marginMm: number) {
  return (p: { x: number; y: number }) => ({ px: marginMm + ((p.y - origin.minY) * 1000) / scale, py: marginMm + ((origin.maxX - p.x) * 1000) / scale });
}

/** Twice the signed area on paper: > 0 when the ring runs clockwise as seen on the page (y down). */
function paperOrientation(points: { px: number; py: number }[]): number {
  let sum = 0;
  points.forEach((p, i) => {
    const q = points[(i + 1) % points.length];
    sum += p.px * q.py - q.px * p.py;
  });
  return sum;
}

/** Text along a side, turned so it never reads upside down. */
const uprightAngle = (dx: number, dy: number) => {
  const deg = (Math.atan2(dy, dx) * 180) / Math.PI;
  return deg > 90 ? deg - 180 : deg < -90 ? deg + 180 : deg;
};

/**
 * Labels of a ring drawn on paper: each side's length (m, 0.01) at its middle and each point's number beyond its
 * corner, both `offsetMm` outside the ring (inside, for a hole: `outward` false), so neither sits on the boundary line.
 */
export function ringLabels(ring: SketchPoint[], paper: (p: SketchPoint) => { px: number; py: number }, offsetMm: number, outward = true): { sides: PaperLabel[]; points: PaperLabel[] } {
  const onPaper = ring.map(paper);
  // On a page with y down, a clockwise ring has its outside on the left of each side's direction.
  const sign = (paperOrientation(onPaper) > 0 ? 1 : -1) * (outward ? 1 : -1);
  const sides = sideLengths(ring).map((side, i) => {
    const a = onPaper[i];
    const b = onPaper[(i + 1) % onPaper.length];
    const len = Math.hypot(b.px - a.px, b.py - a.py) || 1;
    const normal = { x: (sign * (b.py - a.py)) / len, y: (-sign * (b.px - a.px)) / len };
    return { text: side.lengthM.toFixed(2), px: (a.px + b.px) / 2 + normal.x * offsetMm, py: (a.py + b.py) / 2 + normal.y * offsetMm, rotateDeg: uprightAngle(b.px - a.px, b.py - a.py) };
  });
  const points = onPaper.map((p, i) => {
    const prev = onPaper[(i - 1 + onPaper.length) % onPaper.length];
    const next = onPaper[(i + 1) % onPaper.length];
    // Away from the corner: at a convex corner the sum of the unit vectors towards both neighbours points inside, so
    // its opposite points out; at a reflex corner (the turn the other way) it is the other way round.
    const u = unit(prev.px - p.px, prev.py - p.py);
    const v = unit(next.px - p.px, next.py - p.py);
    let dir = { x: -(u.x + v.x), y: -(u.y + v.y) };
    if (Math.hypot(dir.x, dir.y) < 1e-9) dir = { x: sign * (next.py - prev.py), y: -sign * (next.px - prev.px) }; // a straight corner
    else if ((u.x * v.y - u.y * v.x) * sign > 0) dir = { x: -dir.x, y: -dir.y };
    const d = unit(dir.x, dir.y);
    return { text: ring[i].pointNo, px: p.px + d.x * offsetMm, py: p.py + d.y * offsetMm, rotateDeg: 0 };
  });
  return { sides, points };
}

function unit(x: number, y: number): { x: number; y: number } {
  const len = Math.hypot(x, y);
  return len ? { x: x / len, y: y / len } : { x: 0, y: 0 };
}
