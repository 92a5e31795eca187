// Assembles delivered rings into parts by containment (outer ring first, holes after), for every format reader.
import type { BoundaryPoint } from '../domain/survey-geometry';
import { ringSignedArea } from '../domain/plane-area';
import type { DeliveryPart, DeliveryRing } from './delivery';

/**
 * Where a point lies relative to a ring (closing point not repeated; X north, Y east, m). Computed about the ring's
 * first vertex so Gauss-Krüger magnitudes stay exact; `on` when it lies on an edge (cross product below 1e-6 m²).
 */
export function locatePoint(point: Pick<BoundaryPoint, 'x' | 'y'>, ring: Array<Pick<BoundaryPoint, 'x' | 'y'>>): 'in' | 'on' | 'out' {
  if (ring.length === 0) return 'out';
  const ox = ring[0].y, oy = ring[0].x, px = point.y - ox, py = point.x - oy;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const ax = ring[i].y - ox, ay = ring[i].x - oy, bx = ring[j].y - ox, by = ring[j].x - oy;
    const cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
    if (Math.abs(cross) < 1e-6 && px >= Math.min(ax, bx) && px <= Math.max(ax, bx) && py >= Math.min(ay, by) && py <= Math.max(ay, by)) return 'on';
    if (ay > py !== by > py && px < ((bx - ax) * (py - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside ? 'in' : 'out';
}

/** Whether ring `inner` lies within ring `outer`: no vertex outside, and not every vertex merely on its boundary. */
export function ringInside(inner: DeliveryRing, outer: DeliveryRing): boolean {
  const where = inner.points.map((p) => locatePoint(p, outer.points));
  return !where.includes('out') && where.includes('in');
}

/** Absolute plane area of a ring, m² (X north, Y east → [east, north]). */
export function ringArea(ring: DeliveryRing): number {
  return Math.abs(ringSignedArea([...ring.points, ring.points[0]].map((p) => [p.y, p.x])));
}

/**
 * Groups rings into parts by containment: a ring inside a part's outer ring (and not inside one of its holes) is a hole
 * of that part; any other ring is the outer ring of a new part. Larger rings are placed first, so file order does not
 * matter; parts come out in the file order of their outer rings, rings within a part outer first then in file order.
 * Ring numbers are kept as given.
 */
export function assembleParts(rings: DeliveryRing[]): DeliveryPart[] {
  const order = rings.map((ring, index) => ({ ring, index, area: ringArea(ring) })).sort((a, b) => b.area - a.area || a.index - b.index);
  const groups: Array<{ outer: (typeof order)[number]; holes: typeof order }> = [];
  for (const entry of order) {
    const host = groups.find((g) => ringInside(entry.ring, g.outer.ring) && !g.holes.some((h) => ringInside(entry.ring, h.ring)));
    if (host) host.holes.push(entry);
    else groups.push({ outer: entry, holes: [] });
  }
  return groups
    .sort((a, b) => a.outer.index - b.outer.index)
    .map((g, i) => ({ partNo: i + 1, rings: [g.outer, ...g.holes.sort((a, b) => a.index - b.index)].map((e) => e.ring) }));
}
