// Reads 南方CASS-style DXF boundaries (closed polylines, point-number TEXTs, 宗地代码) into plots, and writes them back as ASCII DXF.
import { maxOf, minOf } from '../domain/extremes';
import DxfParser from 'dxf-parser';
import { finding as makeFinding, type Where } from '../quality/finding';
import type { IEntity } from 'dxf-parser';
import { epsgForZone } from '../domain/crs';
import type { DeliveryPlot, DeliveryRing, Finding, LocatedPoint, ReadResult } from './delivery';
import { assembleParts, locatePoint } from './rings';
import { decodeText, encodeText } from './text-encoding';

/** A TEXT/MTEXT is a vertex's point number when within this distance of it, m. */
export const POINT_LABEL_RADIUS_M = 1.5;
/** 宗地代码 (GB/T 37346): 12-digit 地籍子区, 宗地特征码, type letter, 5-digit sequence. */
export const PARCEL_CODE = /^\d{12}[GJZ][A-Z]\d{5}$/;
/** Layer of plot-number labels written by `writeDxf` (and read back as the plot number). */
const PLOT_LABEL_LAYER = 'DKBH';

interface RawVertex { line: number; xText: string; yText: string }
interface RawPolyline { line: number; vertices: RawVertex[] }
interface Label { text: string; layer: string; x: number; y: number }
interface Boundary { ring: DeliveryRing; layer: string; handle: string; line: number }
type Entity = IEntity & Record<string, unknown>;

/** The shared finding, called with the file first as this reader does. */
const finding = (file: string, code: string, severity: Finding['severity'], at: Omit<Where, 'file'>, en: string, zh: string): Finding => makeFinding(code, severity, { file, ...at }, en, zh);

/**
 * The digits and lines of each polyline's vertices in the ENTITIES section, in file order (dxf-parser keeps numbers
 * only): DXF x (code 10) is the easting, y (code 20) the northing.
 */
function scanPolylines(text: string): RawPolyline[] {
  const lines = text.split(/\r\n|\r|\n/);
  const result: RawPolyline[] = [];
  let section = '', type = '', target: RawPolyline | undefined;
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const code = Number(lines[i].trim()), value = lines[i + 1].trim();
    if (code === 0) {
      type = value;
      if (value === 'ENDSEC') section = '';
      if (section === 'ENTITIES' && (value === 'LWPOLYLINE' || value === 'POLYLINE')) result.push({ line: i + 1, vertices: [] });
      target = section === 'ENTITIES' && (value === 'LWPOLYLINE' || value === 'VERTEX') ? result[result.length - 1] : undefined;
      continue;
    }
    if (code === 2 && type === 'SECTION') section = value;
    else if (target && code === 10) target.vertices.push({ line: i + 2, xText: value, yText: '' });
    else if (target && code === 20 && target.vertices.length > 0) target.vertices[target.vertices.length - 1].yText = value;
  }
  return result;
}

/** A closed boundary ring from a polyline (x = DXF y north, y = DXF x east), or a warning when it is not one. */
function toBoundary(entity: Entity, raw: RawPolyline | undefined, file: string, findings: Finding[]): Boundary | undefined {
  const vertices = (entity.vertices as Array<{ x: number; y: number; bulge?: number }>) ?? [];
  const digits = raw && raw.vertices.length === vertices.length ? raw.vertices : undefined;
  const at = { line: raw?.line, entity: entity.handle === undefined ? undefined : String(entity.handle), layer: entity.layer };
  const points: LocatedPoint[] = vertices.map((v, i) => ({ pointNo: '', x: v.y, y: v.x, line: digits?.[i].line, ...(digits ? { xText: digits[i].yText, yText: digits[i].xText } : {}) }));
  const first = points[0], last = points[points.length - 1];
  const closedByVertex = points.length >= 4 && first.x === last.x && first.y === last.y;
  if (closedByVertex) points.pop();
  if (!entity.shape && !closedByVertex) {
    findings.push(finding(file, 'DXF_POLYLINE_NOT_CLOSED', 'warning', at, `a polyline of ${vertices.length} vertices is not closed and was not read as a boundary; close it (PEDIT → Close) if it is a 界址线`, `该多段线（${vertices.length}个顶点）未闭合，未作为界址线读取；如为界址线请闭合（PEDIT → 闭合）`));
    return undefined;
  }
  if (new Set(points.map((p) => `${p.x},${p.y}`)).size < 3) {
    findings.push(finding(file, 'DXF_RING_TOO_FEW_POINTS', 'warning', at, 'a closed polyline has fewer than three distinct vertices and was ignored', '该闭合多段线不足三个不同顶点，已忽略'));
    return undefined;
  }
  if (vertices.some((v) => v.bulge)) {
    findings.push(finding(file, 'DXF_ARC_SEGMENT', 'warning', at, 'the polyline has arc segments (bulge); they were read as straight lines between vertices — densify arcs into 界址点 if they are boundaries', '该多段线含圆弧段（凸度），已按顶点间直线读取；如为界址线请将圆弧加密为界址点'));
  }
  return { ring: { ringNo: 0, points, closed: true }, layer: entity.layer, handle: at.entity ?? '', line: raw?.line ?? 0 };
}

/** TEXT and MTEXT entities with their insertion point (alignment point when aligned) and plain text. */
function readLabels(entities: Entity[]): Label[] {
  return entities.flatMap((e): Label[] => {
    if (e.type === 'TEXT') {
      const aligned = (e.halign || e.valign) && e.endPoint ? (e.endPoint as { x: number; y: number }) : (e.startPoint as { x: number; y: number } | undefined);
      return aligned ? [{ text: String(e.text ?? '').trim(), layer: e.layer, x: aligned.y, y: aligned.x }] : [];
    }
    if (e.type === 'MTEXT' && e.position) {
      const p = e.position as { x: number; y: number };
      const text = String(e.text ?? '').replace(/\\[A-Za-z][^;\\]*;|\\P/g, ' ').replace(/[{}]/g, '').trim();
      return [{ text, layer: e.layer, x: p.y, y: p.x }];
    }
    return [];
  });
}

/** Inside the part's outer ring and outside its holes. */
function insidePart(p: { x: number; y: number }, rings: DeliveryRing[]): boolean {
  return locatePoint(p, rings[0].points) === 'in' && rings.slice(1).every((h) => locatePoint(p, h.points) === 'out');
}

/** Point numbers: the nearest label within the radius, else J1, J2… not yet used in the plot (with a warning). */
function numberPoints(rings: DeliveryRing[], labels: Label[], file: string, plotNo: string, findings: Finding[]): void {
  const candidates = labels.filter((l) => l.text !== '' && l.layer !== PLOT_LABEL_LAYER && !PARCEL_CODE.test(l.text));
  const points = rings.flatMap((r) => r.points);
  for (const p of points) {
    let best: Label | undefined, bestD = POINT_LABEL_RADIUS_M;
    for (const l of candidates) {
      const d = Math.hypot(l.x - p.x, l.y - p.y);
      if (d <= bestD) { best = l; bestD = d; }
    }
    p.pointNo = best?.text ?? '';
  }
  const used = new Set(points.map((p) => p.pointNo));
  const missing = points.filter((p) => p.pointNo === '');
  let n = 1;
  for (const p of missing) {
    while (used.has(`J${n}`)) n++;
    p.pointNo = `J${n}`;
    used.add(p.pointNo);
  }
  if (missing.length > 0) {
    findings.push(finding(file, 'DXF_POINT_NUMBERS_GENERATED', 'warning', { plot: plotNo }, `${missing.length} vertices have no point-number text within ${POINT_LABEL_RADIUS_M} m; they were numbered ${missing[0].pointNo}… — label every 界址点 in the drawing if the numbers matter`, `${missing.length}个顶点在${POINT_LABEL_RADIUS_M}米内没有点号注记，已自动编号为${missing[0].pointNo}等；如需保留点号，请在图中为每个界址点注记点号`));
  }
}

/** EPSG from the zone prefix when every easting carries the same one (25–45: 3° zones, 13–23: 6°), else null. */
function epsgFromPrefix(plots: DeliveryPlot[]): number | null {
  const zones = new Set(plots.flatMap((p) => p.parts.flatMap((part) => part.rings.flatMap((r) => r.points.map((pt) => (pt.y >= 10_000_000 ? Math.floor(pt.y / 1_000_000) : 0))))));
  const [zone] = [...zones];
  if (zones.size !== 1 || zone === 0) return null;
  return epsgForZone(zone >= 25 ? 3 : 6, zone, true) ?? null;
}

/** Group codes whose values are integers (DXF reference: 60–99, 160–179, 270–289, 370–389, 400–409, 1060–1071). */
const INTEGER_CODE = (c: number) => (c >= 60 && c <= 99) || (c >= 160 && c <= 179) || (c >= 270 && c <= 289) || (c >= 370 && c <= 389) || (c >= 400 && c <= 409) || (c >= 1060 && c <= 1071);

/** Vertices one polyline may have: far more than any surveyed parcel, few enough to refuse a count read from a coordinate. */
const MAX_VERTICES = 100_000;

/**
 * Structure the parser relies on, checked first because dxf-parser loops forever on a POLYLINE whose vertices are
 * not ended by SEQEND or on an integer group holding a coordinate, and allocates whatever vertex count (group 90)
 * an LWPOLYLINE claims.
 */
function structuralProblem(lines: string[]): { en: string; zh: string } | undefined {
  let polyline = 0;
  let lw: { line: number; declared: number; count: number } | undefined;
  const lwProblem = () => lw && lw.declared >= 0 && (lw.declared !== lw.count || lw.declared > MAX_VERTICES)
    ? { en: `the LWPOLYLINE at line ${lw.line} declares ${lw.declared} vertices (group 90) but has ${lw.count}`, zh: `第${lw.line}行的多段线声明${lw.declared}个顶点（组码90），实有${lw.count}个` }
    : undefined;
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const code = Number(lines[i].trim()), value = lines[i + 1].trim();
    if (INTEGER_CODE(code) && !(/^-?\d{1,10}$/.test(value) && Math.abs(Number(value)) < 2 ** 31)) {
      return { en: `line ${i + 2} should hold a whole number for group code ${code} but holds ${JSON.stringify(value.slice(0, 20))}`, zh: `第${i + 2}行应为组码${code}的整数值，实为${JSON.stringify(value.slice(0, 20))}` };
    }
    if (code !== 0) {
      if (lw && code === 90) lw.declared = Number(value);
      if (lw && code === 10) lw.count += 1;
      continue;
    }
    const wrong = lwProblem();
    if (wrong) return wrong;
    lw = value === 'LWPOLYLINE' ? { line: i + 2, declared: -1, count: 0 } : undefined;
    if (polyline && value !== 'VERTEX' && value !== 'SEQEND') {
      return { en: `the POLYLINE at line ${polyline} is not ended by SEQEND (line ${i + 2} holds ${JSON.stringify(value.slice(0, 20))})`, zh: `第${polyline}行的多段线（POLYLINE）没有以SEQEND结束（第${i + 2}行为${JSON.stringify(value.slice(0, 20))}）` };
    }
    if (value === 'SEQEND') polyline = 0;
    if (value === 'POLYLINE') polyline = i + 2;
  }
  if (polyline) return { en: `the POLYLINE at line ${polyline} is not ended by SEQEND`, zh: `第${polyline}行的多段线（POLYLINE）没有以SEQEND结束` };
  return lwProblem();
}

/**
 * Reads a DXF as 南方CASS users deliver boundaries: each closed LWPOLYLINE/POLYLINE is a ring (DXF x = easting = Y,
 * y = northing = X, m; digits kept); an outer ring with the rings inside it (holes) is one plot. Point numbers come
 * from the nearest TEXT/MTEXT within 1.5 m of a vertex, else J1, J2…; a 宗地代码 TEXT inside sets `parcelCode`; the
 * polyline's layer is kept as attribute `layer`. epsg from the eastings' zone prefix, else null. Never throws.
 */
export function readDxf(bytes: Uint8Array, fileName: string): ReadResult {
  const unreadable = (why: string, whyZh: string): ReadResult => ({ ok: false, findings: [finding(fileName, 'DXF_UNREADABLE', 'error', {}, `${why}; save the drawing as an ASCII DXF (另存为 → DXF, not binary) and deliver it again`, `${whyZh}；请将图形另存为ASCII格式DXF（非二进制）后重新提交`)] });
  if (new TextDecoder('latin1').decode(bytes.subarray(0, 18)) === 'AutoCAD Binary DXF') return unreadable('the file is a binary DXF, which the hub does not read', '该文件为二进制DXF，平台无法读取');
  const { text, encoding } = decodeText(bytes);
  // An ASCII DXF is pairs of lines, a whole-number group code then its value; anything else is not a DXF
  // (checked first: the parser would log every stray line of a garbage file).
  const lines = text.split(/\r?\n/);
  const bad = lines.findIndex((line, i) => i % 2 === 0 && i < lines.length - 1 && !/^\s*-?\d+\s*$/.test(line));
  if (bad >= 0) {
    const shown = JSON.stringify(lines[bad].slice(0, 24));
    return unreadable(`line ${bad + 1} should hold a DXF group code (a whole number) but holds ${shown}: the file is not an ASCII DXF`, `第${bad + 1}行应为DXF组码（整数），实为${shown}：该文件不是ASCII格式的DXF`);
  }
  const broken = structuralProblem(lines);
  if (broken) return unreadable(broken.en, broken.zh);
  let entities: Entity[];
  try {
    const dxf = new DxfParser().parseSync(text);
    if (!dxf || !Array.isArray(dxf.entities)) return unreadable('the file is not a DXF drawing', '该文件不是DXF图形');
    entities = dxf.entities as Entity[];
  } catch (error) {
    return unreadable(`the file could not be parsed as DXF (${(error as Error).message})`, `无法按DXF解析该文件（${(error as Error).message}）`);
  }
  const findings: Finding[] = [];
  const raws = scanPolylines(text);
  const polylines = entities.filter((e) => e.type === 'LWPOLYLINE' || (e.type === 'POLYLINE' && !e.isPolyfaceMesh && !e.is3dPolygonMesh));
  const boundaries = polylines.flatMap((e, i) => toBoundary(e, raws[i], fileName, findings) ?? []);
  if (boundaries.length === 0) {
    findings.push(finding(fileName, 'DXF_NO_BOUNDARIES', 'error', {}, 'the drawing has no closed polyline; draw each 界址线 as a closed LWPOLYLINE', '图中没有闭合多段线；请将每条界址线绘制为闭合多段线（LWPOLYLINE）'));
    return { ok: false, findings };
  }
  const labels = readLabels(entities);
  const byRing = new Map(boundaries.map((b) => [b.ring, b]));
  const plots = assembleParts(boundaries.map((b) => b.ring)).map((part, i): DeliveryPlot => {
    part.rings.forEach((r, k) => (r.ringNo = k + 1));
    const outer = byRing.get(part.rings[0])!;
    const inside = labels.filter((l) => insidePart(l, part.rings));
    const parcelCode = inside.find((l) => PARCEL_CODE.test(l.text))?.text;
    const plotNo = inside.find((l) => l.layer === PLOT_LABEL_LAYER && l.text !== '')?.text ?? parcelCode ?? String(i + 1);
    numberPoints(part.rings, labels, fileName, plotNo, findings);
    return { plotNo, line: outer.line || undefined, ...(parcelCode ? { parcelCode } : {}), attributes: { layer: outer.layer, handle: outer.handle }, parts: [{ partNo: 1, rings: part.rings }] };
  });
  return { ok: true, delivery: { format: 'dxf', fileName, encoding, epsg: epsgFromPrefix(plots), header: {}, plots, findings } };
}

/** A point inside the part (outer ring, outside holes) for its labels: the bounding-box centre, else a grid search. */
function labelPoint(rings: DeliveryRing[]): { x: number; y: number } {
  const xs = rings[0].points.map((p) => p.x), ys = rings[0].points.map((p) => p.y);
  const [x0, x1, y0, y1] = [minOf(xs), maxOf(xs), minOf(ys), maxOf(ys)];
  for (let k = 0; k < 400; k++) {
    const p = k === 0 ? { x: (x0 + x1) / 2, y: (y0 + y1) / 2 } : { x: x0 + ((x1 - x0) * ((k % 20) + 0.5)) / 20, y: y0 + ((y1 - y0) * (Math.floor(k / 20) + 0.5)) / 20 };
    if (insidePart(p, rings)) return p;
  }
  return rings[0].points[0];
}

/**
 * Writes plots as an ASCII DXF (AC1015, GBK text as CASS writes, CRLF): a closed LWPOLYLINE per ring on layer JZX
 * (界址线), a TEXT with the point number at each vertex on layer JZD (界址点), the plot number on layer DKBH and the
 * 宗地代码 on layer ZDDM inside each part. DXF x = easting (Y), y = northing (X); written digits kept when still equal.
 */
export function writeDxf(plots: DeliveryPlot[]): Uint8Array {
  // a DXF value is one line: a line break in a text would be read as the next group code
  const oneLine = (value: string) => value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  const out: Array<[number, string | number]> = [];
  let handle = 0x100;
  const next = () => (handle++).toString(16).toUpperCase();
  const coord = (p: LocatedPoint): [string, string] => {
    const same = p.xText !== undefined && p.yText !== undefined && Number(p.xText) === p.x && Number(p.yText) === p.y;
    return same ? [p.yText!, p.xText!] : [p.y.toFixed(3), p.x.toFixed(3)];
  };
  const text = (layer: string, x: string | number, y: string | number, value: string, height: number) =>
    out.push([0, 'TEXT'], [5, next()], [100, 'AcDbEntity'], [8, layer], [100, 'AcDbText'], [10, x], [20, y], [30, 0], [40, height], [1, oneLine(value)], [100, 'AcDbText']);
  out.push([0, 'SECTION'], [2, 'HEADER'], [9, '$ACADVER'], [1, 'AC1015'], [9, '$DWGCODEPAGE'], [3, 'ANSI_936'], [9, '$INSUNITS'], [70, 6], [0, 'ENDSEC']);
  out.push([0, 'SECTION'], [2, 'TABLES'], [0, 'TABLE'], [2, 'LAYER'], [70, 4]);
  for (const [name, color] of [['JZX', 1], ['JZD', 7], [PLOT_LABEL_LAYER, 3], ['ZDDM', 3]] as const) {
    out.push([0, 'LAYER'], [2, name], [70, 0], [62, color], [6, 'CONTINUOUS']);
  }
  out.push([0, 'ENDTAB'], [0, 'ENDSEC'], [0, 'SECTION'], [2, 'ENTITIES']);
  for (const plot of plots) {
    for (const part of plot.parts) {
      for (const ring of part.rings) {
        out.push([0, 'LWPOLYLINE'], [5, next()], [100, 'AcDbEntity'], [8, 'JZX'], [100, 'AcDbPolyline'], [90, ring.points.length], [70, 1]);
        for (const p of ring.points) out.push([10, coord(p)[0]], [20, coord(p)[1]]);
      }
      for (const p of part.rings.flatMap((r) => r.points)) text('JZD', (p.y + 0.2).toFixed(3), (p.x + 0.2).toFixed(3), p.pointNo, 0.5);
      const at = labelPoint(part.rings);
      text(PLOT_LABEL_LAYER, at.y.toFixed(3), at.x.toFixed(3), plot.plotNo, 1);
      if (plot.parcelCode) text('ZDDM', at.y.toFixed(3), (at.x - 1.5).toFixed(3), plot.parcelCode, 1);
    }
  }
  out.push([0, 'ENDSEC'], [0, 'EOF']);
  return encodeText(out.map(([code, value]) => `${String(code).padStart(3)}\r\n${value}`).join('\r\n') + '\r\n', 'gbk');
}
