// The checks of one plot of a staged bulk import that need no database (rings, 点号 numbering, 界址点数, 宗地代码 and
// county), run in the parse worker while the file streams; its polygon as WKT and its 界址点 as they will be stored.
import type { StreamedPlot } from '../formats/txt-exchange.stream';

/** A finding of the staged path: where (plot position in the file, line), stable code, severity, English and 中文. */
export interface StagedFinding {
  plotNo: number | null;
  line: number;
  code: string;
  severity: 'error' | 'warning';
  en: string;
  zh: string;
}

/** A 界址点 as stored: ring, order in the ring, the digits as written (the closing point not repeated). */
export interface StagedPoint {
  ringNo: number;
  seq: number;
  pointNo: string;
  x: string;
  y: string;
  line: number;
}

/** One plot checked: its findings, its polygon (x = easting Y, y = northing X) when its rings make one, its 界址点. */
export interface CheckedPlot {
  findings: StagedFinding[];
  wkt: string | null;
  points: StagedPoint[];
}

const CODE = /^[0-9]{12}[GJZ][A-Z][0-9]{5}$/;

/** The rings of a plot in 圈号 order, each with its points in file order (the closing point still in). */
function ringsOf(plot: StreamedPlot): [number, StreamedPlot['points']][] {
  const rings = new Map<number, StreamedPlot['points']>();
  for (const p of plot.points) {
    const ring = rings.get(p.ring);
    if (ring) ring.push(p);
    else rings.set(p.ring, [p]);
  }
  return [...rings.entries()].sort((a, b) => a[0] - b[0]);
}

/** 宗地代码 written as 地块编号: missing, malformed, unknown county, outside the importer's counties (`scope`, null: any). */
function codeFindings(plot: StreamedPlot, counties: ReadonlySet<string>, scope: ReadonlySet<string> | null): StagedFinding[] {
  const at = { plotNo: plot.plotNo, line: plot.line, severity: 'error' as const };
  const code = plot.label;
  const found: StagedFinding[] = [];
  if (code === '') return [{ ...at, code: 'PARCEL_CODE_MISSING', en: '地块编号 is empty: write the plot\'s 宗地代码 there', zh: '地块编号为空：请填写该地块的宗地代码' }];
  const county = code.slice(0, 6);
  if (!CODE.test(code)) {
    found.push({ ...at, code: 'PARCEL_CODE_INVALID', en: `地块编号 ${code} is not a 19-character 宗地代码 (county, 地籍区, 地籍子区, two letters, 5-digit sequence)`, zh: `地块编号${code}不是19位宗地代码（县级代码、地籍区、地籍子区、两位字母、5位顺序号）` });
  } else if (!counties.has(county)) {
    found.push({ ...at, code: 'PARCEL_CODE_COUNTY_UNKNOWN', en: `宗地代码 ${code} starts with ${county}, which is not a county of GB/T 2260`, zh: `宗地代码${code}的前6位${county}不是GB/T 2260中的县级行政区` });
  }
  if (scope && /^[0-9]{12}/.test(code) && !scope.has(county)) {
    found.push({ ...at, code: 'COUNTY_OUT_OF_SCOPE', en: `宗地代码 ${code} lies in county ${county}, outside the counties you may work on`, zh: `宗地代码${code}属于${county}，不在您可处理的县区范围内` });
  }
  return found;
}

/** Rings not closed or too short, 点号 used for two positions, 界址点数 unlike the points written, no points at all. */
function ringFindings(plot: StreamedPlot, rings: [number, StreamedPlot['points']][]): StagedFinding[] {
  const found: StagedFinding[] = [];
  if (!plot.points.length) return [{ plotNo: plot.plotNo, line: plot.line, code: 'PLOT_WITHOUT_POINTS', severity: 'error', en: 'the plot line has no point lines under it', zh: '地块行下没有界址点行' }];
  for (const [ringNo, points] of rings) {
    const first = points[0], last = points[points.length - 1];
    if (points.length < 4 || first.x !== last.x || first.y !== last.y) {
      found.push({ plotNo: plot.plotNo, line: Math.min(...points.map((p) => p.line)), code: 'TXT_RING_NOT_CLOSED', severity: 'error',
        en: `ring ${ringNo} does not end on its first point ${first.pointNo}: repeat the first point at the end`, zh: `圈号${ringNo}未闭合：请在末尾重复首点${first.pointNo}` });
    }
  }
  const positions = new Map<string, { at: Set<string>; line: number }>();
  for (const p of plot.points) {
    const seen = positions.get(p.pointNo) ?? { at: new Set<string>(), line: p.line };
    seen.at.add(`${p.x},${p.y}`);
    seen.line = Math.min(seen.line, p.line);
    positions.set(p.pointNo, seen);
  }
  for (const [pointNo, { at, line }] of positions) {
    if (at.size > 1) found.push({ plotNo: plot.plotNo, line, code: 'POINT_NO_DUPLICATE', severity: 'error',
      en: `点号 ${pointNo} is used for ${at.size} different positions in this plot: number each 界址点 once`, zh: `点号${pointNo}在本地块中对应${at.size}个不同位置：每个界址点只编一个号` });
  }
  const n = plot.points.length;
  if (/^[0-9]+$/.test(plot.pointCount) && Number(plot.pointCount) !== n && Number(plot.pointCount) !== n - rings.length) {
    found.push({ plotNo: plot.plotNo, line: plot.line, code: 'POINT_COUNT_MISMATCH', severity: 'warning',
      en: `界址点数 is ${plot.pointCount} but the plot has ${n} points (${n - rings.length} without closing points)`, zh: `界址点数写为${plot.pointCount}，实有${n}个点（不含闭合点${n - rings.length}个）` });
  }
  return found;
}

const coordinate = (digits: string) => digits.replace(/^\+/, '');

/** Checks one streamed plot; `counties`: the county codes of GB/T 2260; `scope`: the importer's counties, null for any. */
export function checkStagedPlot(plot: StreamedPlot, counties: ReadonlySet<string>, scope: ReadonlySet<string> | null): CheckedPlot {
  const rings = ringsOf(plot);
  const findings = [...ringFindings(plot, rings), ...codeFindings(plot, counties, scope)];
  // Closed rings of at least 4 points make a polygon when there is a 圈号 1 (validity is PostGIS's check).
  const sound = plot.points.length > 0 && !findings.some((f) => f.code === 'TXT_RING_NOT_CLOSED');
  const wkt = sound && rings[0][0] === 1
    ? `POLYGON(${rings.map(([, points]) => `(${points.map((p) => `${coordinate(p.y)} ${coordinate(p.x)}`).join(',')})`).join(',')})`
    : null;
  if (sound && !wkt && !findings.some((f) => f.severity === 'error')) {
    findings.push({ plotNo: plot.plotNo, line: plot.line, code: 'GEOMETRY_MISSING', severity: 'error', en: 'no polygon could be made of the plot\'s points: it needs a closed 圈号 1 of at least 4 points', zh: '无法由该地块的界址点构成多边形：需要至少4个点且闭合的圈号1' });
  }
  const points: StagedPoint[] = [];
  for (const [ringNo, ring] of rings) {
    // The closing point is not stored (rings with an error store nothing: the file is refused).
    ring.slice(0, -1).forEach((p, i) => points.push({ ringNo, seq: i + 1, pointNo: p.pointNo, x: p.x, y: p.y, line: p.line }));
  }
  return { findings, wkt, points };
}
