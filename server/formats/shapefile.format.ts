// Reads a zipped ESRI shapefile of polygon plots (.shp/.dbf/.prj/.cpg), guarding against zip bombs, into the delivery model.
import { finding as makeFinding, type Where } from '../quality/finding';
import * as shapefile from 'shapefile';
import { CGCS2000_GEOGRAPHIC, epsgForZone } from '../domain/crs';
import type { DeliveryPart, DeliveryPlot, Finding, ReadResult } from './delivery';
import { unzipWithin, type ZipLimits } from './bounded-unzip';

export type { ZipLimits };

const PARCEL_CODE = /^\d{12}[GJZ][A-Z]\d{5}$/;
const PLOT_FIELDS = ['地块编号', '地块号', 'dkbh', 'plotno', 'plot', 'zddm', '宗地代码', 'id'];
const PARCEL_FIELDS = ['zddm', '宗地代码'];

/** The shared finding, called with the file first as this reader does. */
const finding = (file: string, code: string, severity: Finding['severity'], at: Omit<Where, 'file'>, en: string, zh: string): Finding => makeFinding(code, severity, { file, ...at }, en, zh);

/** DBF text encoding from the .cpg (UTF-8, GBK, 936, GB18030…), else GBK as most Chinese GIS tools write. */
export function dbfEncoding(cpg: string | undefined): string {
  const name = (cpg ?? '').trim().toUpperCase().replace(/^(ANSI|CP)\s*/, '');
  if (name === '') return 'gbk';
  if (/^UTF-?8$/.test(name)) return 'utf-8';
  if (name === 'GB18030') return 'gb18030';
  if (['GBK', '936', 'GB2312'].includes(name)) return 'gbk';
  return name.toLowerCase();
}

/**
 * EPSG of a .prj: its AUTHORITY["EPSG",…], else the ESRI PROJCS name (CGCS2000_3_Degree_GK_Zone_38 → 4526,
 * CGCS2000_3_Degree_GK_CM_114E → 4547, 6° likewise; GCS_China_Geodetic_Coordinate_System_2000 → 4490).
 * `datum: 'other'` for Xian 1980 / Beijing 1954 (not CGCS2000); epsg undefined when not recognised.
 */
export function epsgFromPrj(prj: string): { epsg?: number; datum: 'cgcs2000' | 'xian80' | 'beijing54' | 'unknown'; name: string } {
  const name = /^\s*(?:PROJCS|GEOGCS)\["([^"]*)"/.exec(prj)?.[1] ?? '';
  if (/xian|xi'an|西安/i.test(prj)) return { datum: 'xian80', name };
  if (/beijing|北京|1954/i.test(prj)) return { datum: 'beijing54', name };
  const authorities = [...prj.matchAll(/AUTHORITY\["EPSG",\s*"(\d+)"\]/gi)];
  if (/^\s*PROJCS/.test(prj) && authorities.length > 0) return { epsg: Number(authorities[authorities.length - 1][1]), datum: 'cgcs2000', name };
  const zoned = /CGCS2000_([36])_Degree_GK_(?:Zone_(\d+)|CM_(\d+)E)/i.exec(name);
  if (zoned) {
    const width = Number(zoned[1]) as 3 | 6;
    const zone = zoned[2] ? Number(zoned[2]) : width === 3 ? Number(zoned[3]) / 3 : (Number(zoned[3]) + 3) / 6;
    return { epsg: epsgForZone(width, zone, zoned[2] !== undefined), datum: 'cgcs2000', name };
  }
  if (/^\s*GEOGCS/.test(prj) && /China_Geodetic_Coordinate_System_2000|CGCS.?2000/i.test(name)) return { epsg: CGCS2000_GEOGRAPHIC, datum: 'cgcs2000', name };
  return { datum: /2000/.test(name) ? 'cgcs2000' : 'unknown', name };
}

/** Checks the .shp header: file code 9994, a polygon shape type (5, 15, 25), and the declared length present. */
function checkShpHeader(shp: Uint8Array, file: string, entry: string): Finding | undefined {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  if (shp.byteLength < 100 || view.getInt32(0, false) !== 9994) {
    return finding(file, 'SHP_FILE_TRUNCATED', 'error', { entry }, `${entry} is ${shp.byteLength} bytes and has no shapefile header; export the layer again`, `${entry}仅${shp.byteLength}字节，缺少shapefile文件头；请重新导出该图层`);
  }
  const declared = view.getInt32(24, false) * 2, type = view.getInt32(32, true);
  if (declared > shp.byteLength) {
    return finding(file, 'SHP_FILE_TRUNCATED', 'error', { entry }, `${entry} is truncated: its header says ${declared} bytes but ${shp.byteLength} arrived; export and zip the layer again`, `${entry}不完整：文件头记载${declared}字节，实际仅${shp.byteLength}字节；请重新导出并压缩该图层`);
  }
  if (![5, 15, 25].includes(type)) {
    return finding(file, 'SHP_NOT_POLYGON', 'error', { entry }, `${entry} holds shape type ${type}, not polygons; boundaries must be a Polygon layer`, `${entry}的几何类型为${type}，不是面；界址范围须为面图层`);
  }
  return undefined;
}

/**
 * Reads a zipped shapefile layer of Polygon/PolygonZ records: one plot per record (plotNo from a 地块编号/DKBH/ZDDM/plot/id
 * field, else the record number; DBF attributes kept as strings; a 19-character 宗地代码 in ZDDM/宗地代码 sets
 * `parcelCode`). Points X = north, Y = east (shapefile x is the easting), numbered J1, J2… per plot. EPSG from the .prj;
 * a zip with several .shp layers is refused (one layer per zip). Never throws.
 */
export async function readShapefileZip(bytes: Uint8Array, fileName: string, limits: ZipLimits = { maxEntries: 50, maxUncompressedBytes: 200 * 1024 * 1024 }): Promise<ReadResult> {
  const unzipped = unzipWithin(bytes, fileName, limits);
  if ('findings' in unzipped) return { ok: false, findings: unzipped.findings };
  const names = Object.keys(unzipped.files);
  const shps = names.filter((n) => /\.shp$/i.test(n));
  if (shps.length !== 1) {
    const en = shps.length === 0 ? `the zip holds no .shp file (it has ${names.join(', ') || 'nothing'}); add the layer's .shp` : `the zip holds ${shps.length} shapefile layers (${shps.join(', ')}); the hub reads one layer per zip — upload each layer as its own zip`;
    const zh = shps.length === 0 ? `压缩包中没有.shp文件（包含：${names.join('、') || '无'}）；请加入图层的.shp` : `压缩包中有${shps.length}个shapefile图层（${shps.join('、')}）；每个zip只能包含一个图层，请分别压缩上传`;
    return { ok: false, findings: [finding(fileName, shps.length === 0 ? 'SHP_SHP_MISSING' : 'SHP_SEVERAL_LAYERS', 'error', {}, en, zh)] };
  }
  const base = shps[0].slice(0, -4);
  const sibling = (ext: string) => names.find((n) => n.toLowerCase() === `${base.toLowerCase()}.${ext}`);
  const dbfName = sibling('dbf');
  if (!dbfName) {
    return { ok: false, findings: [finding(fileName, 'SHP_DBF_MISSING', 'error', {}, `${base}.dbf is missing; zip it with ${shps[0]} (the attributes, such as 地块编号, are in it)`, `缺少${base}.dbf；请将其与${shps[0]}一起压缩（地块编号等属性在其中）`)] };
  }
  const findings: Finding[] = [];
  const text = (name: string | undefined) => (name ? new TextDecoder('utf-8').decode(unzipped.files[name]) : undefined);
  const prj = text(sibling('prj'));
  const epsg = readCrs(prj, fileName, base, findings);
  const shp = unzipped.files[shps[0]];
  const headerProblem = checkShpHeader(shp, fileName, shps[0]);
  if (headerProblem) findings.push(headerProblem);
  if (findings.some((f) => f.severity === 'error')) return { ok: false, findings };
  const encoding = dbfEncoding(text(sibling('cpg')));
  const plots: DeliveryPlot[] = [];
  try {
    const dbf = unzipped.files[dbfName];
    const source = await shapefile.open(toArrayBuffer(shp), toArrayBuffer(dbf), { encoding });
    for (let record = 1; ; record++) {
      const { done, value } = await source.read();
      if (done) break;
      const plot = toPlot(value, record, fileName, findings);
      if (plot) plots.push(plot);
    }
  } catch (error) {
    return { ok: false, findings: [...findings, finding(fileName, 'SHP_UNREADABLE', 'error', { entry: shps[0] }, `the shapefile could not be read (${(error as Error).message}); export the layer again`, `无法读取该shapefile（${(error as Error).message}）；请重新导出该图层`)] };
  }
  if (plots.length === 0) findings.push(finding(fileName, 'SHP_NO_PLOTS', 'error', { entry: shps[0] }, 'the layer has no polygon records', '该图层没有面要素'));
  if (findings.some((f) => f.severity === 'error')) return { ok: false, findings };
  return { ok: true, delivery: { format: 'shp', fileName, encoding, epsg: epsg ?? null, header: { layer: base, ...(prj ? { prj } : {}) }, plots, findings } };
}

/** EPSG from the .prj, with an error for a datum other than CGCS2000 and warnings for a missing or unknown .prj. */
function readCrs(prj: string | undefined, file: string, base: string, findings: Finding[]): number | undefined {
  const entry = `${base}.prj`;
  if (prj === undefined) {
    findings.push(finding(file, 'SHP_PRJ_MISSING', 'warning', {}, `${entry} is missing, so the coordinate system must be stated with the upload (e.g. EPSG:4526); include the .prj`, `缺少${entry}，须在上传时指明坐标系（如EPSG:4526）；请一并提交.prj`));
    return undefined;
  }
  const crs = epsgFromPrj(prj);
  if (crs.datum === 'xian80' || crs.datum === 'beijing54') {
    const [en, zh] = crs.datum === 'xian80' ? ['Xian 1980', '1980西安坐标系'] : ['Beijing 1954', '1954北京坐标系'];
    findings.push(finding(file, 'SHP_DATUM_NOT_CGCS2000', 'error', { entry }, `the coordinate system ${crs.name} is on the ${en} datum, not CGCS2000; transform the layer to CGCS2000 (e.g. EPSG:4526) with the registered parameters and export it again`, `坐标系${crs.name}为${zh}，不是2000国家大地坐标系（CGCS2000）；请用登记的转换参数转换为CGCS2000（如EPSG:4526）后重新导出`));
    return undefined;
  }
  if (crs.epsg === undefined) {
    findings.push(finding(file, 'SHP_PRJ_UNKNOWN', 'warning', { entry }, `the coordinate system "${crs.name}" is not a recognised CGCS2000 zone; state the CRS with the upload (e.g. EPSG:4526)`, `无法识别坐标系“${crs.name}”为CGCS2000分带；请在上传时指明坐标系（如EPSG:4526）`));
  }
  return crs.epsg;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** A GeoJSON feature of the shapefile package (x = easting, y = northing) → a plot; a record without a polygon → warning. */
function toPlot(feature: GeoJSON.Feature, record: number, file: string, findings: Finding[]): DeliveryPlot | undefined {
  const attributes = Object.fromEntries(Object.entries(feature.properties ?? {}).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v).trim()]));
  const field = (candidates: string[]) => candidates.map((c) => Object.keys(attributes).find((k) => k.toLowerCase() === c && attributes[k] !== '')).find(Boolean);
  const plotField = field(PLOT_FIELDS);
  const plotNo = plotField ? attributes[plotField] : String(record);
  const parcelField = field(PARCEL_FIELDS);
  const parcelCode = parcelField && PARCEL_CODE.test(attributes[parcelField]) ? attributes[parcelField] : undefined;
  const geometry = feature.geometry;
  if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
    findings.push(finding(file, 'SHP_RECORD_WITHOUT_POLYGON', 'warning', { record }, `record ${record} (plot ${plotNo}) has no polygon and was skipped; draw its boundary or delete the record`, `第${record}条记录（地块${plotNo}）没有面几何，已跳过；请绘制其范围或删除该记录`));
    return undefined;
  }
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let n = 0;
  const parts: DeliveryPart[] = polygons.map((rings, p) => ({
    partNo: p + 1,
    rings: rings.map((ring, r) => {
      const first = ring[0], last = ring[ring.length - 1];
      const closed = ring.length > 1 && first[0] === last[0] && first[1] === last[1];
      return { ringNo: r + 1, closed, points: (closed ? ring.slice(0, -1) : ring).map((c) => ({ pointNo: `J${++n}`, x: c[1], y: c[0], line: record })) };
    }),
  }));
  return { plotNo, line: record, ...(parcelCode ? { parcelCode } : {}), attributes, parts };
}
