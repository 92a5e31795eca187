// Reads and writes boundary-point tables (界址点成果表 as CSV: 点号, 圈号, X, Y, 地块编号) with findings instead of exceptions.
import type { DeliveryPlot, DeliveryRing, Finding, LocatedPoint, ReadResult } from './delivery';
import { finding as makeFinding, type Where } from '../quality/finding';
import { assembleParts } from './rings';
import { decodeText } from './text-encoding';
import { writeCsv } from './csv-writer';

type Column = 'plot' | 'point' | 'ring' | 'x' | 'y';

/** Header names accepted per column, compared trimmed and lower-cased. */
const ALIASES: Record<Column, string[]> = {
  plot: ['地块号', '地块编号', 'plot', 'plotno', 'plot_no'],
  point: ['点号', '界址点号', 'point', 'pointno', 'point_no'],
  ring: ['圈号', 'ring', 'ringno', 'ring_no'],
  x: ['x', '北坐标', 'x(北)', 'northing', 'x_northing'],
  y: ['y', '东坐标', 'y(东)', 'easting', 'y_easting'],
};
const LABEL: Record<Column, string> = { plot: '地块编号', point: '点号', ring: '圈号', x: 'X (北坐标)', y: 'Y (东坐标)' };
const REQUIRED: Column[] = ['point', 'x', 'y'];
const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

interface Row { line: number; fields: string[] }

/** The shared finding, called with the file first as this reader does. */
const finding = (file: string, code: string, severity: Finding['severity'], at: Omit<Where, 'file'>, en: string, zh: string): Finding => makeFinding(code, severity, { file, ...at }, en, zh);

/** Splits CSV text into rows (quoted fields with "" escapes and line breaks allowed), each with the line it starts on. */
function splitRows(text: string, delimiter: string): { rows: Row[]; unterminatedAt?: number } {
  const rows: Row[] = [];
  let fields: string[] = [], field = '', quoted = false, line = 1, start = 1;
  const endRow = () => {
    fields.push(field);
    if (fields.some((f) => f.trim() !== '')) rows.push({ line: start, fields: fields.map((f) => f.trim()) });
    fields = []; field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else { if (c === '\n') line++; field += c; }
    } else if (c === '"' && field.trim() === '') { field = ''; quoted = true; }
    else if (c === delimiter) { fields.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow(); line++; start = line;
    } else field += c;
  }
  if (quoted) return { rows, unterminatedAt: start };
  endRow();
  return { rows };
}

/** The delimiter of the header line: whichever of tab, semicolon or comma occurs most. */
function detectDelimiter(text: string): string {
  const header = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const counts = ['\t', ';', ','].map((d) => ({ d, n: header.split(d).length - 1 }));
  return counts.reduce((best, c) => (c.n > best.n ? c : best), { d: ',', n: 0 }).d;
}

/**
 * Reads a boundary-point table: a header row in Chinese or English (点号/point, 圈号/ring, X/北坐标/northing,
 * Y/东坐标/easting, optional 地块编号/plot), comma, semicolon or tab separated, any encoding of `decodeText`.
 * X is the northing and Y the easting, m, as written (digits kept). A ring is closed when a point repeats its first;
 * without a 圈号 column rings are numbered 1, 2… at each closure. epsg is null: the request states the CRS. Never throws.
 */
export function readCsvPoints(bytes: Uint8Array, fileName: string): ReadResult {
  const { text, encoding } = decodeText(bytes);
  const findings: Finding[] = [];
  const { rows, unterminatedAt } = splitRows(text, detectDelimiter(text));
  if (unterminatedAt !== undefined) {
    findings.push(finding(fileName, 'CSV_QUOTE_UNTERMINATED', 'error', { line: unterminatedAt }, 'a quoted field is never closed; add the closing double quote (")', '带引号的字段没有结束引号；请补上右双引号（"）'));
  }
  const [header, ...data] = rows;
  if (!header) {
    return { ok: false, findings: [...findings, finding(fileName, 'CSV_EMPTY', 'error', { line: 1 }, 'the file is empty; write a header row 地块编号,点号,圈号,X,Y and one row per boundary point', '文件为空；请写入表头“地块编号,点号,圈号,X,Y”及每个界址点一行')] };
  }
  const index: Partial<Record<Column, number>> = {};
  header.fields.forEach((name, i) => {
    const key = (Object.keys(ALIASES) as Column[]).find((c) => ALIASES[c].includes(name.toLowerCase().replace(/\s+/g, '')));
    if (key && index[key] === undefined) index[key] = i;
  });
  for (const column of REQUIRED.filter((c) => index[c] === undefined)) {
    findings.push(finding(fileName, 'CSV_COLUMN_MISSING', 'error', { line: header.line }, `the header has no ${LABEL[column]} column (accepted names: ${ALIASES[column].join(', ')}); add it`, `表头缺少${LABEL[column]}列（可用列名：${ALIASES[column].join('、')}）；请补上`));
  }
  if (findings.length > 0) return { ok: false, findings };
  const plots = readPlots(data, index, header.fields, fileName, findings);
  if (plots.length === 0 && !findings.some((f) => f.severity === 'error')) {
    findings.push(finding(fileName, 'CSV_NO_POINTS', 'error', { line: header.line }, 'the table has a header but no point rows; add one row per boundary point', '表格只有表头而没有界址点行；请每个界址点写一行'));
  }
  if (findings.some((f) => f.severity === 'error')) return { ok: false, findings };
  return { ok: true, delivery: { format: 'csv', fileName, encoding, epsg: null, header: { columns: header.fields.join(',') }, plots, findings } };
}

/** Rows → points → rings per plot (in order of appearance) → parts by containment. */
function readPlots(data: Row[], index: Partial<Record<Column, number>>, names: string[], file: string, findings: Finding[]): DeliveryPlot[] {
  const rings = new Map<string, Array<DeliveryRing & { line: number }>>();
  for (const row of data) {
    const get = (c: Column) => (index[c] === undefined ? undefined : row.fields[index[c]!] ?? '');
    const plotNo = get('plot') || '1';
    const [pointNo, xText, yText, ringText] = [get('point') ?? '', get('x') ?? '', get('y') ?? '', get('ring')];
    const checks: Array<[Column, string, RegExp]> = [['x', xText, NUMBER], ['y', yText, NUMBER]];
    if (ringText !== undefined) checks.push(['ring', ringText, /^[1-9]\d{0,3}$/]);
    const bad = checks.filter(([, value, pattern]) => !pattern.test(value));
    for (const [column, value] of bad) {
      findings.push(finding(file, 'CSV_NUMBER_UNREADABLE', 'error', { line: row.line, column: names[index[column]!], plot: plotNo }, `"${value}" is not a number${column === 'ring' ? ' (圈号 is a whole number from 1 to 9999)' : ' of metres'}; correct the cell`, `“${value}”不是${column === 'ring' ? '1至9999的整数（圈号）' : '以米为单位的数值'}；请改正该单元格`));
    }
    if (!pointNo) findings.push(finding(file, 'CSV_POINT_NUMBER_MISSING', 'error', { line: row.line, column: names[index.point!], plot: plotNo }, 'the point has no 点号; write its point number (e.g. J1)', '该界址点没有点号；请填写点号（如J1）'));
    if (bad.length > 0 || !pointNo) continue;
    const point: LocatedPoint = { pointNo, x: Number(xText), y: Number(yText), line: row.line, xText, yText };
    if (point.x >= 10_000_000 && point.y < 10_000_000) {
      findings.push(finding(file, 'CSV_COORDINATES_SWAPPED', 'error', { line: row.line, plot: plotNo }, `X ${xText} looks like a zone-prefixed easting and Y ${yText} like a northing; X is the northing (北坐标), Y the easting: swap the columns`, `X ${xText}像是带号前缀的横坐标、Y ${yText}像是纵坐标；X应为北坐标、Y为东坐标，请交换两列`));
      continue;
    }
    const list = rings.get(plotNo) ?? [];
    rings.set(plotNo, list);
    const current = list[list.length - 1];
    const ringNo = ringText !== undefined ? Number(ringText) : current ? current.ringNo + (current.closed ? 1 : 0) : 1;
    if (current && !current.closed && current.ringNo === ringNo) {
      const first = current.points[0];
      if (current.points.length >= 3 && first.x === point.x && first.y === point.y) current.closed = true;
      else current.points.push(point);
    } else list.push({ ringNo, points: [point], closed: false, line: row.line });
  }
  return [...rings].map(([plotNo, list]) => {
    for (const ring of list.filter((r) => new Set(r.points.map((p) => `${p.x},${p.y}`)).size < 3)) {
      findings.push(finding(file, 'CSV_RING_TOO_FEW_POINTS', 'error', { line: ring.line, plot: plotNo, ring: ring.ringNo }, 'the ring has fewer than three distinct points; a ring needs at least three', '该圈不足三个不同的界址点；每圈至少需要三个'));
    }
    const parts = assembleParts(list.map(({ ringNo, points, closed }) => ({ ringNo, points, closed })));
    return { plotNo, line: list[0]?.line, attributes: {}, parts };
  });
}

/**
 * Writes plots as a boundary-point table `地块编号,点号,圈号,X_northing,Y_easting,WKT,CRS` (X north, Y east, m), CRLF,
 * UTF-8 with a byte-order mark by default (so Excel opens it) or GBK on request. The coordinate columns say which axis
 * they hold (a column named plain "X" is taken for the easting by QGIS's delimited-text reader, swapping every point);
 * WKT repeats the point in x = easting order and CRS names it (`EPSG:4526`), so GIS tools place it without asking.
 * Closed rings repeat their first point; coordinates keep their written digits (`xText`/`yText`) when present and
 * still equal to the coordinates, else 3 decimals.
 */
export function writeCsvPoints(plots: DeliveryPlot[], options: { encoding?: 'gbk' | 'utf-8'; epsg?: number } = {}): Uint8Array {
  // X is the northing and Y the easting (Chinese survey tables): named so, with WKT and the CRS, so that a GIS reader
  // (QGIS's delimited text) does not swap them.
  const crs = options.epsg ? `EPSG:${options.epsg}` : '';
  const rows: string[][] = [['地块编号', '点号', '圈号', 'X_northing', 'Y_easting', 'WKT', 'CRS']];
  for (const plot of plots) {
    for (const ring of plot.parts.flatMap((part) => part.rings)) {
      const points = ring.closed ? [...ring.points, ring.points[0]] : ring.points;
      for (const p of points) {
        const same = p.xText !== undefined && p.yText !== undefined && Number(p.xText) === p.x && Number(p.yText) === p.y;
        const [x, y] = [same ? p.xText! : p.x.toFixed(3), same ? p.yText! : p.y.toFixed(3)];
        rows.push([plot.plotNo, p.pointNo, String(ring.ringNo), x, y, `POINT (${y} ${x})`, crs]);
      }
    }
  }
  return writeCsv(rows, options);
}
