// The coordinate exchange TXT (DOMAIN.md §7) read as a stream of plots for the staged bulk import: one pass over the
// text, no array of lines and no plot objects beyond the current batch (a 100 MB file of 535 k plots held 2.7 GB as
// a whole Delivery). Checks are left to PostGIS (staged-import.service.ts); this only splits and reports unreadable lines.
import { zoneCrsFromEpsg } from '../domain/crs';

/** One plot line (…,@) with its point lines, as written. */
export interface StreamedPlot {
  /** Position in the file, from 1. */
  plotNo: number;
  line: number;
  /** 地块编号 (the 宗地代码 in a bulk import). */
  label: string;
  /** 地块面积 as written (公顷, or m² by some writers). */
  declared: string;
  /** 界址点数 as written. */
  pointCount: string;
  points: { pointNo: string; ring: number; x: string; y: string; line: number }[];
}

export interface StreamProblem {
  line: number;
  code: 'TXT_LINE_UNREADABLE';
  en: string;
  zh: string;
}

export interface TxtHeader {
  /** EPSG code from 带号 and 几度分带 (zone-prefixed eastings), or undefined when they do not place the file. */
  epsg?: number;
  /** Why the header cannot be used (another datum, no zone), when it cannot. */
  refusal?: { code: string; en: string; zh: string };
}

const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
const HEADING = /^[[【［]\s*(.+?)\s*[\]】］]$/;

/** Lines of `text` (one string, or pieces that may end inside a line) with their numbers, without an array of them. */
function* linesOf(text: string | Iterable<string>): Generator<[number, string]> {
  let line = 0, carry = '', first = true;
  for (const piece of typeof text === 'string' ? [text] : text) {
    const chunk = carry + (first && piece.charCodeAt(0) === 0xfeff ? piece.slice(1) : piece);
    first = false;
    let start = 0;
    for (let end = chunk.indexOf('\n'); end >= 0; start = end + 1, end = chunk.indexOf('\n', start)) {
      line += 1;
      yield [line, chunk.slice(start, end).replace(/\r$/, '')];
    }
    carry = chunk.slice(start);
  }
  line += 1;
  yield [line, carry.replace(/\r$/, '')];
}

/** The [属性描述] values that place the coordinates: 坐标系 (CGCS2000 only), 几度分带 and 带号. */
export function readTxtHeader(text: string): TxtHeader {
  const header: Record<string, string> = {};
  let section = '';
  for (const [, raw] of linesOf(text)) {
    const trimmed = raw.trim();
    const heading = HEADING.exec(trimmed);
    if (heading) {
      if (heading[1] === '地块坐标') break;
      section = heading[1];
      continue;
    }
    const eq = trimmed.search(/[=＝]/);
    if (section === '属性描述' && eq > 0) header[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim();
  }
  const datum = header['坐标系'] ?? '';
  if (datum && !/2000|CGCS/i.test(datum)) {
    return { refusal: { code: 'CRS_UNSUPPORTED', en: `坐标系=${datum} is not CGCS2000: transform the file to CGCS2000 before importing it`, zh: `坐标系“${datum}”不是2000国家大地坐标系：请先转换为CGCS2000再入库` } };
  }
  const width = Number(/\d+/.exec(header['几度分带'] ?? '3')?.[0]);
  const zone = Number(header['带号']);
  const epsg = width === 3 && zone >= 25 && zone <= 45 ? 4513 + zone - 25 : width === 6 && zone >= 13 && zone <= 23 ? 4491 + zone - 13 : undefined;
  if (!epsg || !zoneCrsFromEpsg(epsg)) return { refusal: { code: 'CRS_MISSING', en: 'the file states no usable 带号/几度分带: give crs (e.g. EPSG:4526) with the upload', zh: '文件未给出可用的带号/几度分带：请在提交时给出crs（如EPSG:4526）' } };
  return { epsg };
}

/** The plots of [地块坐标] in batches of `batchSize` (`text` whole or in pieces); unreadable lines go to `problems`. */
export function* streamTxtPlots(text: string | Iterable<string>, batchSize: number, problems: StreamProblem[]): Generator<StreamedPlot[]> {
  let inPlots = false, batch: StreamedPlot[] = [], current: StreamedPlot | undefined, plotNo = 0;
  for (const [line, raw] of linesOf(text)) {
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    const heading = HEADING.exec(trimmed);
    if (heading) {
      inPlots = heading[1] === '地块坐标';
      continue;
    }
    if (!inPlots) continue;
    const fields = trimmed.split(/[,，]/).map((f) => f.trim());
    if (fields.includes('@')) {
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
      plotNo += 1;
      current = { plotNo, line, label: fields[2] ?? '', declared: fields[1] ?? '', pointCount: fields[0] ?? '', points: [] };
      batch.push(current);
      continue;
    }
    const [pointNo, ring, x, y] = fields;
    if (!current || fields.length < 4 || !pointNo || !/^[1-9]\d{0,3}$/.test(ring) || !NUMBER.test(x) || !NUMBER.test(y)) {
      problems.push({
        line, code: 'TXT_LINE_UNREADABLE',
        en: `line ${line}: "${trimmed.slice(0, 80)}" is not a point line 点号,圈号,X,Y after a plot line (…,@); correct the line`,
        zh: `第${line}行“${trimmed.slice(0, 80)}”不是地块行之后的界址点行“点号,圈号,X,Y”；请改正该行`,
      });
      continue;
    }
    current.points.push({ pointNo, ring: Number(ring), x, y, line });
  }
  if (batch.length) yield batch;
}
