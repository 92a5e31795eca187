// One entry for every survey file: pick the format (by name, else by content) and read it into a Delivery.
import { parseExchangeTxt, type TxtFinding } from './txt-exchange.format';
import { readGeoJson } from './geojson.format';
import { readCsvPoints } from './csv-points.format';
import { readDxf } from './dxf.format';
import { readShapefileZip, type ZipLimits } from './shapefile.format';
import type { DeliveryFormat, Finding, ReadResult } from './delivery';
import { finding } from '../quality/finding';
import { refuseControlCharacters } from './point-numbers';

const BY_EXTENSION: Record<string, DeliveryFormat> = { txt: 'txt', geojson: 'geojson', json: 'geojson', csv: 'csv', dxf: 'dxf', zip: 'shp' };

/** The format of a file: by its extension, else by its first bytes; undefined when neither tells. */
export function detectFormat(fileName: string, bytes: Uint8Array): DeliveryFormat | undefined {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext && BY_EXTENSION[ext]) return BY_EXTENSION[ext];
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'shp';
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (head.startsWith('{')) return 'geojson';
  if (/^0\s*\r?\n\s*SECTION/.test(head)) return 'dxf';
  if (head.startsWith('[') || /\[\s*$|\r?\n\[/.test(head)) return 'txt';
  return undefined;
}

export interface ReadOptions {
  /** EPSG the request states, for formats that carry none (CSV) or may omit it (GeoJSON). */
  requestEpsg?: number;
  zipLimits?: ZipLimits;
}

/** Reads a survey file of any supported format; never throws for bad input. */
export async function readDelivery(fileName: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  return refuseControlCharacters(requireFinite(await readFormat(fileName, bytes, options)));
}

/**
 * Whatever the format, every coordinate is a number of metres (below 1e9) and every ring number a positive whole number:
 * a 1e400, a NaN from a damaged record or a 30-digit 圈号 stops here, named, before any check computes with it.
 */
function requireFinite(result: ReadResult): ReadResult {
  if (!result.ok) return result;
  const { delivery } = result;
  for (const plot of delivery.plots) for (const part of plot.parts) for (const ring of part.rings) {
    const where = { file: delivery.fileName, plot: plot.plotNo, line: plot.line };
    if (!Number.isSafeInteger(ring.ringNo) || ring.ringNo < 1) {
      return { ok: false, findings: [finding('RING_NUMBER_INVALID', 'error', where, `圈号 ${ring.ringNo} is not a ring number (1, 2, …); correct it`, `圈号${ring.ringNo}不是有效的圈号（1、2…），请改正`)] };
    }
    // No surveyed coordinate reaches 1e9 m; beyond it sums overflow and nothing means anything.
    const bad = ring.points.find((p) => !(Math.abs(p.x) < 1e9) || !(Math.abs(p.y) < 1e9));
    if (bad) {
      return { ok: false, findings: [finding('POSITION_NOT_FINITE', 'error', { ...where, ring: ring.ringNo, point: bad.pointNo, line: bad.line ?? plot.line },
        `X ${bad.x}, Y ${bad.y} is not a coordinate in metres; correct it`, `X ${bad.x}，Y ${bad.y}不是以米为单位的坐标，请改正`)] };
    }
  }
  return result;
}

async function readFormat(fileName: string, bytes: Uint8Array, options: ReadOptions): Promise<ReadResult> {
  if (bytes.length === 0) return refuse(fileName, 'FILE_EMPTY', 'the file is empty', '文件为空');
  const format = detectFormat(fileName, bytes);
  switch (format) {
    case 'txt': return readTxt(bytes, fileName);
    case 'geojson': return readGeoJson(bytes, fileName, options.requestEpsg);
    case 'csv': return withRequestCrs(readCsvPoints(bytes, fileName), options.requestEpsg);
    case 'dxf': return withRequestCrs(readDxf(bytes, fileName), options.requestEpsg);
    case 'shp': return readShapefileZip(bytes, fileName, options.zipLimits);
    default:
      return refuse(fileName, 'FORMAT_UNSUPPORTED', 'the format is not recognised: deliver a coordinate TXT (.txt), GeoJSON (.geojson), a point table (.csv), a DXF drawing (.dxf) or a zipped shapefile (.zip)',
        '无法识别文件格式：请提交坐标TXT（.txt）、GeoJSON（.geojson）、界址点表（.csv）、DXF图形（.dxf）或压缩的Shapefile（.zip）');
  }
}

/** The exchange TXT as a Delivery (its findings already name file, line, plot, ring and point). */
function readTxt(bytes: Uint8Array, fileName: string): ReadResult {
  const parsed = parseExchangeTxt(bytes, fileName);
  const asFinding = (f: TxtFinding): Finding => ({ ...f });
  if (!parsed.ok) return { ok: false, findings: [...parsed.errors, ...parsed.warnings].map(asFinding) };
  const file = parsed.value;
  return {
    ok: true,
    delivery: {
      format: 'txt',
      fileName,
      encoding: file.encoding,
      epsg: file.epsg,
      header: file.header,
      findings: parsed.warnings.map(asFinding),
      plots: file.plots.map((plot) => ({
        plotNo: plot.plotNo,
        name: plot.name,
        line: plot.line,
        declaredArea: plot.declaredArea ?? undefined,
        attributes: { 图形属性: plot.shape, 图幅号: plot.mapSheet, 地块用途: plot.use, 地类编码: plot.landClassCode, ...Object.fromEntries(plot.extras.map((e, i) => [`extra${i + 1}`, e])) },
        parcelCode: /^\d{12}[GJZ][A-Z]\d{5}$/.test(plot.plotNo) ? plot.plotNo : /^\d{12}[GJZ][A-Z]\d{5}$/.test(plot.name) ? plot.name : undefined,
        parts: plot.parts,
      })),
    },
  };
}

/** Formats without a CRS of their own take the request's. */
function withRequestCrs(result: ReadResult, requestEpsg?: number): ReadResult {
  if (result.ok && result.delivery.epsg === null && requestEpsg !== undefined) result.delivery.epsg = requestEpsg;
  return result;
}

function refuse(file: string, code: string, message: string, messageZh: string): ReadResult {
  return { ok: false, findings: [finding(code, 'error', { file }, message, messageZh)] };
}
