// Ring checks (成果质检): closure, too few points, repeated points, short segments, spikes, validity (jsts).
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import IsValidOp from 'jsts/org/locationtech/jts/operation/valid/IsValidOp.js';
import type { Delivery, DeliveryPlot, DeliveryRing, Finding, LocatedPoint } from '../formats/delivery';
import { belowLimit } from '../domain/tolerances';
import { finding, m3 } from './finding';

export interface RingCheckOptions {
  /** 界址点 允许误差 of the precision class, m: segments shorter than this are flagged. */
  tolerance: number;
  /** Smallest angle at a vertex, degrees, below which the vertex is a spike. */
  spikeAngleDeg?: number;
}

const reader = new GeoJSONReader(new GeometryFactory());
const distance = (a: LocatedPoint, b: LocatedPoint) => Math.hypot(a.x - b.x, a.y - b.y);

/** Per-ring checks of every plot, then polygon validity per plot. */
export function checkRings(delivery: Delivery, options: RingCheckOptions): Finding[] {
  const findings: Finding[] = [];
  for (const plot of delivery.plots) {
    let ringsOk = true;
    for (const part of plot.parts) {
      for (const ring of part.rings) {
        const ringFindings = checkRing(delivery, plot, ring, options);
        for (const f of ringFindings) findings.push(f); // a loop: a spread of 100 000 findings overflows the stack
        if (ringFindings.some((f) => f.severity === 'error')) ringsOk = false;
      }
    }
    if (ringsOk) for (const f of checkValidity(delivery.fileName, plot)) findings.push(f);
  }
  return findings;
}

function checkRing(delivery: Delivery, plot: DeliveryPlot, ring: DeliveryRing, options: RingCheckOptions): Finding[] {
  const file = delivery.fileName;
  const at = (p?: LocatedPoint) => ({ file, plot: plot.plotNo, ring: ring.ringNo, ...(p && { point: p.pointNo, line: p.line, x: p.x, y: p.y }) });
  const pts = ring.points;
  const out: Finding[] = [];
  // A point table (CSV) lists each point once; every other format closes its rings.
  if (!ring.closed && delivery.format !== 'csv' && pts.length > 0) {
    const first = pts[0], last = pts[pts.length - 1];
    out.push(finding('RING_NOT_CLOSED', 'error', { ...at(last) },
      `the ring is not closed: it ends at ${last.pointNo} (X ${m3(last.x)}, Y ${m3(last.y)}) but must end by repeating its first point ${first.pointNo} (X ${m3(first.x)}, Y ${m3(first.y)}); add the closing point`,
      `圈未闭合：结束于${last.pointNo}（X ${m3(last.x)}，Y ${m3(last.y)}），应以首点${first.pointNo}（X ${m3(first.x)}，Y ${m3(first.y)}）闭合，请补充闭合点`));
  }
  const distinct = new Set(pts.map((p) => `${p.x},${p.y}`)).size;
  if (distinct < 3) {
    out.push(finding('RING_TOO_FEW_POINTS', 'error', at(pts[0]), `the ring has ${distinct} distinct point(s); a ring needs at least three`, `该圈只有${distinct}个不同的点，至少需要3个`));
    return out;
  }
  const n = pts.length;
  for (let i = 0; i < n; i++) {
    const a = pts[i], b = pts[(i + 1) % n];
    const d = distance(a, b);
    if (d === 0) {
      out.push(finding('POINT_REPEATED_CONSECUTIVE', 'warning', at(b), `point ${b.pointNo} repeats the point before it (${a.pointNo}) at X ${m3(b.x)}, Y ${m3(b.y)}; remove the repetition`, `点${b.pointNo}与前一点${a.pointNo}重复（X ${m3(b.x)}，Y ${m3(b.y)}），请删除重复点`));
    } else if (belowLimit(d, options.tolerance)) {
      out.push(finding('SEGMENT_TOO_SHORT', 'warning', at(b), `the segment ${a.pointNo}–${b.pointNo} is ${m3(d)} m long, shorter than the ${options.tolerance} m tolerance of the precision class: the two may be one point surveyed twice`, `边${a.pointNo}–${b.pointNo}长${m3(d)}米，小于该精度等级的允许误差${options.tolerance}米，可能是同一点重复测量`));
    }
  }
  for (const f of spikes(pts, options, at)) out.push(f);
  return out;
}

/** A vertex where the boundary turns back on itself at a hair-thin angle: almost always a mistyped coordinate. */
function spikes(pts: LocatedPoint[], options: RingCheckOptions, at: (p?: LocatedPoint) => object): Finding[] {
  const limit = options.spikeAngleDeg ?? 1;
  const out: Finding[] = [];
  const n = pts.length;
  for (let i = 0; i < n; i++) {
    const prev = pts[(i - 1 + n) % n], p = pts[i], next = pts[(i + 1) % n];
    const d1 = distance(prev, p), d2 = distance(p, next);
    if (belowLimit(d1, options.tolerance) || belowLimit(d2, options.tolerance)) continue;
    const cos = ((prev.x - p.x) * (next.x - p.x) + (prev.y - p.y) * (next.y - p.y)) / (d1 * d2);
    const angle = (Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI;
    if (angle < limit) {
      out.push(finding('SPIKE', 'error', at(p) as never, `the boundary turns back at ${p.pointNo} with an angle of ${angle.toFixed(3)}° (a spike): check the coordinates of ${p.pointNo}`, `界址线在${p.pointNo}处折返，夹角${angle.toFixed(3)}°（毛刺），请检查${p.pointNo}的坐标`));
    }
  }
  return out;
}

const VALIDITY_CODES: Record<number, string> = {
  2: 'HOLE_OUTSIDE_SHELL', 3: 'NESTED_HOLES', 4: 'DISCONNECTED_INTERIOR', 5: 'SELF_INTERSECTION',
  6: 'RING_SELF_INTERSECTION', 7: 'NESTED_SHELLS', 8: 'DUPLICATE_RINGS',
};
const VALIDITY_ZH: Record<string, string> = {
  HOLE_OUTSIDE_SHELL: '内圈（扣除部分）位于外圈之外', NESTED_HOLES: '内圈相互嵌套', DISCONNECTED_INTERIOR: '内圈把地块分割成不相连的部分',
  SELF_INTERSECTION: '界址线自相交', RING_SELF_INTERSECTION: '圈自相交', NESTED_SHELLS: '地块的组成部分相互嵌套', DUPLICATE_RINGS: '圈重复',
};

type XY = [number, number];

/** Sign of the turn a→b→c: 1 left, -1 right, 0 straight. */
function orient(a: XY, b: XY, c: XY): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

const onSegment = (a: XY, b: XY, p: XY) => Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);

/** Whether segments ab and cd share any point (touching included). */
function segmentsMeet(a: XY, b: XY, c: XY, d: XY): boolean {
  const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b));
}

/**
 * A fast verdict for the common plot — one ring, few vertices: simple when no two non-adjacent edges meet and
 * no edge doubles back on the one before it. Coordinates about the first vertex, as everywhere at Gauss-Krüger
 * magnitudes. Only a ring that fails it (or a plot with holes or parts) goes to jsts for the reason and place.
 */
export function isSimpleRing(points: LocatedPoint[]): boolean {
  const o = points[0];
  const p: XY[] = points.map((q) => [q.y - o.y, q.x - o.x]);
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const a = p[i], b = p[(i + 1) % n], c = p[(i + 2) % n];
    if (a[0] === b[0] && a[1] === b[1]) return false;
    if (orient(a, b, c) === 0 && (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0) return false;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsMeet(a, b, p[j], p[(j + 1) % n])) return false;
    }
  }
  return true;
}

const FAST_PATH_MAX_VERTICES = 64;

/** jsts IsValidOp on the plot's polygon(s); the finding names the nearest boundary point. */
function checkValidity(file: string, plot: DeliveryPlot): Finding[] {
  const only = plot.parts.length === 1 && plot.parts[0].rings.length === 1 ? plot.parts[0].rings[0].points : undefined;
  if (only && only.length <= FAST_PATH_MAX_VERTICES && isSimpleRing(only)) return [];
  const coordinates = plot.parts.map((part) => part.rings.map((r) => [...r.points, r.points[0]].map((p) => [p.y, p.x])));
  const geometry = reader.read({ type: 'MultiPolygon', coordinates });
  const op = new IsValidOp(geometry);
  if (op.isValid()) return [];
  const error = op.getValidationError();
  const c = error.getCoordinate();
  const code = VALIDITY_CODES[error.getErrorType()] ?? 'GEOMETRY_INVALID';
  const nearest = nearestPoint(plot, c.y, c.x);
  return [finding(code, 'error', { file, plot: plot.plotNo, ring: nearest?.ring, point: nearest?.point.pointNo, line: nearest?.point.line, x: c.y, y: c.x },
    `${error.getMessage()} at X ${m3(c.y)}, Y ${m3(c.x)}${nearest ? ` (nearest point ${nearest.point.pointNo})` : ''}: check the point order and the coordinates there`,
    `${VALIDITY_ZH[code] ?? '几何图形无效'}，位置 X ${m3(c.y)}，Y ${m3(c.x)}${nearest ? `（最近的点 ${nearest.point.pointNo}）` : ''}，请检查该处的点序和坐标`)];
}

function nearestPoint(plot: DeliveryPlot, x: number, y: number): { ring: number; point: LocatedPoint } | undefined {
  let best: { ring: number; point: LocatedPoint; d: number } | undefined;
  for (const part of plot.parts) for (const ring of part.rings) for (const point of ring.points) {
    const d = Math.hypot(point.x - x, point.y - y);
    if (!best || d < best.d) best = { ring: ring.ringNo, point, d };
  }
  return best;
}
