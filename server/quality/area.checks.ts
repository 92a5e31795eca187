// Declared area vs the plane area computed from the coordinates: GB/T 17986.1 限差, and 公顷/m² mix-ups named.
import { polygonPlaneArea } from '../domain/plane-area';
import { areaLimit, CLASS_NAMES, type PrecisionClass } from '../domain/tolerances';
import type { Delivery, DeliveryPlot, Finding } from '../formats/delivery';
import { finding } from './finding';

/** Plane area of a plot in its projected CRS, m² (outer rings minus holes, summed over parts). */
export function plotPlaneArea(plot: DeliveryPlot): number {
  return plot.parts.reduce((sum, part) => sum + polygonPlaneArea(part.rings.map((r) => r.points.map((p) => [p.y, p.x]))), 0);
}

const f2 = (n: number) => n.toFixed(2);

/**
 * `officialArea`: the kind is a supply document whose area is official (R3): a difference is then
 * reported as a warning — the registered area stays the document's — instead of blocking.
 */
export function checkAreas(delivery: Delivery, precisionClass: PrecisionClass, officialArea = false): Finding[] {
  const out: Finding[] = [];
  for (const plot of delivery.plots) {
    const declared = plot.declaredArea;
    if (!declared) continue;
    const computed = plotPlaneArea(plot);
    const limit = areaLimit(computed, precisionClass);
    const where = { file: delivery.fileName, plot: plot.plotNo, line: plot.line };
    const close = (m2: number) => Math.abs(m2 - computed) <= limit;
    if (!close(declared.m2) && declared.unit === '公顷' && close(declared.value)) {
      out.push(finding('AREA_UNIT_M2_FOR_HECTARES', 'error', where,
        `地块面积 ${declared.value} is written as 公顷 but matches the computed ${f2(computed)} m² in square metres; write ${(declared.value / 10_000).toFixed(4)} (公顷)`,
        `地块面积${declared.value}应以公顷为单位，但其数值与计算面积${f2(computed)}平方米一致，应为平方米；请改写为${(declared.value / 10_000).toFixed(4)}（公顷）`));
      continue;
    }
    if (!close(declared.m2) && declared.unit === 'm²' && close(declared.value * 10_000)) {
      out.push(finding('AREA_UNIT_HECTARES_FOR_M2', 'error', where,
        `the area ${declared.value} is written as m² but matches the computed ${f2(computed)} m² in 公顷; write ${f2(declared.value * 10_000)} m²`,
        `面积${declared.value}标为平方米，但按公顷计与计算面积${f2(computed)}平方米一致；请改写为${f2(declared.value * 10_000)}平方米`));
      continue;
    }
    if (!close(declared.m2)) {
      const diff = declared.m2 - computed;
      out.push(finding('AREA_DIFFERS_FROM_COORDINATES', officialArea ? 'warning' : 'error', where,
        `the declared area ${f2(declared.m2)} m² differs from the plane area of the coordinates ${f2(computed)} m² by ${f2(diff)} m², beyond the ${CLASS_NAMES[precisionClass]} 限差 of ±${f2(limit)} m² (GB/T 17986.1)${officialArea ? '; the supply document\'s area stays the registered area (R3)' : '; check the coordinates or the declared area'}`,
        `申报面积${f2(declared.m2)}平方米与坐标计算的平面面积${f2(computed)}平方米相差${f2(diff)}平方米，超过${CLASS_NAMES[precisionClass]}限差±${f2(limit)}平方米（GB/T 17986.1）${officialArea ? '；登记面积仍以供地文件面积为准（R3）' : '；请检查坐标或申报面积'}`,
        { declaredM2: declared.m2, computedM2: computed, differenceM2: diff, limitM2: limit }));
    }
  }
  return out;
}
