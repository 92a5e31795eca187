// Position checks: X and Y swapped (offering the corrected reading), eastings outside the zone, zone prefix vs 带号.
import { eastingRange, NORTHING_RANGE, zoneCrsFromEpsg } from '../domain/crs';
import type { Delivery, DeliveryPlot, Finding, LocatedPoint } from '../formats/delivery';
import { finding, m3 } from './finding';

const inRange = (v: number, [lo, hi]: [number, number]) => v >= lo && v <= hi;
/** An easting without zone prefix: the false easting 500 km ± 350 km, m. */
const UNPREFIXED_EASTING: [number, number] = [150_000, 850_000];

/** Checks every point against the delivery's zone; one finding per plot and kind of problem (the first point named). */
export function checkPositions(delivery: Delivery): Finding[] {
  const crs = delivery.epsg === null ? undefined : zoneCrsFromEpsg(delivery.epsg);
  if (!crs) return [];
  const eastings = eastingRange(crs);
  const out: Finding[] = [];
  for (const plot of delivery.plots) {
    const points = plot.parts.flatMap((part) => part.rings.flatMap((ring) => ring.points.map((p) => ({ ring: ring.ringNo, p }))));
    // the written X is the easting of the zone — or, in a prefixed zone, an easting written without its prefix
    const eastingOf = (x: number) => (inRange(x, eastings) ? x : crs.prefixed && inRange(x, UNPREFIXED_EASTING) ? crs.zone * 1_000_000 + x : undefined);
    const swapped = points.filter(({ p }) => !inRange(p.y, eastings) && eastingOf(p.x) !== undefined && inRange(p.y, NORTHING_RANGE));
    if (swapped.length > 0) {
      const { ring, p } = swapped[0];
      const all = swapped.length === points.length;
      const east = eastingOf(p.x)!;
      out.push(finding('COORDINATES_SWAPPED', 'error', where(delivery, plot, ring, p),
        `X ${m3(p.x)} and Y ${m3(p.y)} look swapped (X is the northing, Y the easting${crs.prefixed ? ` with the zone number ${crs.zone} in front` : ''})${all ? ' for every point of the plot' : ` for ${swapped.length} point(s)`}; the corrected reading is X ${m3(p.y)}, Y ${m3(east)}`,
        `X ${m3(p.x)} 与 Y ${m3(p.y)} 疑似颠倒（X 为北坐标，Y 为东坐标${crs.prefixed ? `，前加带号${crs.zone}` : ''}）${all ? '，该地块全部点均如此' : `，共${swapped.length}个点`}；更正后应为 X ${m3(p.y)}，Y ${m3(east)}`,
        { points: swapped.map(({ ring: r, p: q }) => ({ ring: r, pointNo: q.pointNo, x: q.y, y: eastingOf(q.x)! })) }));
      continue;
    }
    const outside = points.find(({ p }) => !inRange(p.y, eastings));
    if (outside) {
      const { ring, p } = outside;
      const prefix = Math.floor(p.y / 1_000_000);
      const wrongZone = crs.prefixed && prefix >= 13 && prefix <= 45 && prefix !== crs.zone;
      out.push(finding(wrongZone ? 'ZONE_PREFIX_MISMATCH' : 'EASTING_OUTSIDE_ZONE', 'error', where(delivery, plot, ring, p),
        wrongZone
          ? `the easting Y ${m3(p.y)} carries zone prefix ${prefix}, but the file is in ${crs.zoneWidth}° zone ${crs.zone} (EPSG:${crs.epsg}); correct 带号 or the coordinates`
          : `the easting Y ${m3(p.y)} is outside ${crs.zoneWidth}° zone ${crs.zone} of EPSG:${crs.epsg} (expected ${eastings[0]}–${eastings[1]}); check the CRS and the zone prefix`,
        wrongZone
          ? `东坐标 Y ${m3(p.y)} 的带号前缀为${prefix}，但文件为${crs.zoneWidth}度带第${crs.zone}带（EPSG:${crs.epsg}），请更正带号或坐标`
          : `东坐标 Y ${m3(p.y)} 不在EPSG:${crs.epsg}（${crs.zoneWidth}度带第${crs.zone}带）范围内（应为${eastings[0]}–${eastings[1]}），请检查坐标系和带号`));
      continue;
    }
    const north = points.find(({ p }) => !inRange(p.x, NORTHING_RANGE));
    if (north) {
      out.push(finding('NORTHING_OUTSIDE_CHINA', 'error', where(delivery, plot, north.ring, north.p),
        `the northing X ${m3(north.p.x)} is outside China (0–6 100 000 m); check the axis order and the CRS`,
        `北坐标 X ${m3(north.p.x)} 超出我国范围（0–6100000米），请检查坐标轴顺序和坐标系`));
    }
  }
  return out;
}

function where(delivery: Delivery, plot: DeliveryPlot, ring: number, p: LocatedPoint) {
  return { file: delivery.fileName, plot: plot.plotNo, ring, point: p.pointNo, line: p.line, x: p.x, y: p.y };
}
