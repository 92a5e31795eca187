// Checks a delivery against the accepted parcels around it (PostGIS): overlaps, and gaps or slivers along shared boundaries.
import type pg from 'pg';
import { sql } from '../db/sql-files';
import type { Delivery, Finding } from '../formats/delivery';
import { finding, m3 } from '../quality/finding';

/** Overlaps smaller than this, m², are rounding, not a conflict. */
const OVERLAP_NOISE_M2 = 0.01;
/** A vertex this close to a neighbour's boundary, m, is taken as on it. */
const ON_BOUNDARY_M = 0.0005;

/** The delivery's plots as one MultiPolygon in its CRS; parts in order, so paths map back to plots. */
export function deliveryMultiPolygon(delivery: Delivery) {
  return {
    type: 'MultiPolygon' as const,
    coordinates: delivery.plots.flatMap((plot) => plot.parts.map((part) => part.rings.map((r) => [...r.points, r.points[0]].map((p) => [p.y, p.x])))),
  };
}

/** Findings against the accepted neighbours of parcel `parcelCode` within `tolerance` m (the class's 允许误差). */
export async function checkNeighbours(pool: pg.Pool, delivery: Delivery, parcelCode: string, tolerance: number): Promise<Finding[]> {
  if (delivery.epsg === null || delivery.plots.length === 0) return [];
  const geometry = JSON.stringify(deliveryMultiPolygon(delivery));
  const file = delivery.fileName;
  const [overlaps, misses] = await Promise.all([
    pool.query(sql('neighbour-overlaps'), [geometry, delivery.epsg, parcelCode, tolerance]),
    pool.query(sql('neighbour-near-misses'), [geometry, delivery.epsg, parcelCode, tolerance, ON_BOUNDARY_M]),
  ]);
  const out: Finding[] = overlaps.rows
    .filter((o) => o.overlap_m2 > OVERLAP_NOISE_M2)
    .map((o) => finding('OVERLAPS_ACCEPTED_PARCEL', 'error', { file, x: o.x_north, y: o.y_east },
      `overlaps accepted parcel ${o.parcel_code} (${o.kind}, result ${o.id}) by ${o.overlap_m2.toFixed(2)} m² around X ${m3(o.x_north)}, Y ${m3(o.y_east)}; a boundary shared with an accepted parcel must use its coordinates`,
      `与已审核宗地${o.parcel_code}（${o.kind}，成果${o.id}）重叠${o.overlap_m2.toFixed(2)}平方米，位置约 X ${m3(o.x_north)}，Y ${m3(o.y_east)}；与已审核宗地共用的界址应采用其坐标`,
      { parcelCode: o.parcel_code, surveyId: o.id, overlapM2: o.overlap_m2 }));
  const vertices = indexVertices(delivery);
  const reported = new Set<string>();
  for (const m of misses.rows) {
    const v = vertices.get(m.path.join(','));
    if (!v || reported.has(`${v.plot}/${v.point}/${m.parcel_code}`)) continue;
    reported.add(`${v.plot}/${v.point}/${m.parcel_code}`);
    const kind = m.inside ? 'overlaps' : 'leaves a gap to';
    out.push(finding(m.inside ? 'SLIVER_OVERLAP' : 'SLIVER_GAP', 'warning', { file, plot: v.plot, ring: v.ring, point: v.point, line: v.line, x: v.x, y: v.y },
      `point ${v.point} lies ${m3(m.distance_m)} m from the boundary of accepted parcel ${m.parcel_code} and ${kind} it (narrower than the ${tolerance} m tolerance); if the boundary is shared, use the neighbour's coordinates`,
      `界址点${v.point}距已审核宗地${m.parcel_code}的界线${m3(m.distance_m)}米，${m.inside ? '与其重叠' : '与其留有缝隙'}（小于允许误差${tolerance}米）；如为共用界址，请采用相邻宗地的坐标`));
  }
  return out;
}

/** "polygon,ring,vertex" (1-based, as ST_DumpPoints numbers them) → the plot point it is. */
function indexVertices(delivery: Delivery) {
  const index = new Map<string, { plot: string; ring: number; point: string; line?: number; x: number; y: number }>();
  let polygon = 0;
  for (const plot of delivery.plots) for (const part of plot.parts) {
    polygon += 1;
    part.rings.forEach((ring, r) => ring.points.forEach((p, v) => index.set(`${polygon},${r + 1},${v + 1}`, { plot: plot.plotNo, ring: ring.ringNo, point: p.pointNo, line: p.line, x: p.x, y: p.y })));
  }
  return index;
}
