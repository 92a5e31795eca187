// 精度 of a coordinate TXT against the digits of its coordinates: a coordinate written finer than the file says it was surveyed.
import { writtenDecimals } from '../domain/tolerances';
import type { Delivery, Finding } from '../formats/delivery';
import { finding } from './finding';

/** Decimals a 精度 value allows: "0.001" → 3, "0.05" → 2, "1" → 0; undefined when it is not a plain positive number. */
export function precisionDecimals(stated: string): number | undefined {
  const text = stated.trim();
  if (!/^\d+(?:\.\d+)?$/.test(text) || !(Number(text) > 0)) return undefined;
  return writtenDecimals(text.includes('.') ? text.replace(/0+$/, '') : text);
}

/** Decimals of a coordinate as written, trailing zeros not counted ("3899300.12300" → 3). */
const significantDecimals = (text: string) => writtenDecimals(text.includes('.') ? text.replace(/0+$/, '') : text);

/**
 * COORDINATE_DIGITS_BEYOND_PRECISION for each plot of a TXT whose coordinates carry more non-zero decimals than its
 * 精度= states (extra trailing zeros are fine); the first such point is named, with how many there are.
 */
export function checkCoordinateDigits(delivery: Delivery): Finding[] {
  const stated = delivery.header['精度'];
  const allowed = delivery.format === 'txt' && stated !== undefined ? precisionDecimals(stated) : undefined;
  if (allowed === undefined) return [];
  const out: Finding[] = [];
  for (const plot of delivery.plots) {
    const points = plot.parts.flatMap((part) => part.rings.flatMap((ring) => ring.points.map((p) => ({ ring: ring.ringNo, p }))));
    const finer = points.filter(({ p }) => [p.xText ?? String(p.x), p.yText ?? String(p.y)].some((t) => significantDecimals(t) > allowed));
    if (!finer.length) continue;
    const { ring, p } = finer[0];
    const [axis, text] = significantDecimals(p.xText ?? String(p.x)) > allowed ? ['X', p.xText ?? String(p.x)] : ['Y', p.yText ?? String(p.y)];
    const decimals = significantDecimals(text);
    const others = finer.length > 1 ? `; ${finer.length} points of the plot are written so` : '';
    const othersZh = finer.length > 1 ? `；该地块共${finer.length}个点如此` : '';
    out.push(finding('COORDINATE_DIGITS_BEYOND_PRECISION', 'error',
      { file: delivery.fileName, plot: plot.plotNo, ring, point: p.pointNo, line: p.line, x: p.x, y: p.y },
      `${axis} ${text} has ${decimals} decimals, but 精度=${stated} states ${allowed} decimal(s)${others}: a coordinate cannot be finer than the precision it was surveyed to — write it to ${allowed} decimal(s) or correct 精度`,
      `${axis} ${text}有${decimals}位小数，但精度=${stated}只到${allowed}位小数${othersZh}：坐标不能比测量精度更精细，请按${allowed}位小数填写或更正精度`,
      { allowedDecimals: allowed, points: finer.length }));
  }
  return out;
}
