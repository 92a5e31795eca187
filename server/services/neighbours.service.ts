// Checks a delivery's plots against the accepted parcels around them (PostGIS): overlaps refused, gaps and slivers
// along shared boundaries named.
import type pg from 'pg';
import { sql } from '../db/sql-files';
import type { Delivery, DeliveryPlot, Finding } from '../formats/delivery';
import type { Target } from '../domain/survey-submission';
import { finding, m3 } from '../quality/finding';

/** Overlaps smaller than this, m², are rounding, not a conflict. */
const OVERLAP_NOISE_M2 = 0.01;
/** A vertex this close to a neighbour's boundary, m, is taken as on it. */
const ON_BOUNDARY_M = 0.0005;

/** A plot as a MultiPolygon in its CRS ([easting, northing], rings closed), parts in order. */
export function plotGeometry(plot: DeliveryPlot) {
  return {
    type: 'MultiPolygon' as const,
    coordinates: plot.parts.map((part) => part.rings.map((r) => [...r.points, r.points[0]].map((p) => [p.y, p.x]))),
  };
}

/** A target's plots as one GeoJSON geometry text (Polygon, or MultiPolygon of every part), as stored; null without plots. */
export function targetGeometryJson(target: Target): string | null {
  if (!target.plots.length) return null;
  const parts = target.plots.flatMap((plot) => plotGeometry(plot).coordinates);
  return JSON.stringify(parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts });
}

/** Every target plot's plotGeometry as GeoJSON text, in the order checkNeighbours sends them. */
export const plotGeometriesJson = (targets: Target[]) => targets.flatMap((t) => t.plots.map((plot) => JSON.stringify(plotGeometry(plot))));

/**
 * Findings of every target's plots against the accepted neighbours within `tolerance` m (the class's 允许误差).
 * `predecessorCodes`: parcels the plots are split or merged from: an overlap with them is a warning, not a conflict.
 * `geometries`: plotGeometriesJson(targets) when a parse worker already wrote them (a large file's text is built off the main thread).
 */
export async function checkNeighbours(pool: pg.Pool, delivery: Delivery, targets: Target[], tolerance: number, predecessorCodes: string[] = [], geometries?: string[]): Promise<Finding[]> {
  const plots = targets.flatMap((t) => t.plots.map((plot) => ({ plot, parcelCode: t.parcelCode })));
  if (delivery.epsg === null || plots.length === 0) return [];
  const { rows } = await pool.query(sql('neighbour-conflicts'), [
    geometries ?? plotGeometriesJson(targets), plots.map((p) => p.parcelCode), delivery.epsg, tolerance, ON_BOUNDARY_M,
  ]);
  const file = delivery.fileName;
  const out: Finding[] = [];
  const slivers = new Set<string>();
  const reported = new Set<string>();
  for (const row of rows) {
    const plot = plots[Number(row.plot_index) - 1].plot;
    const pairKey = `${row.plot_index}/${row.parcel_code}`;
    const predecessor = predecessorCodes.includes(row.parcel_code);
    if (row.what === 'overlap') {
      if (row.area_m2 <= OVERLAP_NOISE_M2) continue;
      const where = { file, plot: plot.plotNo, line: plot.line, x: row.x_north, y: row.y_east };
      if (predecessor) {
        // Named as a parcel this one is split or merged from: its land is the plot's own. Said, not refused — the
        // reviewer sees it, and the lineage is recorded only for new parcels lying within their predecessors.
        if (!reported.has(pairKey)) out.push(finding('OVERLAPS_PREDECESSOR', 'warning', where,
          `lies on the land of parcel ${row.parcel_code}, which the submission names as the parcel it is split or merged from (predecessorCodes), by ${row.area_m2.toFixed(2)} m²; the old parcel is retired when the split or merge is recorded`,
          `与申报的原宗地${row.parcel_code}（分割/合并前的宗地，predecessorCodes）重叠${row.area_m2.toFixed(2)}平方米；登记分割/合并后原宗地代码注销`,
          { parcelCode: row.parcel_code, overlapM2: row.area_m2 }));
        reported.add(pairKey);
        continue;
      }
      if (row.thin) {
        // Thinner than the tolerance everywhere: measurement noise along a shared boundary, not a conflict.
        slivers.add(pairKey);
        const width = m3((2 * row.area_m2) / row.perimeter_m);
        out.push(finding('SLIVER_OVERLAP', 'warning', where,
          `a sliver about ${width} m wide (${row.area_m2.toFixed(2)} m²) overlaps accepted parcel ${row.parcel_code} around X ${m3(row.x_north)}, Y ${m3(row.y_east)}, within the ${tolerance} m tolerance; if the boundary is shared, use the neighbour's coordinates`,
          `与审核通过的宗地${row.parcel_code}有宽约${width}米（${row.area_m2.toFixed(2)}平方米）的狭长重叠，位置约 X ${m3(row.x_north)}，Y ${m3(row.y_east)}，在允许误差${tolerance}米以内；如为共用界址，请采用相邻宗地的坐标`,
          { parcelCode: row.parcel_code, overlapM2: row.area_m2 }));
      } else {
        out.push(finding('OVERLAPS_ACCEPTED_PARCEL', 'error', where,
          `overlaps accepted parcel ${row.parcel_code} (${row.kind}, result ${row.id}) by ${row.area_m2.toFixed(2)} m² around X ${m3(row.x_north)}, Y ${m3(row.y_east)}; a boundary shared with an accepted parcel must use its coordinates`,
          `与审核通过的宗地${row.parcel_code}（${row.kind}，成果${row.id}）重叠${row.area_m2.toFixed(2)}平方米，位置约 X ${m3(row.x_north)}，Y ${m3(row.y_east)}；与审核通过的宗地共用的界址应采用其坐标`,
          { parcelCode: row.parcel_code, surveyId: row.id, overlapM2: row.area_m2 }));
      }
      continue;
    }
    if (predecessor || (row.inside && slivers.has(pairKey))) continue;
    const own = row.path ? vertexAt(plot, row.path) : undefined;
    const key = `${pairKey}/${own ? own.point : `${row.x_north},${row.y_east}`}`;
    if ((row.path && !own) || reported.has(key)) continue;
    reported.add(key);
    const code = row.inside ? 'SLIVER_OVERLAP' : 'SLIVER_GAP';
    const d = m3(row.distance_m);
    const side = row.inside ? 'inside' : 'outside';
    const sideZh = row.inside ? '以内' : '以外';
    out.push(own
      ? finding(code, 'warning', { file, plot: plot.plotNo, ring: own.ring, point: own.point, line: own.line, x: own.x, y: own.y },
        `point ${own.point} lies ${d} m ${side} the boundary of accepted parcel ${row.parcel_code} (narrower than the ${tolerance} m tolerance); if the boundary is shared, use the neighbour's coordinates`,
        `界址点${own.point}位于审核通过的宗地${row.parcel_code}界线${sideZh}${d}米（小于允许误差${tolerance}米）；如为共用界址，请采用相邻宗地的坐标`)
      : finding(code, 'warning', { file, plot: plot.plotNo, x: row.x_north, y: row.y_east },
        `a boundary point of accepted parcel ${row.parcel_code} at X ${m3(row.x_north)}, Y ${m3(row.y_east)} lies ${d} m ${side} this plot's boundary (narrower than the ${tolerance} m tolerance); if the boundary is shared, use the neighbour's coordinates`,
        `审核通过的宗地${row.parcel_code}的界址点（X ${m3(row.x_north)}，Y ${m3(row.y_east)}）位于本地块界线${sideZh}${d}米（小于允许误差${tolerance}米）；如为共用界址，请采用相邻宗地的坐标`));
  }
  return out;
}

/** The plot point at an ST_DumpPoints path {polygon, ring, vertex} (1-based; the closing vertex is the first). */
function vertexAt(plot: DeliveryPlot, [polygon, ring, vertex]: number[]) {
  const r = plot.parts[polygon - 1]?.rings[ring - 1];
  const p = r?.points[(vertex - 1) % r.points.length];
  return p && { ring: r.ringNo, point: p.pointNo, line: p.line, x: p.x, y: p.y };
}
