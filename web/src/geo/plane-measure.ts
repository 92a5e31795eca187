// Plane length and area in a CGCS2000 3° zone, as surveys compute them (not spherical): the drawn
// geometry is transformed into the zone of its first vertex and measured there, relative to a local
// origin so the large Gauss-Krüger numbers do not eat the precision.
import type { Geometry, LineString, Polygon } from 'ol/geom';
import { MAP_PROJECTION, readOut } from './crs';

export interface PlaneMeasure { kind: 'length' | 'area'; value: number; crs: string }

function ringArea(ring: number[][]): number {
  const [ox, oy] = ring[0];
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[i + 1];
    sum += (x1 - ox) * (y2 - oy) - (x2 - ox) * (y1 - oy);
  }
  return Math.abs(sum) / 2;
}

function pathLength(coords: number[][]): number {
  let sum = 0;
  for (let i = 1; i < coords.length; i++) sum += Math.hypot(coords[i][0] - coords[i - 1][0], coords[i][1] - coords[i - 1][1]);
  return sum;
}

/** Length in m (line) or area in m² (polygon, holes subtracted) of a map geometry, in its zone CRS. */
export function planeMeasure(geometry: Geometry): PlaneMeasure | null {
  const type = geometry.getType();
  if (type !== 'LineString' && type !== 'Polygon') return null;
  const first = type === 'LineString' ? (geometry as LineString).getFirstCoordinate() : (geometry as Polygon).getLinearRing(0)!.getFirstCoordinate();
  const { crs } = readOut(first);
  const inZone = geometry.clone().transform(MAP_PROJECTION, crs);
  if (type === 'LineString') return { kind: 'length', value: pathLength((inZone as LineString).getCoordinates()), crs };
  const [outer, ...holes] = (inZone as Polygon).getCoordinates();
  return { kind: 'area', value: ringArea(outer) - holes.reduce((s, h) => s + ringArea(h), 0), crs };
}
