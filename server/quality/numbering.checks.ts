// Point-number checks: one 点号 for two different positions within a plot; 界址点数 differing from the points listed.
import type { Delivery, Finding } from '../formats/delivery';
import { finding, m3 } from './finding';

export function checkNumbering(delivery: Delivery): Finding[] {
  const out: Finding[] = [];
  for (const plot of delivery.plots) {
    const seen = new Map<string, { x: number; y: number; ring: number; line?: number }>();
    for (const part of plot.parts) for (const ring of part.rings) for (const p of ring.points) {
      const first = seen.get(p.pointNo);
      if (!first) {
        seen.set(p.pointNo, { x: p.x, y: p.y, ring: ring.ringNo, line: p.line });
      } else if (first.x !== p.x || first.y !== p.y) {
        out.push(finding('POINT_NUMBER_REPEATED', 'error', { file: delivery.fileName, plot: plot.plotNo, ring: ring.ringNo, point: p.pointNo, line: p.line, x: p.x, y: p.y },
          `point number ${p.pointNo} is used twice for different positions: X ${m3(first.x)}, Y ${m3(first.y)}${first.line ? ` (line ${first.line})` : ''} and X ${m3(p.x)}, Y ${m3(p.y)}; give each boundary point its own number`,
          `点号${p.pointNo}用于两个不同位置：X ${m3(first.x)}，Y ${m3(first.y)}${first.line ? `（第${first.line}行）` : ''} 与 X ${m3(p.x)}，Y ${m3(p.y)}；每个界址点应有唯一点号`));
      }
    }
    if (plot.declaredPointCount !== undefined && delivery.format !== 'txt') {
      const listed = plot.parts.reduce((n, part) => n + part.rings.reduce((m, r) => m + r.points.length, 0), 0);
      const rings = plot.parts.reduce((n, part) => n + part.rings.length, 0);
      if (plot.declaredPointCount !== listed && plot.declaredPointCount !== listed + rings) {
        out.push(finding('POINT_COUNT_MISMATCH', 'warning', { file: delivery.fileName, plot: plot.plotNo, line: plot.line },
          `界址点数 says ${plot.declaredPointCount} but the plot lists ${listed} points (${listed + rings} with closing points); the points as listed were used`,
          `界址点数为${plot.declaredPointCount}，实际列出${listed}个点（含闭合点${listed + rings}个）；已按实际点读取`));
      }
    }
  }
  return out;
}
