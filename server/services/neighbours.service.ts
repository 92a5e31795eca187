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
  const out: Finding[] = [];
  const slivers = new Set<string>();
  for (const o of overlaps.rows.filter((row) => row.overlap_m2 > OVERLAP_NOISE_M2)) {
    const where = { file, x: o.x_north, y: o.y_east };
    if (o.thin) {
      // Thinner than the tolerance everywhere: measurement noise along a shared boundary, not a conflict.
      slivers.add(o.parcel_code);
      const width = m3((2 * o.overlap_m2) / o.perimeter_m);
      out.push(finding('SLIVER_OVERLAP', 'warning', where,
        `a sliver about ${width} m wide (${o.overlap_m2.toFixed(2)} m²) overlaps accepted parcel ${o.parcel_code} around X ${m3(o.x_north)}, Y ${m3(o.y_east)}, within the ${tolerance} m tolerance; if the boundary is shared, use the neighbour's coordinates`,
        `与已审核宗地${o.parcel_code}有宽约${width}米（${o.overlap_m2.toFixed(2)}平方米）的狭长重叠，位置约 X ${m3(o.x_north)}，Y ${m3(o.y_east)}，在允许误差${tolerance}米以内；如为共用界址，请采用相邻宗地的坐标`,
        { parcelCode: o.parcel_code, overlapM2: o.overlap_m2 }));
      continue;
    }
    out.push(finding('OVERLAPS_ACCEPTED_PARCEL', 'error', where,
      `overlaps accepted parcel ${o.parcel_code} (${o.kind}, result ${o.id}) by ${o.overlap_m2.toFixed(2)} m² around X ${m3(o.x_north)}, Y ${m3(o.y_east)}; a boundary shared with an accepted parcel must use its coordinates`,
      `与已审核宗地${o.parcel_code}（${o.kind}，成果${o.id}）重叠${o.overlap_m2.toFixed(2)}平方米，位置约 X ${m3(o.x_north)}，Y ${m3(o.y_east)}；与已审核宗地共用的界址应采用其坐标`,
      { parcelCode: o.parcel_code, surveyId: o.id, overlapM2: o.overlap_m2 }));
  }
  const vertices = indexVertices(delivery);
  const reported = new Set<string>();
  for (const m of misses.rows) {
    const own = m.path ? vertices.get(m.path.join(',')) : undefined;
    const key = `${m.parcel_code}/${own ? `${own.plot}/${own.point}` : `${m.x_north},${m.y_east}`}`;
    if ((m.path && !own) || reported.has(key) || (m.inside && slivers.has(m.parcel_code))) continue;
    reported.add(key);
    const code = m.inside ? 'SLIVER_OVERLAP' : 'SLIVER_GAP';
    const d = m3(m.distance_m);
    if (own) {
      out.push(finding(code, 'warning', { file, plot: own.plot, ring: own.ring, point: own.point, line: own.line, x: own.x, y: own.y },
        `point ${own.point} lies ${d} m ${m.inside ? 'inside' : 'outside'} the boundary of accepted parcel ${m.parcel_code} (narrower than the ${tolerance} m tolerance); if the boundary is shared, use the neighbour's coordinates`,
        `界址点${own.point}位于已审核宗地${m.parcel_code}界线${m.inside ? '以内' : '以外'}${d}米（小于允许误差${tolerance}米）；如为共用界址，请采用相邻宗地的坐标`));
    } else {
      out.push(finding(code, 'warning', { file, x: m.x_north, y: m.y_east },
        `a boundary point of accepted parcel ${m.parcel_code} at X ${m3(m.x_north)}, Y ${m3(m.y_east)} lies ${d} m ${m.inside ? 'inside' : 'outside'} this delivery's boundary (narrower than the ${tolerance} m tolerance); if the boundary is shared, use the neighbour's coordinates`,
        `已审核宗地${m.parcel_code}的界址点（X ${m3(m.x_north)}，Y ${m3(m.y_east)}）位于本成果界线${m.inside ? '以内' : '以外'}${d}米（小于允许误差${tolerance}米）；如为共用界址，请采用相邻宗地的坐标`));
    }
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
