// County check: a plot's coordinates must lie in the county of its 宗地代码 (chars 1–6), against approximate outlines.
import fs from 'node:fs';
import path from 'node:path';
import proj4 from 'proj4';
import { findCounty } from '../domain/counties';
import { proj4Definition, zoneCrsFromEpsg } from '../domain/crs';
import { withinLimit } from '../domain/tolerances';
import type { Delivery, DeliveryPlot, Finding, LocatedPoint } from '../formats/delivery';
import { finding } from './finding';

/**
 * How far outside its county a point may lie before it is an error, km (README: ±1 km). The outlines are
 * simplified (Douglas–Peucker 0.003° ≈ 300 m), quantized to ~0.001° and drawn with a GCJ-02-like offset of a
 * few hundred metres: together about ±1 km, so a point more than 1 km outside is in another county.
 */
export const COUNTY_TOLERANCE_KM = 1;

type Ring = [number, number][];
interface Outline { type: 'Polygon' | 'MultiPolygon'; coordinates: Ring[] | Ring[][] }
interface BoundaryFile { source: string; note: string; counties: Record<string, Outline> }

const DATA_FILE = path.resolve(__dirname, '../data/county-boundaries.json');
let boundaries: Map<string, Ring[][]> | undefined;

/**
 * County outlines (lon/lat, each a list of polygons of rings), read on first use. Only 河南 ships now
 * (scripts/build-county-boundaries.ts); counties of other provinces have no outline and are not checked.
 */
function countyBoundaries(): Map<string, Ring[][]> {
  if (!boundaries) {
    const file = JSON.parse(fs.readFileSync(DATA_FILE, 'utf8')) as BoundaryFile;
    boundaries = new Map(Object.entries(file.counties).map(([code, o]) =>
      [code, o.type === 'Polygon' ? [o.coordinates as Ring[]] : o.coordinates as Ring[][]]));
  }
  return boundaries;
}

/** The 6-digit county codes that have an outline. */
export function countiesWithBoundary(): string[] {
  return [...countyBoundaries().keys()];
}

/** A converter from the delivery's X (northing) and Y (easting), m, in a CGCS2000 zone to [lon, lat] in degrees. */
export function zoneToLonLat(epsg: number): (x: number, y: number) => [number, number] {
  const crs = zoneCrsFromEpsg(epsg);
  if (!crs) throw new RangeError(`EPSG:${epsg} is not a CGCS2000 Gauss-Krüger zone`);
  const inverse = proj4('+proj=longlat +ellps=GRS80 +no_defs', proj4Definition(crs)).inverse;
  return (x, y) => {
    const [lon, lat] = inverse([y, x]); // proj4 takes easting, northing
    return [lon, lat];
  };
}

/**
 * COORDINATES_OUTSIDE_COUNTY for each plot with a point more than COUNTY_TOLERANCE_KM outside the county of
 * its 宗地代码 (the plot's own code, else `parcelCode`). `toLonLat` takes X (northing) and Y (easting).
 *
 * Every point of each part's outer ring is tested rather than a centroid: a 宗地 lies within one county,
 * so one point kilometres away is as wrong as the whole plot, the finding can name a real 界址点, and a
 * ring's handful of points costs nothing. Holes lie inside their outer ring and add nothing.
 */
export function checkCounty(delivery: Delivery, parcelCode: string | undefined, toLonLat: (x: number, y: number) => [number, number]): Finding[] {
  const out: Finding[] = [];
  for (const plot of delivery.plots) {
    const code = (plot.parcelCode ?? parcelCode)?.slice(0, 6);
    const outline = code ? countyBoundaries().get(code) : undefined;
    if (!code || !outline) continue;
    const worst = farthestOutside(plot, outline, toLonLat);
    if (worst) out.push(outsideFinding(delivery, plot, code, worst));
  }
  return out;
}

interface Outside { ring: number; point: LocatedPoint; lonLat: [number, number]; km: number; count: number }

/** The outer-ring point farthest outside the outline, when one is beyond the tolerance. */
function farthestOutside(plot: DeliveryPlot, outline: Ring[][], toLonLat: (x: number, y: number) => [number, number]): Outside | undefined {
  let worst: Outside | undefined;
  let count = 0;
  for (const ring of plot.parts.flatMap((part) => part.rings.slice(0, 1))) {
    for (const point of ring.points) {
      const lonLat = toLonLat(point.x, point.y);
      if (!lonLat.every(Number.isFinite)) continue; // unprojectable: the position checks report it
      if (inside(lonLat, outline)) continue;
      const km = distanceKm(lonLat, outline);
      if (withinLimit(km, COUNTY_TOLERANCE_KM)) continue;
      count++;
      if (!worst || km > worst.km) worst = { ring: ring.ringNo, point, lonLat, km, count: 0 };
    }
  }
  return worst && { ...worst, count };
}

function outsideFinding(delivery: Delivery, plot: DeliveryPlot, code: string, o: Outside): Finding {
  const county = `${findCounty(code)?.name ?? ''} ${code}`.trim();
  const actual = countyContaining(o.lonLat);
  const actualName = actual && `${findCounty(actual)?.name ?? ''} ${actual}`.trim();
  const position = `${o.lonLat[0].toFixed(4)}°E ${o.lonLat[1].toFixed(4)}°N`;
  const others = o.count > 1 ? ` (${o.count} points of the plot are outside)` : '';
  const othersZh = o.count > 1 ? `（该地块共${o.count}个点在县外）` : '';
  return finding('COORDINATES_OUTSIDE_COUNTY', 'error',
    { file: delivery.fileName, plot: plot.plotNo, ring: o.ring, point: o.point.pointNo, line: o.point.line, x: o.point.x, y: o.point.y },
    `the point (${position}) is ${o.km.toFixed(1)} km outside ${county}, the county of the 宗地代码${others}; `
      + (actualName ? `it lies in ${actualName}. ` : 'it lies in no county with boundary data. ')
      + 'Check the coordinates, the CRS and the 宗地代码',
    `该点（${position}）位于宗地代码所属${county}之外${o.km.toFixed(1)}公里${othersZh}；`
      + (actualName ? `实际位于${actualName}。` : '不在任何有边界数据的县级行政区内。')
      + '请检查坐标、坐标系和宗地代码',
    { county: code, actualCounty: actual ?? null, distanceKm: Math.round(o.km * 10) / 10 });
}

/** The code of the county whose outline contains [lon, lat] (degrees), searching every county in the data file. */
export function countyContaining(lonLat: [number, number]): string | undefined {
  for (const [code, outline] of countyBoundaries()) if (inside(lonLat, outline)) return code;
  return undefined;
}

/** Even–odd point-in-polygon over every ring of every polygon, in plain lon/lat (fine at county scale). */
function inside([lon, lat]: [number, number], outline: Ring[][]): boolean {
  return outline.some((polygon) => {
    let odd = false;
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) odd = !odd;
      }
    }
    return odd;
  });
}

const KM_PER_DEGREE_LAT = 111.2;

/**
 * Distance, km, from the position to the nearest edge of the outline: degrees turned into km on a local
 * equirectangular plane at the position's latitude (cos φ for longitude) — good to well under 1 % over tens
 * of km, far finer than the outlines themselves.
 */
function distanceKm([lon, lat]: [number, number], outline: Ring[][]): number {
  const kx = KM_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180);
  let best = Infinity;
  for (const ring of outline.flat()) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const ax = (ring[j][0] - lon) * kx, ay = (ring[j][1] - lat) * KM_PER_DEGREE_LAT;
      const bx = (ring[i][0] - lon) * kx, by = (ring[i][1] - lat) * KM_PER_DEGREE_LAT;
      const dx = bx - ax, dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
      best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
    }
  }
  return best;
}
