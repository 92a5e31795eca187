// GeoJSON deliveries: checked with geojson-validation; CRS from the crs member, the request, or EPSG:4490 lon/lat
// (then placed into its CGCS2000 3° zone); each Polygon/MultiPolygon feature is one plot.
import * as gjv from 'geojson-validation';
import { zoneCrsFromEpsg } from '../domain/crs';
import { decodeText } from './text-encoding';
import type { DeliveryPart, DeliveryPlot, Finding, ReadResult } from './delivery';
import { toZone, zoneEpsgForLongitude } from './reproject';
import { finding } from '../quality/finding';
import { refuseControlCharacters } from './point-numbers';

type Position = number[];
interface Feature { type: 'Feature'; geometry: { type: string; coordinates: unknown } | null; properties?: Record<string, unknown> | null }

const PARCEL_CODE = /^\d{12}[GJZ][A-Z]\d{5}$/;
const PLOT_KEYS = ['plotNo', '地块编号', 'DKBH', 'name', '地块名称', 'id'];
const CODE_KEYS = ['parcelCode', '宗地代码', 'ZDDM'];
const AREA_KEYS = ['declaredAreaM2', 'areaM2', '面积', 'area'];

/** The EPSG code of a GeoJSON `crs` member ("EPSG:4526", "urn:ogc:def:crs:EPSG::4526"); null when absent. */
function crsMember(doc: Record<string, unknown>): number | null | undefined {
  const name = (doc.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (name === undefined) return null;
  if (typeof name !== 'string') return undefined;
  const match = /EPSG:{1,2}(\d{4,5})$/i.exec(name) ?? /^(\d{4,5})$/.exec(name);
  return match ? Number(match[1]) : /CRS84$/i.test(name) ? 4490 : undefined;
}

/** Reads a GeoJSON document (bytes) as a delivery. `requestEpsg` applies where the document states no CRS. */
export function readGeoJson(bytes: Uint8Array, fileName: string, requestEpsg?: number): ReadResult {
  const { text, encoding } = decodeText(bytes);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return fail(fileName, 'GEOJSON_UNREADABLE', `the file is not JSON (${(err as Error).message}); save it as GeoJSON`, `文件不是有效的JSON（${(err as Error).message}），请另存为GeoJSON`);
  }
  return readGeoJsonObject(doc, fileName, requestEpsg, encoding);
}

/** Reads a parsed GeoJSON value (a FeatureCollection, a Feature or a Polygon/MultiPolygon geometry). */
export function readGeoJsonObject(doc: unknown, fileName: string, requestEpsg?: number, encoding?: string): ReadResult {
  return refuseControlCharacters(readGeoJsonValue(doc, fileName, requestEpsg, encoding));
}

function readGeoJsonValue(doc: unknown, fileName: string, requestEpsg?: number, encoding?: string): ReadResult {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    return fail(fileName, 'GEOJSON_NOT_AN_OBJECT', 'a GeoJSON document is an object with a "type"', 'GeoJSON文档应为带有"type"的对象');
  }
  const object = doc as Record<string, unknown>;
  if (typeof object.type !== 'string') {
    return fail(fileName, 'GEOJSON_NOT_AN_OBJECT', 'a GeoJSON document names its "type" (FeatureCollection, Feature, Polygon…)', 'GeoJSON文档应注明"type"（FeatureCollection、Feature、Polygon等）');
  }
  const features: Feature[] = object.type === 'FeatureCollection' ? ((object.features as Feature[]) ?? [])
    : object.type === 'Feature' ? [object as unknown as Feature]
    : [{ type: 'Feature', geometry: object as Feature['geometry'], properties: {} }];
  const shape = coordinateShape(features, fileName);
  if (shape) return { ok: false, findings: [shape] };
  const structural = validateStructure(object, fileName);
  if (structural.length) return { ok: false, findings: structural };

  const stated = crsMember(object);
  if (stated === undefined) return fail(fileName, 'GEOJSON_CRS_UNKNOWN', 'the crs member names no EPSG code; use {"type":"name","properties":{"name":"EPSG:4526"}}', 'crs成员未给出EPSG代码，请写为{"type":"name","properties":{"name":"EPSG:4526"}}');
  const declaredEpsg = stated ?? requestEpsg ?? 4490;
  const findings: Finding[] = [];
  let epsg = declaredEpsg;
  let project: ((p: Position) => Position) | undefined;
  if (declaredEpsg === 4490 || declaredEpsg === 4326) {
    const first = firstPosition(features);
    const zoneEpsg = first && zoneEpsgForLongitude(first[0]);
    if (!zoneEpsg) return fail(fileName, 'GEOJSON_OUTSIDE_ZONES', `the first position ${JSON.stringify(first)} is not a longitude/latitude in China`, `首个坐标${JSON.stringify(first)}不是我国范围内的经纬度`);
    epsg = zoneEpsg;
    project = toZone(zoneEpsg);
    findings.push(finding('GEOJSON_REPROJECTED', 'warning', { file: fileName },
      `the coordinates are longitude/latitude (EPSG:${declaredEpsg}); they were placed into CGCS2000 3° zone ${zoneEpsg - 4513 + 25} (EPSG:${zoneEpsg}) to the millimetre for storage and plane areas${declaredEpsg === 4326 ? '; WGS 84 was taken as CGCS2000 (they differ by centimetres)' : ''}`,
      `坐标为经纬度（EPSG:${declaredEpsg}），已按毫米转换到CGCS2000 3度带第${zoneEpsg - 4513 + 25}带（EPSG:${zoneEpsg}）用于存储和平面面积计算${declaredEpsg === 4326 ? '；WGS 84按CGCS2000处理（两者相差厘米级）' : ''}`));
  } else if (!zoneCrsFromEpsg(declaredEpsg)) {
    return fail(fileName, 'CRS_UNSUPPORTED', `EPSG:${declaredEpsg} is neither CGCS2000 lon/lat (4490) nor a CGCS2000 Gauss-Krüger zone (4491–4554)`, `EPSG:${declaredEpsg}既不是CGCS2000经纬度（4490）也不是CGCS2000高斯-克吕格投影带（4491–4554）`);
  }

  const plots: DeliveryPlot[] = [];
  features.forEach((feature, index) => {
    const plot = toPlot(feature, index, project);
    if (typeof plot === 'string') findings.push(finding('GEOJSON_NOT_A_POLYGON', 'error', { file: fileName, plot: String(index + 1) }, `feature ${index + 1} is ${plot}; a plot is a Polygon or MultiPolygon`, `第${index + 1}个要素为${plot}，地块应为Polygon或MultiPolygon`));
    else plots.push(plot);
  });
  if (findings.some((f) => f.severity === 'error')) return { ok: false, findings };
  return { ok: true, delivery: { format: 'geojson', fileName, encoding, epsg, header: stated ? { crs: `EPSG:${stated}` } : {}, plots, findings } };
}

/** How deeply arrays nest in `value`, counted without recursion and given up past `limit`. */
function arrayDepth(value: unknown, limit: number): number {
  let depth = 0;
  let level: unknown[] = [value];
  while (level.some(Array.isArray)) {
    if (++depth > limit) return depth;
    level = level.filter(Array.isArray).flatMap((a) => a as unknown[]);
  }
  return depth;
}

/**
 * Coordinates nested deeper than a MultiPolygon's (polygons → rings → positions → numbers) are refused before
 * anything walks them recursively: a hostile file must not exhaust the stack.
 */
function coordinateShape(features: Feature[], fileName: string) {
  if (!Array.isArray(features)) return undefined;
  const index = features.findIndex((f) => f && typeof f === 'object' && f.geometry && typeof f.geometry === 'object'
    && (typeof f.geometry.type !== 'string' || arrayDepth((f.geometry as { coordinates?: unknown }).coordinates, 4) > 4));
  if (index < 0) return undefined;
  return finding('GEOJSON_COORDINATES_MALFORMED', 'error', { file: fileName, plot: String(index + 1) },
    'the geometry has no type name, or its coordinates nest deeper than a MultiPolygon allows (polygons → rings → positions → numbers); export the geometry again',
    '几何图形缺少类型名称，或坐标的嵌套层数超过MultiPolygon所允许的（多边形→圈→坐标点→数值）；请重新导出几何图形');
}

/** geojson-validation's verdict, less the ring findings the quality checks name better (closure, point count). */
function validateStructure(object: Record<string, unknown>, fileName: string): Finding[] {
  let trace: string[];
  try {
    trace = gjv.valid(object, true) as string[];
  } catch {
    // geojson-validation throws on an empty ring or position instead of reporting it
    return [finding('GEOJSON_RING_EMPTY', 'error', { file: fileName }, 'a ring or a position is empty ([]); every ring needs at least four positions of two numbers, the last repeating the first', '存在空的圈或坐标点（[]）；每个圈至少需要四个由两个数值组成的坐标点，且首尾相同')];
  }
  const kept = trace.filter((m) => !/first and last positions|at least four positions/.test(m));
  return kept.slice(0, 20).map((m) => finding('GEOJSON_INVALID', 'error', { file: fileName }, `not valid GeoJSON: ${m}`, `不是有效的GeoJSON：${m}`));
}

function firstPosition(features: Feature[]): Position | undefined {
  let c: unknown = features.find((f) => f.geometry)?.geometry?.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) ? (c as Position) : undefined;
}

function toPlot(feature: Feature, index: number, project?: (p: Position) => Position): DeliveryPlot | string {
  const g = feature.geometry;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return g ? `a ${g.type}` : 'empty';
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Position[][][];
  const props = feature.properties ?? {};
  const numbers = props.pointNumbers as unknown;
  const polygonNumbers = (g.type === 'Polygon' ? [numbers] : numbers ?? []) as unknown[];
  let next = 1;
  const parts: DeliveryPart[] = polygons.map((rings, p) => ({
    partNo: p + 1,
    rings: rings.map((ring, r) => {
      const closed = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
      const vertices = (closed ? ring.slice(0, -1) : ring).map((pos) => (project ? project(pos) : pos));
      const given = (polygonNumbers[p] as unknown[] | undefined)?.[r];
      const names = Array.isArray(given) && given.length === vertices.length ? given.map(String) : undefined;
      const points = vertices.map(([y, x], i) => ({ pointNo: names ? names[i] : `J${next + i}`, x, y, line: index + 1 }));
      if (!names) next += vertices.length;
      return { ringNo: r + 1, closed, points };
    }),
  }));
  const pick = (keys: string[]) => keys.map((k) => props[k]).find((v) => v !== undefined && v !== null && v !== '');
  const code = pick(CODE_KEYS);
  const areaValue = pick(AREA_KEYS);
  const area = Number(areaValue);
  const attributes = Object.fromEntries(Object.entries(props).filter(([k, v]) => k !== 'pointNumbers' && v !== null && typeof v !== 'object').map(([k, v]) => [k, String(v)]));
  return {
    plotNo: String(pick(PLOT_KEYS) ?? index + 1),
    line: index + 1,
    parcelCode: typeof code === 'string' && PARCEL_CODE.test(code) ? code : undefined,
    // the digits as written set the rounding the area is judged to: a string keeps them, a JSON number gives its shortest text
    declaredArea: Number.isFinite(area) && area > 0 ? { value: area, unit: 'm²', inferred: false, m2: area, text: typeof areaValue === 'string' ? areaValue.trim() : String(area) } : undefined,
    attributes,
    parts,
  };
}

function fail(file: string, code: string, message: string, messageZh: string): ReadResult {
  return { ok: false, findings: [finding(code, 'error', { file }, message, messageZh)] };
}
