// Reads and writes the coordinate exchange TXT (勘测定界 / 建设用地报批 坐标文件, DOMAIN.md §7) as plain data, returning findings instead of throwing.
import { eastingRange, epsgForZone, zoneCrsFromEpsg } from '../domain/crs';
import { polygonPlaneArea } from '../domain/plane-area';
import type { DeliveryPart, DeliveryRing, Finding } from './delivery';
import { assembleParts } from './rings';
import { finding } from '../quality/finding';
import { decodeText, encodeText, type TextEncodingName } from './text-encoding';

/** A problem found in a TXT file; every message names the file and line (and plot, ring, point where it applies) and says what to do. */
export type TxtFinding = Finding;

/**
 * 地块面积 as written, and in m². `inferred`: no unit was written, so 公顷 vs m² was decided by the computed plane area.
 * `text`: the number as written ("0.0123"): its decimals say how it was rounded, which is what the area check allows.
 */
export interface DeclaredArea { value: number; unit: '公顷' | 'm²'; inferred: boolean; m2: number; text?: string }

/** A coordinate's digits exactly as written (X = north, Y = east), so an export reproduces them verbatim. */
export interface CoordinateText { x: string; y: string }

/** One plot (地块) of the file. Ring numbers are the 圈号 as written; the closing point of a ring is not repeated. */
export interface ExchangePlot {
  /** Line of the plot line (the one ending in @). */
  line: number;
  /** Point lines counted in the file (closing points included), not the declared 界址点数. */
  pointCount: number;
  declaredArea: DeclaredArea | null;
  plotNo: string;
  name: string;
  shape: string;
  mapSheet: string;
  use: string;
  landClassCode: string;
  /** Fields after 地类编码 and before @, kept as written. */
  extras: string[];
  /** Parts of the plot: 圈号 1 outer; a later ring inside an outer ring is its hole, outside it a new part. X = north, Y = east, m. */
  parts: DeliveryPart[];
  /** Digits of each 界址点, keyed by 点号. */
  coordinateText: Record<string, CoordinateText>;
}

/** A parsed coordinate file. `header` holds the [属性描述] keys as written; `sections` any other key=value section ([项目信息]…). */
export interface ExchangeFile {
  header: Record<string, string>;
  sections: Record<string, Record<string, string>>;
  encoding: TextEncodingName;
  /** CGCS2000 Gauss-Krüger CRS from 带号, 几度分带 and whether eastings carry the zone prefix. */
  epsg: number;
  precision?: number;
  plots: ExchangePlot[];
}

export type TxtParseResult =
  | { ok: true; value: ExchangeFile; warnings: TxtFinding[] }
  | { ok: false; errors: TxtFinding[]; warnings: TxtFinding[] };

/** What `writeExchangeTxt` needs: the provenance header, the CRS, and plots (labels and digits optional). */
export interface ExchangeWriteInput {
  header?: Record<string, string>;
  sections?: Record<string, Record<string, string>>;
  epsg: number;
  precision?: number;
  plots: Array<Pick<ExchangePlot, 'plotNo' | 'parts'> & Partial<Omit<ExchangePlot, 'plotNo' | 'parts' | 'line' | 'pointCount'>>>;
}

interface Where { line?: number; plot?: string; ring?: number; point?: string }
interface RawPoint { line: number; pointNo: string; ringNo: number; xText: string; yText: string; x: number; y: number }
interface RawPlot { line: number; fields: string[]; points: RawPoint[] }
interface RawRing { ringNo: number; points: RawPoint[]; closed: boolean }

const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
/** 坐标系 names of local systems: 焦作2000独立坐标系, 地方坐标系, 城建坐标系, 假定坐标系 (a "2000" in the name does not make them CGCS2000). */
const LOCAL_DATUM = /独立|地方|城建|假定/;
const PLOT_SECTION = '地块坐标';

/** Collects findings with messages in English and Chinese that start with the file, line, plot, ring and point. */
class Findings {
  readonly list: TxtFinding[] = [];
  constructor(readonly file: string) {}
  add(code: string, severity: TxtFinding['severity'], where: Where, en: string, zh: string): void {
    this.list.push(finding(code, severity, { file: this.file, ...where }, en, zh));
  }
}

/**
 * Parses a coordinate exchange TXT (any encoding of DOMAIN.md §7, CRLF or LF). Never throws: returns the file,
 * or every error found; warnings (point count mismatch, inferred area unit, …) come with either.
 */
export function parseExchangeTxt(bytes: Uint8Array, fileName: string): TxtParseResult {
  const { text, encoding } = decodeText(bytes);
  const findings = new Findings(fileName);
  const doc = readSections(text, findings);
  const zoneWidth = readDatumAndZoneWidth(doc, findings);
  const plots = doc.plots.map((raw) => buildPlot(raw, findings));
  if (plots.length === 0) {
    findings.add('TXT_NO_PLOTS', 'error', { line: doc.plotSectionLine ?? doc.lineCount }, 'the file has no plot: add a [地块坐标] section with a plot line ending in @ followed by its point lines (点号,圈号,X,Y)', '文件中没有地块：请在[地块坐标]节中写入以@结尾的地块行及其界址点行（点号,圈号,X,Y）');
  }
  const epsg = zoneWidth ? resolveEpsg(doc, zoneWidth, findings) : undefined;
  const errors = findings.list.filter((f) => f.severity === 'error');
  const warnings = findings.list.filter((f) => f.severity === 'warning');
  if (errors.length > 0 || epsg === undefined) return { ok: false, errors, warnings };
  const precision = Number(doc.header['精度']);
  const value: ExchangeFile = { header: doc.header, sections: doc.sections, encoding, epsg, plots, ...(doc.header['精度'] && Number.isFinite(precision) ? { precision } : {}) };
  return { ok: true, value, warnings };
}

interface RawDocument {
  header: Record<string, string>;
  headerLines: Record<string, number>;
  headerLine?: number;
  sections: Record<string, Record<string, string>>;
  plots: RawPlot[];
  plotSectionLine?: number;
  lineCount: number;
}

/** Splits the text into [属性描述], other key=value sections and the plots of [地块坐标] (full-width brackets and indentation allowed). */
function readSections(text: string, findings: Findings): RawDocument {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const doc: RawDocument = { header: {}, headerLines: {}, sections: {}, plots: [], lineCount: lines.length };
  let section: string | undefined;
  lines.forEach((raw, i) => {
    const line = i + 1, trimmed = raw.trim();
    if (trimmed === '') return;
    const heading = /^[[【［]\s*(.+?)\s*[\]】］]$/.exec(trimmed);
    if (heading) {
      section = heading[1];
      if (section === '属性描述') doc.headerLine = line;
      else if (section === PLOT_SECTION) doc.plotSectionLine = line;
      else doc.sections[section] ??= {};
      return;
    }
    if (section === PLOT_SECTION) return readPlotLine(trimmed, line, doc, findings);
    const eq = trimmed.search(/[=＝]/);
    if (section === undefined || eq < 0) {
      findings.add('TXT_LINE_UNREADABLE', 'warning', { line }, `"${trimmed}" is neither a [section] heading nor key=value; it was ignored — remove it or write it as key=value`, `“${trimmed}”既不是[节名]也不是“键=值”，已忽略；请删除或改为“键=值”`);
      return;
    }
    const key = trimmed.slice(0, eq).trim(), value = trimmed.slice(eq + 1).trim();
    if (section === '属性描述') {
      doc.header[key] = value;
      doc.headerLines[key] = line;
    } else doc.sections[section][key] = value;
  });
  return doc;
}

/** A line of [地块坐标]: a plot line (ending in @) or a point line 点号,圈号,X,Y. */
function readPlotLine(trimmed: string, line: number, doc: RawDocument, findings: Findings): void {
  const fields = trimmed.split(/[,，]/).map((f) => f.trim());
  if (fields.includes('@')) { // ends in @; a few writers put extra fields after it: keep them as extras
    doc.plots.push({ line, fields: fields.filter((f) => f !== '@'), points: [] });
    return;
  }
  const [pointNo, ringText, xText, yText] = fields;
  const plot = doc.plots[doc.plots.length - 1];
  if (fields.length < 4 || !pointNo || !/^[1-9]\d{0,3}$/.test(ringText) || !NUMBER.test(xText) || !NUMBER.test(yText)) {
    findings.add('TXT_LINE_UNREADABLE', 'error', { line, plot: plot?.fields[2] }, `"${trimmed}" is not a point line 点号,圈号,X,Y (圈号 a whole number, X and Y in metres) nor a plot line ending in @; correct the line`, `“${trimmed}”不是界址点行“点号,圈号,X,Y”（圈号为整数，X、Y以米为单位），也不是以@结尾的地块行；请改正该行`);
    return;
  }
  if (!plot) {
    findings.add('TXT_LINE_UNREADABLE', 'error', { line, point: pointNo }, 'a point line comes before any plot line; put the plot line (…,@) above its points', '界址点行出现在任何地块行之前；请在界址点之前写入地块行（…,@）');
    return;
  }
  plot.points.push({ line, pointNo, ringNo: Number(ringText), xText, yText, x: Number(xText), y: Number(yText) });
}

/** Checks 坐标系 is CGCS2000 and reads 几度分带 (3 or 6); undefined when the file cannot be placed. */
function readDatumAndZoneWidth(doc: RawDocument, findings: Findings): 3 | 6 | undefined {
  const datum = doc.header['坐标系'];
  const at = { line: doc.headerLines['坐标系'] ?? doc.headerLine ?? 1 };
  if (datum === undefined || datum === '') {
    findings.add('TXT_DATUM_MISSING', 'error', at, '[属性描述] has no 坐标系; add 坐标系=2000国家大地坐标系 if the coordinates are CGCS2000', '[属性描述]缺少坐标系；如坐标为2000国家大地坐标系，请写入“坐标系=2000国家大地坐标系”');
  } else if (LOCAL_DATUM.test(datum)) {
    findings.add('TXT_DATUM_LOCAL', 'error', at, `坐标系=${datum} is a local (independent / city) coordinate system, not CGCS2000: the hub takes CGCS2000 coordinates only — deliver the file in 2000国家大地坐标系 (transform with the registered parameters and export again)`, `坐标系=${datum}为地方（独立/城建/假定）坐标系，不是2000国家大地坐标系（CGCS2000）；请用登记的转换参数转换为2000国家大地坐标系后重新导出提交`);
  } else if (!/CGCS|2000/i.test(datum)) {
    const [en, zh] = /西安|xian|80/i.test(datum) ? ['Xian 80 (西安80)', '1980西安坐标系'] : /北京|beijing|54/i.test(datum) ? ['Beijing 54 (北京54)', '1954北京坐标系'] : [`"${datum}"`, `“${datum}”`];
    findings.add('TXT_DATUM_NOT_CGCS2000', 'error', at, `坐标系=${datum} is the ${en} datum, not CGCS2000; the hub takes CGCS2000 coordinates only — transform them to 2000国家大地坐标系 with the registered parameters and export the file again`, `坐标系=${datum}为${zh}，不是2000国家大地坐标系（CGCS2000）；请用登记的转换参数转换为2000国家大地坐标系后重新导出`);
  }
  const parameters = doc.header['转换参数'];
  if (parameters !== undefined && parameters.split(/[,，]/).some((v) => v.trim() !== '' && !(Number(v) === 0))) {
    findings.add('TXT_TRANSFORMATION_PARAMETERS', 'error', { line: doc.headerLines['转换参数'] }, `转换参数=${parameters} is filled: the coordinates need a transformation to reach CGCS2000, so they are in another system; deliver them in 2000国家大地坐标系, with 转换参数 empty (,,,,,,)`, `转换参数=${parameters}不为空：坐标需经转换才是2000国家大地坐标系，说明其为其他坐标系；请提交2000国家大地坐标系坐标，转换参数留空（,,,,,,）`);
  }
  const widthText = doc.header['几度分带'];
  if (widthText === undefined) return 3;
  const width = Number(/\d+/.exec(widthText)?.[0]);
  if (width === 3 || width === 6) return width;
  findings.add('TXT_ZONE_WIDTH_INVALID', 'error', { line: doc.headerLines['几度分带'] }, `几度分带=${widthText} is neither 3 nor 6; write 几度分带=3 or 几度分带=6`, `几度分带=${widthText}既不是3也不是6；请写“几度分带=3”或“几度分带=6”`);
  return undefined;
}

/** EPSG from 带号, 几度分带 and the first easting's prefix; then every easting is checked against that zone (one finding per plot). */
function resolveEpsg(doc: RawDocument, width: 3 | 6, findings: Findings): number | undefined {
  const first = doc.plots.flatMap((p) => p.points)[0];
  if (!first) return undefined;
  // An unprefixed file with X and Y swapped has Y ≈ 2–6 × 10⁶ (a northing): that is not a zone prefix (13–45)
  const prefixed = first.y >= 1_000_000 && !swappedUnprefixed(first);
  const zoneText = doc.header['带号'];
  const zoneLine = doc.headerLines['带号'] ?? doc.headerLine ?? 1;
  const zone = zoneText !== undefined && zoneText !== '' ? Number(/\d+/.exec(zoneText)?.[0]) : prefixed ? Math.floor(first.y / 1_000_000) : undefined;
  const epsg = zone === undefined ? undefined : epsgForZone(width, zone, prefixed);
  if (epsg === undefined) {
    findings.add('TXT_ZONE_INVALID', 'error', { line: zoneLine }, `带号=${zoneText ?? '(missing)'} is not a CGCS2000 ${width}° zone; write the zone number (e.g. 带号=38 for 焦作 in 3° zones)`, `带号=${zoneText ?? '（缺失）'}不是CGCS2000 ${width}度带的带号；请写入带号（如焦作3度带为“带号=38”）`);
    return undefined;
  }
  const crs = zoneCrsFromEpsg(epsg)!;
  const [eMin, eMax] = eastingRange(crs);
  for (const plot of doc.plots) {
    const bad = plot.points.find((p) => p.y < eMin || p.y > eMax);
    if (!bad) continue;
    const where = { line: bad.line, plot: plot.fields[2], ring: bad.ringNo, point: bad.pointNo };
    if ((bad.x >= eMin && bad.x <= eMax) || swappedUnprefixed(bad)) {
      // the corrected reading: the written Y is the northing; the written X the easting, with the file's zone prefix if it uses one
      const east = bad.x >= eMin && bad.x <= eMax ? bad.xText : prefixed ? withZonePrefix(bad.xText, zone!) : bad.xText;
      findings.add('TXT_COORDINATES_SWAPPED', 'error', where, `X ${bad.xText} looks like the easting and Y ${bad.yText} like the northing; point lines are 点号,圈号,X(north),Y(east): swap the columns — the point reads X=${bad.yText}, Y=${east}`, `X ${bad.xText}像是横坐标、Y ${bad.yText}像是纵坐标；界址点行应为“点号,圈号,X(北),Y(东)”，请交换两列，该点应为X=${bad.yText}，Y=${east}`);
    } else if ((bad.y >= 1_000_000) !== prefixed || (prefixed && Math.floor(bad.y / 1_000_000) !== zone)) {
      findings.add('TXT_ZONE_PREFIX_MISMATCH', 'error', where, `easting Y ${bad.yText} does not carry the same zone prefix as the file (带号=${zone}, ${prefixed ? `eastings written as ${zone}xxxxxx.xxx` : 'eastings without prefix'}); write every easting the same way, in zone ${zone}`, `横坐标Y ${bad.yText}的带号前缀与文件不一致（带号=${zone}，${prefixed ? '横坐标带前缀' : '横坐标不带前缀'}）；请统一所有横坐标的写法`);
    } else {
      findings.add('TXT_EASTING_OUTSIDE_ZONE', 'error', where, `easting Y ${bad.yText} is outside ${width}° zone ${zone} (${eMin}–${eMax}); check 带号 and the coordinates`, `横坐标Y ${bad.yText}超出${width}度带第${zone}带范围（${eMin}–${eMax}）；请检查带号和坐标`);
    }
  }
  return epsg;
}

/** Easting without zone prefix (CGCS2000 false easting 500 km ± 350 km), and the northings of China's mainland, m. */
const UNPREFIXED_EASTING: [number, number] = [150_000, 850_000];
const MAINLAND_NORTHING: [number, number] = [1_500_000, 6_100_000];

/** X holds an unprefixed easting and Y a northing (EPSG:4534–4554, 4502–4512 with the columns swapped). */
function swappedUnprefixed(p: RawPoint): boolean {
  return p.x >= UNPREFIXED_EASTING[0] && p.x <= UNPREFIXED_EASTING[1] && p.y >= MAINLAND_NORTHING[0] && p.y <= MAINLAND_NORTHING[1];
}

/** "430800.000" in zone 38 → "38430800.000": the digits as written, with the zone number in front. */
function withZonePrefix(text: string, zone: number): string {
  const [whole, fraction] = text.split('.');
  return `${zone}${whole.padStart(6, '0')}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A plot line and its point lines → rings (split at 圈号 changes and closing points) → parts by containment. */
function buildPlot(raw: RawPlot, findings: Findings): ExchangePlot {
  const [countText = '', areaText = '', plotNo = '', name = '', shape = '', mapSheet = '', use = '', landClassCode = '', ...extras] = raw.fields;
  const rings: RawRing[] = [];
  for (const p of raw.points) {
    const current = rings[rings.length - 1];
    if (current && !current.closed && current.ringNo === p.ringNo) {
      const start = current.points[0];
      if (current.points.length >= 3 && p.x === start.x && p.y === start.y) current.closed = true;
      else current.points.push(p);
    } else rings.push({ ringNo: p.ringNo, points: [p], closed: false });
  }
  if (raw.points.length === 0) {
    findings.add('TXT_PLOT_WITHOUT_POINTS', 'error', { line: raw.line, plot: plotNo }, 'the plot line has no point lines after it; add its 界址点 (点号,圈号,X,Y) below it', '地块行之后没有界址点行；请在其下写入界址点（点号,圈号,X,Y）');
  }
  const coordinateText: Record<string, CoordinateText> = {};
  const closed: DeliveryRing[] = [];
  for (const ring of rings) {
    const first = ring.points[0], last = ring.points[ring.points.length - 1];
    const where = { line: last.line, plot: plotNo, ring: ring.ringNo };
    if (!ring.closed) {
      findings.add('TXT_RING_NOT_CLOSED', 'error', where, `ring ${ring.ringNo} is not closed: it starts at ${first.pointNo} (line ${first.line}) and ends at ${last.pointNo}; repeat ${first.pointNo} (${first.xText},${first.yText}) as the ring's last point`, `第${ring.ringNo}圈未闭合：起点${first.pointNo}（第${first.line}行），终点${last.pointNo}；请在该圈末尾重复起点${first.pointNo}（${first.xText},${first.yText}）`);
      continue;
    }
    if (new Set(ring.points.map((p) => `${p.x},${p.y}`)).size < 3) {
      findings.add('TXT_RING_TOO_FEW_POINTS', 'error', where, `ring ${ring.ringNo} has fewer than three distinct points; a ring needs at least three`, `第${ring.ringNo}圈不足三个不同的界址点；每圈至少需要三个`);
      continue;
    }
    ring.points.forEach((p) => (coordinateText[p.pointNo] ??= { x: p.xText, y: p.yText }));
    closed.push({ ringNo: ring.ringNo, closed: true, points: ring.points.map(({ pointNo, x, y, line, xText, yText }) => ({ pointNo, x, y, line, xText, yText })) });
  }
  // 圈号 1 is the outer ring; a higher one inside it is a hole (扣除部分), outside it a further part.
  const parts = assembleParts(closed);
  const distinct = rings.reduce((n, r) => n + r.points.length, 0);
  if (countText !== String(raw.points.length) && countText !== String(distinct)) {
    findings.add('TXT_POINT_COUNT_MISMATCH', 'warning', { line: raw.line, plot: plotNo }, `界址点数 is ${countText || '(empty)'} but the plot has ${raw.points.length} point lines (${distinct} without closing points); the points as listed were used — correct 界址点数 to ${raw.points.length}`, `界址点数为${countText || '（空）'}，但该地块有${raw.points.length}行界址点（不含闭合点${distinct}个）；已按实际界址点读取，请将界址点数改为${raw.points.length}`);
  }
  const declaredArea = readArea(areaText, planeArea(parts), { line: raw.line, plot: plotNo }, findings);
  return { line: raw.line, pointCount: raw.points.length, declaredArea, plotNo, name, shape, mapSheet, use, landClassCode, extras, parts, coordinateText };
}

/** Plane area of the plot's parts, m², in the file's projected CRS (X north, Y east → [east, north]). */
function planeArea(parts: Pick<DeliveryPart, 'rings'>[]): number {
  return parts.reduce((sum, part) => sum + polygonPlaneArea(part.rings.map((r) => r.points.map((p) => [p.y, p.x]))), 0);
}

/** 地块面积 with its unit as written; without a unit, 公顷 or m² — whichever is closer (by ratio) to the computed plane area. */
function readArea(text: string, computedM2: number, where: Where, findings: Findings): DeclaredArea | null {
  if (text === '') return null;
  const match = /^(\d+(?:\.\d+)?)\s*(公顷|ha|平方米|m2|m²|㎡)?$/i.exec(text);
  if (!match) {
    findings.add('TXT_AREA_UNREADABLE', 'warning', where, `地块面积 "${text}" is not a number with an optional unit (公顷 or 平方米); it was ignored — write it in 公顷, e.g. 0.2300`, `地块面积“${text}”不是数值（可带单位公顷或平方米），已忽略；请以公顷填写，如0.2300`);
    return null;
  }
  const value = Number(match[1]);
  if (match[2]) {
    const unit = /公顷|ha/i.test(match[2]) ? '公顷' : 'm²';
    return { value, unit, inferred: false, m2: unit === '公顷' ? value * 10_000 : value, text: match[1] };
  }
  // Closer by ratio, not by difference: 0.5 next to a 2300 m² plot is 0.5 公顷 (×2.2), not 0.5 m² (×1/4600).
  const off = (m2: number) => Math.abs(Math.log(m2 / computedM2));
  const unit = computedM2 > 0 && value > 0 && off(value) < off(value * 10_000) ? 'm²' : '公顷';
  if (unit === 'm²') {
    findings.add('TXT_AREA_UNIT_INFERRED', 'warning', where, `地块面积 ${text} has no unit and matches the computed plane area ${computedM2.toFixed(2)} m² as square metres, not 公顷; it was read as m² — write it in 公顷 (${(value / 10_000).toFixed(4)}) or add the unit`, `地块面积${text}未注明单位，与计算的平面面积${computedM2.toFixed(2)}平方米相符，已按平方米读取；请以公顷填写（${(value / 10_000).toFixed(4)}）或注明单位`);
  }
  return { value, unit, inferred: true, m2: unit === '公顷' ? value * 10_000 : value, text: match[1] };
}


/**
 * Writes a coordinate exchange TXT: GBK and CRLF by default. [属性描述] keeps the given provenance (数据产生单位, 日期…) and
 * states CGCS2000, 几度分带 and 带号 from `epsg`; each ring repeats its first point; 地块面积 in 公顷 to 4 decimals (declared,
 * else the plane area); coordinates with their original digits when they still match, else to 3 decimals.
 * Throws a RangeError for an EPSG that is not a CGCS2000 Gauss-Krüger zone (a caller's mistake, not the user's).
 */
export function writeExchangeTxt(file: ExchangeWriteInput, options: { encoding?: 'gbk' | 'utf-8'; newline?: '\r\n' | '\n' } = {}): Uint8Array {
  const header = exchangeHeader(file);
  const lines = ['[属性描述]', ...Object.entries(header).map(([k, v]) => `${oneLine(k)}=${oneLine(v)}`)];
  for (const [name, values] of Object.entries(file.sections ?? {})) lines.push(`[${oneLine(name)}]`, ...Object.entries(values).map(([k, v]) => `${oneLine(k)}=${oneLine(v)}`));
  lines.push(`[${PLOT_SECTION}]`);
  for (const plot of file.plots) {
    const pointLines = plot.parts.flatMap((part) => part.rings.flatMap((ring) => [...ring.points, ring.points[0]].map((p) => {
      const located = p as { xText?: string; yText?: string };
      const digits = located.xText && located.yText ? { x: located.xText, y: located.yText } : plot.coordinateText?.[p.pointNo];
      const same = digits && Number(digits.x) === p.x && Number(digits.y) === p.y;
      return `${cell(p.pointNo)},${ring.ringNo},${same ? digits.x : p.x.toFixed(3)},${same ? digits.y : p.y.toFixed(3)}`;
    })));
    const hectares = ((plot.declaredArea?.m2 ?? planeArea(plot.parts)) / 10_000).toFixed(4);
    const fields = [pointLines.length, hectares, plot.plotNo, plot.name ?? '', plot.shape ?? '面', plot.mapSheet ?? '', plot.use ?? '', plot.landClassCode ?? '', ...(plot.extras ?? [])].map((f) => cell(String(f)));
    lines.push([...fields, '@'].join(','), ...pointLines);
  }
  return encodeText(lines.join(options.newline ?? '\r\n') + (options.newline ?? '\r\n'), options.encoding ?? 'gbk');
}

/**
 * Text kept on its line: a control character (a line break would start a forged coordinate line) becomes a space.
 * Intake refuses control characters in point numbers; this keeps any text stored before that harmless.
 */
const oneLine = (value: string) => value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');

/** A value as one field of a plot or point line: on its line, and a comma (the separator) as the full-width ，. */
const cell = (value: string) => oneLine(value).replace(/,/g, '，');

/** The [属性描述] of a TXT: the given provenance, and CGCS2000, 几度分带 and 带号 from `epsg`. */
function exchangeHeader(file: ExchangeWriteInput): Record<string, string> {
  const crs = zoneCrsFromEpsg(file.epsg);
  if (!crs) throw new RangeError(`EPSG:${file.epsg} is not a CGCS2000 Gauss-Krüger zone (4491–4554)`);
  const h = file.header ?? {};
  const header: Record<string, string> = {
    格式版本号: h['格式版本号'] ?? '1.01', 数据产生单位: h['数据产生单位'] ?? '', 数据产生日期: h['数据产生日期'] ?? '',
    坐标系: '2000国家大地坐标系', 几度分带: String(crs.zoneWidth), 投影类型: '高斯克吕格', 计量单位: '米', 带号: String(crs.zone),
    精度: file.precision !== undefined ? String(file.precision) : h['精度'] ?? '0.001', 转换参数: h['转换参数'] ?? ',,,,,,',
  };
  for (const [key, value] of Object.entries(h)) header[key] ??= value;
  return header;
}
