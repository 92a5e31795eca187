// Compares a re-surveyed boundary with the accepted one (DOMAIN.md §5, rule R1): 界址点 matching, Hausdorff distance, verdict.
import { maxOf, minOf } from './extremes';
import { polygonPlaneArea } from './plane-area';
import type { BoundaryPoint } from './survey-geometry';
import { beyondLimit, boundaryPointTolerance, CLASS_NAMES, formatAgainstLimit, withinLimit, type PrecisionClass } from './tolerances';

/** A 界址点 (X north, Y east, m) with, optionally, its part and ring (圈号) as the survey store returns them. */
export type RingedPoint = BoundaryPoint & { part?: number; ring?: number };

/** Default search radius for matching renumbered 界址点 by position, m. */
export const DEFAULT_MATCH_DISTANCE_M = 5;
/** Initial sampling step along each edge for the Hausdorff distance, m. */
export const HAUSDORFF_STEP_M = 0.5;
/** The Hausdorff refinement stops when the maximum is pinned to this, m. */
const REFINE_M = 1e-4;

/** Two 界址点 taken for the same point; dx = north, dy = east displacement (candidate − accepted), m. */
export interface PointPair {
  accepted: BoundaryPoint;
  candidate: BoundaryPoint;
  by: 'number' | 'position';
  displacementM: number;
  dx: number;
  dy: number;
}

export interface PointMatching {
  pairs: PointPair[];
  unmatchedAccepted: BoundaryPoint[];
  unmatchedCandidate: BoundaryPoint[];
}

const samePoint = (a: BoundaryPoint, b: BoundaryPoint) => a.pointNo === b.pointNo && a.x === b.x && a.y === b.y;
const distance = (a: BoundaryPoint, b: BoundaryPoint) => Math.hypot(b.x - a.x, b.y - a.y);

/**
 * The rings of a 界址点 list, closing points dropped. Points carrying `ring` (and `part`) are grouped by them, in order;
 * otherwise a ring ends where its first point repeats (the TXT exchange convention, DOMAIN.md §7), and a list without
 * a repeat is one ring.
 */
export function boundaryRings<T extends RingedPoint>(points: T[]): T[][] {
  let rings: T[][] = [];
  if (points.some((p) => p.ring !== undefined)) {
    const byKey = new Map<string, T[]>();
    for (const p of points) {
      const key = `${p.part ?? 1}/${p.ring ?? 1}`;
      byKey.set(key, [...(byKey.get(key) ?? []), p]);
    }
    rings = [...byKey.values()];
  } else {
    let current: T[] = [];
    for (const p of points) {
      current.push(p);
      if (current.length > 1 && samePoint(p, current[0])) (rings.push(current), (current = []));
    }
    if (current.length) rings.push(current);
  }
  return rings.map((r) => (r.length > 1 && samePoint(r[r.length - 1], r[0]) ? r.slice(0, -1) : r));
}

/**
 * Matches accepted and candidate 界址点 (same projected CRS, m; closing points ignored). First by point number (点号) —
 * such a pair stands however far apart, its displacement is reported; then the points left over by position, greedily
 * by ascending distance, each point used once and only within `maxDistance` (m, default 5). Pairs come in accepted order.
 */
export function matchBoundaryPoints(accepted: RingedPoint[], candidate: RingedPoint[], options: { maxDistance?: number } = {}): PointMatching {
  const maxDistance = options.maxDistance ?? DEFAULT_MATCH_DISTANCE_M;
  const a = boundaryRings(accepted).flat(), c = boundaryRings(candidate).flat();
  const usedA = new Set<number>(), usedC = new Set<number>();
  const found: Array<{ i: number; j: number; by: PointPair['by'] }> = [];
  const take = (i: number, j: number, by: PointPair['by']) => (usedA.add(i), usedC.add(j), found.push({ i, j, by }));
  a.forEach((p, i) => {
    let best = -1; // a number used twice (several plots) pairs with the nearest unused namesake
    c.forEach((q, j) => {
      if (!usedC.has(j) && q.pointNo === p.pointNo && (best < 0 || distance(p, q) < distance(p, c[best]))) best = j;
    });
    if (best >= 0) take(i, best, 'number');
  });
  const near: Array<[number, number, number]> = [];
  a.forEach((p, i) => c.forEach((q, j) => {
    const d = distance(p, q);
    if (!usedA.has(i) && !usedC.has(j) && withinLimit(d, maxDistance)) near.push([d, i, j]);
  }));
  near.sort((u, v) => u[0] - v[0] || u[1] - v[1] || u[2] - v[2]);
  for (const [, i, j] of near) if (!usedA.has(i) && !usedC.has(j)) take(i, j, 'position');
  found.sort((u, v) => u.i - v.i);
  return {
    pairs: found.map(({ i, j, by }) => ({ accepted: a[i], candidate: c[j], by, displacementM: distance(a[i], c[j]), dx: c[j].x - a[i].x, dy: c[j].y - a[i].y })),
    unmatchedAccepted: a.filter((_, i) => !usedA.has(i)),
    unmatchedCandidate: c.filter((_, j) => !usedC.has(j)),
  };
}

/** A segment [x1, y1, x2, y2] relative to a local origin. */
type Segment = [number, number, number, number];

/** The edges of rings of [x, y] positions (closed or not: the closing edge is implied), about the origin (ox, oy). */
function edges(rings: number[][][], ox: number, oy: number): Segment[] {
  const out: Segment[] = [];
  for (const ring of rings) {
    const last = ring[ring.length - 1];
    const pts = ring.length > 1 && ring[0][0] === last[0] && ring[0][1] === last[1] ? ring.slice(0, -1) : ring;
    pts.forEach((p, i) => {
      const q = pts[(i + 1) % pts.length];
      out.push([p[0] - ox, p[1] - oy, q[0] - ox, q[1] - oy]);
    });
  }
  return out;
}

function pointSegmentDistance(px: number, py: number, [ax, ay, bx, by]: Segment): number {
  const ex = bx - ax, ey = by - ay, len2 = ex * ex + ey * ey;
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * ex + (py - ay) * ey) / len2));
  return Math.hypot(px - ax - t * ex, py - ay - t * ey);
}

/**
 * Directed Hausdorff distance from the edges `from` to the edges `to`. Each edge of `from` is sampled every ≤ 0.5 m and
 * every sample measured to the edges of `to` (not to their vertices); then an interval is halved wherever the maximum
 * may lie between its samples. The distance to one segment is convex along a straight edge, so it stays below the
 * larger of its two end values, and min over segments of that is a strict bound: the result is exact to 0.1 mm.
 */
function directedHausdorff(from: Segment[], to: Segment[]): number {
  const dists = (x: number, y: number) => to.map((s) => pointSegmentDistance(x, y, s));
  let best = maxOf(from.map(([x, y]) => minOf(dists(x, y))));
  for (const [ax, ay, bx, by] of from) {
    const len = Math.hypot(bx - ax, by - ay), n = Math.max(1, Math.ceil(len / HAUSDORFF_STEP_M));
    const at = (t: number) => dists(ax + t * (bx - ax), ay + t * (by - ay));
    const stack: Array<[number, number, number[], number[]]> = [];
    for (let k = 0, g0 = at(0); k < n; k++) {
      const g1 = at((k + 1) / n);
      stack.push([k / n, (k + 1) / n, g0, g1]);
      g0 = g1;
    }
    while (stack.length) {
      const [t0, t1, g0, g1] = stack.pop()!;
      best = Math.max(best, minOf(g0), minOf(g1));
      const bound = minOf(g0.map((g, j) => Math.max(g, g1[j])));
      if (bound <= best + REFINE_M || (t1 - t0) * len <= REFINE_M) continue;
      const tm = (t0 + t1) / 2, gm = at(tm);
      stack.push([t0, tm, g0, gm], [tm, t1, gm, g1]);
    }
  }
  return best;
}

/**
 * Hausdorff distance between two boundaries, m: the largest distance from a point on either boundary to the other one.
 * `a` and `b` are polygons as rings of [easting, northing] positions in one projected CRS; a ring may be closed (last
 * position repeating the first) or not — the closing edge is implied either way. Boundaries are compared as lines, all
 * rings (holes too) included. Exact to 0.1 mm, unlike a vertex-only discrete Hausdorff (see `directedHausdorff`).
 */
export function hausdorffDistance(a: number[][][], b: number[][][]): number {
  const origin = a.find((r) => r.length > 0)?.[0];
  if (!origin || !b.some((r) => r.length > 0)) throw new RangeError('hausdorffDistance needs two boundaries with at least one position each');
  const ea = edges(a, origin[0], origin[1]), eb = edges(b, origin[0], origin[1]);
  return Math.max(directedHausdorff(ea, eb), directedHausdorff(eb, ea));
}

/** Rings of 界址点 as [easting, northing] positions. */
const positions = (rings: BoundaryPoint[][]) => rings.map((r) => r.map((p) => [p.y, p.x]));

/** Distance from a 界址点 to the nearest edge of the rings, m (Infinity without rings). */
function distanceToEdges(p: BoundaryPoint, rings: BoundaryPoint[][]): number {
  const segs = edges(positions(rings), p.y, p.x);
  return minOf(segs.map((s) => pointSegmentDistance(0, 0, s)));
}

/** Plane area of the rings, m²: per part (`part`, default 1), the first ring is the outer one, the others holes. */
function planeArea(rings: RingedPoint[][]): number {
  const parts = new Map<number, RingedPoint[][]>();
  for (const r of rings) parts.set(r[0].part ?? 1, [...(parts.get(r[0].part ?? 1) ?? []), r]);
  return [...parts.values()].reduce((sum, p) => sum + polygonPlaneArea(positions(p)), 0);
}

export interface BoundaryComparisonInput {
  accepted: RingedPoint[];
  candidate: RingedPoint[];
  precisionClass: PrecisionClass;
  /** Area of the symmetric difference, m², computed by PostGIS by the caller: reported, not judged (no standard limit). */
  symmetricDifferenceM2?: number;
  /** Hausdorff distance between the boundaries, m, by the caller: beyond the 允许误差 it marks a change on its own. */
  hausdorffM?: number;
  /** Search radius for renumbered points, m (default 5). */
  maxMatchDistanceM?: number;
}

/** A matched 界址点 displaced beyond the 允许误差; dx north, dy east, m. */
export interface MovedPoint {
  pointNo: string;
  /** Its number in the candidate survey (differs when matched by position). */
  candidatePointNo: string;
  displacementM: number;
  dx: number;
  dy: number;
}

export interface BoundaryComparison {
  sameBoundary: boolean;
  /** 允许误差 of the class, m. */
  tolerance: number;
  maxDisplacementM: number;
  moved: MovedPoint[];
  /** Candidate points with no accepted counterpart and off the accepted boundary by more than the tolerance. */
  added: BoundaryPoint[];
  /** Accepted points with no candidate counterpart and off the candidate boundary by more than the tolerance. */
  removed: BoundaryPoint[];
  pairs: PointPair[];
  /** Plane areas of both boundaries in their projected CRS, m² (informational). */
  acceptedAreaM2: number;
  candidateAreaM2: number;
  hausdorffM: number | null;
  symmetricDifferenceM2: number | null;
  /** One English sentence naming what moved and by how much. */
  reason: string;
  reasonZh: string;
}

/** A distance compared with the 允许误差, m: 3 decimals, more where a value beyond it would read as the tolerance (0.1004, not 0.100). */
const vsTolerance = (v: number, tolerance: number) => formatAgainstLimit(v, tolerance, 3).value;

/**
 * Whether a candidate boundary is the accepted one (DOMAIN.md §5; rule R1 reuses it when it is). Same boundary ⇔ every
 * matched pair lies within the class's 允许误差 (inclusive), no point was added or removed, and the caller's Hausdorff
 * distance (if given) is within it too. A point present on one side only does not change the boundary when it lies
 * within the 允许误差 of the other boundary's edges (a point inserted on, or dropped from, a straight edge).
 */
export function compareBoundaries(input: BoundaryComparisonInput): BoundaryComparison {
  const tolerance = boundaryPointTolerance(input.precisionClass);
  const beyond = (d: number) => beyondLimit(d, tolerance);
  const acceptedRings = boundaryRings(input.accepted), candidateRings = boundaryRings(input.candidate);
  const { pairs, unmatchedAccepted, unmatchedCandidate } = matchBoundaryPoints(input.accepted, input.candidate, { maxDistance: input.maxMatchDistanceM });
  const moved = pairs.filter((p) => beyond(p.displacementM)).map((p): MovedPoint => ({
    pointNo: p.accepted.pointNo, candidatePointNo: p.candidate.pointNo, displacementM: p.displacementM, dx: p.dx, dy: p.dy,
  }));
  const added = unmatchedCandidate.map((p) => ({ p, off: distanceToEdges(p, acceptedRings) })).filter((u) => beyond(u.off));
  const removed = unmatchedAccepted.map((p) => ({ p, off: distanceToEdges(p, candidateRings) })).filter((u) => beyond(u.off));
  const hausdorffM = input.hausdorffM ?? null;
  const hausdorffChanged = hausdorffM !== null && beyond(hausdorffM);
  const maxDisplacementM = Math.max(0, maxOf(pairs.map((p) => p.displacementM)));
  const sameBoundary = pairs.length > 0 && !moved.length && !added.length && !removed.length && !hausdorffChanged;

  const tol = `±${tolerance.toFixed(2)} m`, cls = CLASS_NAMES[input.precisionClass];
  const name = (m: MovedPoint) => (m.pointNo === m.candidatePointNo ? m.pointNo : `${m.pointNo} (now ${m.candidatePointNo})`);
  const nameZh = (m: MovedPoint) => (m.pointNo === m.candidatePointNo ? m.pointNo : `${m.pointNo}（现 ${m.candidatePointNo}）`);
  const en = [
    ...moved.map((m) => `${name(m)} moved ${vsTolerance(m.displacementM, tolerance)} m`),
    ...added.map((u) => `${u.p.pointNo} added ${vsTolerance(u.off, tolerance)} m off the accepted boundary`),
    ...removed.map((u) => `${u.p.pointNo} removed (${vsTolerance(u.off, tolerance)} m off the new boundary)`),
    ...(hausdorffChanged ? [`the boundaries lie up to ${vsTolerance(hausdorffM!, tolerance)} m apart (Hausdorff)`] : []),
  ];
  const zh = [
    ...moved.map((m) => `${nameZh(m)} 位移 ${vsTolerance(m.displacementM, tolerance)} m`),
    ...added.map((u) => `新增 ${u.p.pointNo}（距原界址线 ${vsTolerance(u.off, tolerance)} m）`),
    ...removed.map((u) => `删除 ${u.p.pointNo}（距新界址线 ${vsTolerance(u.off, tolerance)} m）`),
    ...(hausdorffChanged ? [`两界址线最大相距 ${vsTolerance(hausdorffM!, tolerance)} m（Hausdorff 距离）`] : []),
  ];
  let reason: string, reasonZh: string;
  if (sameBoundary) {
    reason = `All ${pairs.length} matched 界址点 lie within the ${tol} 允许误差 of ${cls} (largest displacement ${vsTolerance(maxDisplacementM, tolerance)} m) — the same boundary: reuse the accepted result (R1).`;
    reasonZh = `${pairs.length} 个匹配界址点均在${cls}允许误差 ${tol} 以内（最大位移 ${vsTolerance(maxDisplacementM, tolerance)} m），界址未变化，沿用已入库成果（R1）。`;
  } else if (en.length) {
    reason = `${en.join(', ')}: beyond the ${tol} 允许误差 of ${cls} — the boundary changed.`;
    reasonZh = `${zh.join('，')}，超出${cls}界址点允许误差 ${tol}，界址已变化。`;
  } else {
    reason = 'No 界址点 to compare — the boundary cannot be taken as unchanged.';
    reasonZh = '没有可比较的界址点，不能认定界址未变化。';
  }
  return {
    sameBoundary, tolerance, maxDisplacementM, moved, added: added.map((u) => u.p), removed: removed.map((u) => u.p), pairs,
    acceptedAreaM2: planeArea(acceptedRings), candidateAreaM2: planeArea(candidateRings),
    hausdorffM, symmetricDifferenceM2: input.symmetricDifferenceM2 ?? null, reason, reasonZh,
  };
}
