// Declared land areas vs the plane area computed from the coordinates: agreement to the rounding of the written
// value (DOMAIN.md §5), 公顷/m² mix-ups named; per plot (TXT 地块面积, GeoJSON areas) and for the whole submission.
import { polygonPlaneArea } from '../domain/plane-area';
import { formatAgainstLimit, landAreaRounding, withinLimit } from '../domain/tolerances';
import type { DeclaredArea, Delivery, DeliveryPlot, Finding } from '../formats/delivery';
import { finding, type Where } from './finding';

/** Plane area of a plot in its projected CRS, m² (outer rings minus holes, summed over parts). */
export function plotPlaneArea(plot: DeliveryPlot): number {
  return plot.parts.reduce((sum, part) => sum + polygonPlaneArea(part.rings.map((r) => r.points.map((p) => [p.y, p.x]))), 0);
}

/**
 * A written number read in the other unit is a 公顷/m² mix-up when it agrees with the coordinates to its rounding,
 * or to 1 % (a plainly identical number whose last digits are also off): the finding then names the unit, not the area.
 */
const MIX_UP_RELATIVE = 0.01;

const f2 = (n: number) => n.toFixed(2);
/** A tolerance in m² as a surveyor writes it: 0.005, 0.5, 50. */
const short = (n: number) => String(Number(n.toPrecision(6)));

/** The written text of a declared area; a value without one stands for its shortest decimal text. */
const writtenText = (declared: DeclaredArea) => declared.text ?? String(declared.value);

/**
 * `officialArea`: the kind is a supply document whose area is official (R3): a difference is then reported as a
 * warning — the registered area stays the document's — instead of blocking.
 */
export function checkAreas(delivery: Delivery, officialArea = false): Finding[] {
  return delivery.plots.flatMap((plot) => plot.declaredArea
    ? judgeDeclaredArea(plot.declaredArea, plotPlaneArea(plot), { file: delivery.fileName, plot: plot.plotNo, line: plot.line }, officialArea)
    : []);
}

/**
 * The land area a submission declares for the whole result (`declaredAreaM2`, a JSON number in m²) against the plane
 * area of all its plots together.
 */
export function checkDeclaredTotal(delivery: Delivery, declaredM2: number, officialArea = false): Finding[] {
  const computed = delivery.plots.reduce((sum, plot) => sum + plotPlaneArea(plot), 0);
  const declared: DeclaredArea = { value: declaredM2, unit: 'm²', inferred: false, m2: declaredM2, text: String(declaredM2) };
  const n = delivery.plots.length;
  return judgeDeclaredArea(declared, computed, { file: delivery.fileName, column: 'declaredAreaM2' }, officialArea,
    n > 1 ? { en: ` (all ${n} plots together)`, zh: `（${n}个地块合计）` } : undefined);
}

/** One declared area against its computed plane area (m²): nothing, a unit mix-up, or a difference beyond the rounding. */
function judgeDeclaredArea(declared: DeclaredArea, computed: number, where: Where, officialArea: boolean, together?: { en: string; zh: string }): Finding[] {
  const text = writtenText(declared);
  const rounding = landAreaRounding(text, declared.unit);
  if (withinLimit(declared.m2 - computed, rounding)) return [];
  const matches = (m2: number, unit: DeclaredArea['unit']) =>
    withinLimit(m2 - computed, landAreaRounding(text, unit)) || withinLimit(m2 - computed, MIX_UP_RELATIVE * computed);
  const all = together ?? { en: '', zh: '' };
  if (declared.unit === '公顷' && matches(declared.value, 'm²')) {
    return [finding('AREA_UNIT_M2_FOR_HECTARES', 'error', where,
      `地块面积 ${text} is written as 公顷 but matches the computed ${f2(computed)} m²${all.en} in square metres; write ${(declared.value / 10_000).toFixed(4)} (公顷)`,
      `地块面积${text}应以公顷为单位，但其数值与计算面积${f2(computed)}平方米${all.zh}一致，应为平方米；请改写为${(declared.value / 10_000).toFixed(4)}（公顷）`)];
  }
  if (declared.unit === 'm²' && matches(declared.value * 10_000, '公顷')) {
    return [finding('AREA_UNIT_HECTARES_FOR_M2', 'error', where,
      `the area ${text} is written as m² but matches the computed ${f2(computed)} m²${all.en} in 公顷; write ${f2(declared.value * 10_000)} m²`,
      `面积${text}标为平方米，但按公顷计与计算面积${f2(computed)}平方米${all.zh}一致；请改写为${f2(declared.value * 10_000)}平方米`)];
  }
  const diff = declared.m2 - computed;
  const shown = formatAgainstLimit(diff, rounding, 2);
  const as = `${text}${declared.unit === '公顷' ? ' 公顷' : ' m²'}`;
  const asZh = `${text}${declared.unit === '公顷' ? '公顷' : '平方米'}`;
  return [finding('AREA_DIFFERS_FROM_COORDINATES', officialArea ? 'warning' : 'error', where,
    `the declared area ${as}${declared.unit === '公顷' ? ` (${f2(declared.m2)} m²)` : ''} differs from the plane area of the coordinates${all.en}, ${f2(computed)} m², by ${shown.value} m²: `
      + `a land area computed from coordinates agrees with the declared value to the rounding of how it is written, ±${short(rounding)} m² for ${as} (half a unit of its last digit, never finer than 0.005 m²)`
      + (officialArea ? '; the supply document\'s area stays the registered area (R3)' : '; check the coordinates or the declared area'),
    `申报面积${asZh}${declared.unit === '公顷' ? `（${f2(declared.m2)}平方米）` : ''}与坐标计算的平面面积${f2(computed)}平方米${all.zh}相差${shown.value}平方米：`
      + `由坐标计算的宗地面积与申报面积应在其书写位数的舍入范围内一致，${asZh}为±${short(rounding)}平方米（末位的半个单位，最小0.005平方米）`
      + (officialArea ? '；登记面积仍以供地文件面积为准（R3）' : '；请检查坐标或申报面积'),
    { declaredM2: declared.m2, declaredText: text, computedM2: computed, differenceM2: diff, limitM2: rounding })];
}
