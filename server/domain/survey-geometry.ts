// Turns submitted GeoJSON polygons (in a zone CRS) into the surveyed parts, rings and boundary points, checking each position.
import type { ZoneCrs } from './crs';
import { eastingRange, NORTHING_RANGE } from './crs';

/** 界址点: X = northing, Y = easting, m, in the result's CRS. */
export interface BoundaryPoint {
  pointNo: string;
  x: number;
  y: number;
}

/** A ring as surveyed: 圈号 1 is the outer ring of its part; the closing point is not repeated. */
export interface SurveyedRing {
  ringNo: number;
  points: BoundaryPoint[];
}

export interface SurveyedPart {
  partNo: number;
  rings: SurveyedRing[];
}

export interface GeometryProblem {
  code: string;
  message: string;
  feature: number;
  ring?: number;
  point?: string;
}

export interface SurveyedGeometry {
  parts: SurveyedPart[];
  /** Polygon for one part, MultiPolygon for several; positions exactly as submitted. */
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
}

interface FeatureInput {
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
  properties?: { pointNumbers?: unknown } | null;
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : String(n));

/** Reads the features' polygons; returns the surveyed geometry, or every problem found (feature, ring, point named). */
export function readSurveyedGeometry(
  features: FeatureInput[],
  crs: ZoneCrs,
): { ok: true; value: SurveyedGeometry } | { ok: false; problems: GeometryProblem[] } {
  const problems: GeometryProblem[] = [];
  const parts: SurveyedPart[] = [];
  const polygons: number[][][][] = [];
  let nextNumber = 1;
  const [eMin, eMax] = eastingRange(crs);

  features.forEach((feature, f) => {
    const { type, coordinates } = feature.geometry;
    const featurePolygons = (type === 'Polygon' ? [coordinates] : coordinates) as unknown[];
    const numbers = feature.properties?.pointNumbers;
    const featureNumbers = (type === 'Polygon' ? [numbers] : numbers ?? []) as unknown[];
    if (!Array.isArray(featurePolygons)) {
      problems.push({ code: 'GEOMETRY_MALFORMED', feature: f, message: `feature ${f}: coordinates must be an array of rings` });
      return;
    }
    featurePolygons.forEach((polygon, p) => {
      if (!Array.isArray(polygon) || polygon.length === 0) {
        problems.push({ code: 'GEOMETRY_MALFORMED', feature: f, message: `feature ${f}, polygon ${p}: a polygon is an array of rings` });
        return;
      }
      const polygonNumbers = Array.isArray(featureNumbers[p]) ? (featureNumbers[p] as unknown[]) : undefined;
      const rings: SurveyedRing[] = [];
      polygon.forEach((ring: unknown, r: number) => {
        const ringNo = r + 1;
        const where = `feature ${f}${featurePolygons.length > 1 ? `, polygon ${p}` : ''}, ring ${ringNo}`;
        if (!Array.isArray(ring)) {
          problems.push({ code: 'GEOMETRY_MALFORMED', feature: f, ring: ringNo, message: `${where}: a ring is an array of [easting, northing] positions` });
          return;
        }
        const bad = ring.findIndex((pos) => !Array.isArray(pos) || pos.length < 2 || !pos.slice(0, 2).every((n) => typeof n === 'number' && Number.isFinite(n)));
        if (bad >= 0) {
          problems.push({ code: 'POSITION_INVALID', feature: f, ring: ringNo, message: `${where}, position ${bad + 1}: ${JSON.stringify(ring[bad])} is not an [easting, northing] pair of finite numbers` });
          return;
        }
        const positions = ring as number[][];
        const first = positions[0], last = positions[positions.length - 1];
        if (first[0] !== last[0] || first[1] !== last[1]) {
          problems.push({ code: 'RING_NOT_CLOSED', feature: f, ring: ringNo, message: `${where} is not closed: the last position (Y ${fmt(last[0])}, X ${fmt(last[1])}) must repeat the first (Y ${fmt(first[0])}, X ${fmt(first[1])})` });
          return;
        }
        const vertices = positions.slice(0, -1);
        const distinct = new Set(vertices.map((v) => `${v[0]},${v[1]}`)).size;
        if (distinct < 3) {
          problems.push({ code: 'RING_TOO_FEW_POINTS', feature: f, ring: ringNo, message: `${where} has ${distinct} distinct point(s); a ring needs at least three` });
          return;
        }
        const ringNumbers = polygonNumbers?.[r];
        if (ringNumbers !== undefined && (!Array.isArray(ringNumbers) || ringNumbers.length !== vertices.length || !ringNumbers.every((n) => typeof n === 'string' && n.trim() !== ''))) {
          problems.push({ code: 'POINT_NUMBERS_MISMATCH', feature: f, ring: ringNo, message: `${where}: properties.pointNumbers must list ${vertices.length} point numbers (one per vertex, the closing point not repeated)` });
          return;
        }
        const points = vertices.map(([y, x], i) => ({ pointNo: ringNumbers ? String((ringNumbers as string[])[i]).trim() : `J${nextNumber + i}`, x, y }));
        if (!ringNumbers) nextNumber += vertices.length;
        for (const point of points) {
          const problem = checkPosition(point, crs, eMin, eMax);
          if (problem) {
            problems.push({ code: problem.code, feature: f, ring: ringNo, point: point.pointNo, message: `${where}, point ${point.pointNo}: ${problem.message}` });
            break;
          }
        }
        rings.push({ ringNo, points });
      });
      parts.push({ partNo: parts.length + 1, rings });
      polygons.push(polygon as number[][][]);
    });
  });

  if (problems.length > 0) return { ok: false, problems };
  const geometry = polygons.length === 1
    ? { type: 'Polygon' as const, coordinates: polygons[0] }
    : { type: 'MultiPolygon' as const, coordinates: polygons };
  return { ok: true, value: { parts, geometry } };
}

/** A position outside the zone, or with X and Y swapped (the most common error in the wild, DOMAIN.md §4). */
function checkPosition(point: BoundaryPoint, crs: ZoneCrs, eMin: number, eMax: number): { code: string; message: string } | undefined {
  const eastingOk = point.y >= eMin && point.y <= eMax;
  const northingOk = point.x >= NORTHING_RANGE[0] && point.x <= NORTHING_RANGE[1];
  if (eastingOk && northingOk) return undefined;
  if (point.x >= eMin && point.x <= eMax && point.y >= NORTHING_RANGE[0] && point.y <= NORTHING_RANGE[1]) {
    return {
      code: 'COORDINATES_SWAPPED',
      message: `[${fmt(point.y)}, ${fmt(point.x)}] looks like X (north) and Y (east) swapped; GeoJSON positions are [easting Y, northing X], so write [${fmt(point.x)}, ${fmt(point.y)}]`,
    };
  }
  const zoneText = `${crs.zoneWidth}° zone ${crs.zone} of EPSG:${crs.epsg}`;
  if (!eastingOk) {
    return {
      code: 'EASTING_OUTSIDE_ZONE',
      message: `easting Y ${fmt(point.y)} is outside ${zoneText} (expected ${eMin}–${eMax}${crs.prefixed ? `, with the zone number ${crs.zone} in front` : ', without a zone prefix'}); check the CRS`,
    };
  }
  return { code: 'NORTHING_OUTSIDE_CHINA', message: `northing X ${fmt(point.x)} is outside China (0–6 100 000 m); check the CRS and the axis order` };
}
