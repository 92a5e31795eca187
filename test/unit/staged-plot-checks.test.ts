// The staged import's checks of one plot in the parse worker: rings, 点号 numbering, 界址点数, 宗地代码 and county,
// the polygon as WKT (x = easting) and the 界址点 stored without closing points.
import { checkStagedPlot } from '../../server/quality/staged-plot.checks';
import type { StreamedPlot } from '../../server/formats/txt-exchange.stream';

const COUNTIES = new Set(['410802', '410883']);
const CODE = '410883001004GB00118';
/** A plot of 点号/X/Y triples on ring 1 unless a fourth element says otherwise; lines from 11. */
const plotOf = (points: [string, string, string, number?][], overrides: Partial<StreamedPlot> = {}): StreamedPlot => ({
  plotNo: 7, line: 10, label: CODE, declared: '0.2400', pointCount: '4',
  points: points.map(([pointNo, x, y, ring], i) => ({ pointNo, ring: ring ?? 1, x, y, line: 11 + i })), ...overrides,
});
const square: [string, string, string][] = [['J1', '3899300.000', '38430800.000'], ['J2', '3899300.000', '38430860.000'], ['J3', '3899260.000', '38430860.000'], ['J4', '3899260.000', '38430800.000'], ['J1', '3899300.000', '38430800.000']];

it('makes a clean plot a polygon with easting first and stores its 界址点 without the closing point', () => {
  const checked = checkStagedPlot(plotOf(square), COUNTIES, null);
  expect(checked.findings).toEqual([]);
  expect(checked.wkt).toBe('POLYGON((38430800.000 3899300.000,38430860.000 3899300.000,38430860.000 3899260.000,38430800.000 3899260.000,38430800.000 3899300.000))');
  expect(checked.points.map((p) => `${p.seq}:${p.pointNo}`)).toEqual(['1:J1', '2:J2', '3:J3', '4:J4']);
});

it('names a ring that does not end on its first point, at the ring\'s first line, and makes no polygon of it', () => {
  const checked = checkStagedPlot(plotOf(square.slice(0, 4)), COUNTIES, null);
  expect(checked.findings).toEqual([expect.objectContaining({ code: 'TXT_RING_NOT_CLOSED', severity: 'error', line: 11, plotNo: 7, zh: '圈号1未闭合：请在末尾重复首点J1' })]);
  expect(checked.wkt).toBeNull();
});

it('finds a 点号 used for two positions and a 界址点数 unlike the points written', () => {
  const twice = square.map(([n, x, y]): [string, string, string] => [n === 'J3' ? 'J2' : n, x, y]);
  const checked = checkStagedPlot(plotOf(twice, { pointCount: '9' }), COUNTIES, null);
  expect(checked.findings.map((f) => [f.code, f.severity, f.line])).toEqual([['POINT_NO_DUPLICATE', 'error', 12], ['POINT_COUNT_MISMATCH', 'warning', 10]]);
  expect(checked.findings[1].en).toBe('界址点数 is 9 but the plot has 5 points (4 without closing points)');
});

it('checks the 宗地代码: empty, malformed, an unknown county, a county outside the importer\'s', () => {
  const codes = (label: string, scope: string[] | null) => checkStagedPlot(plotOf(square, { label }), COUNTIES, scope ? new Set(scope) : null).findings.map((f) => f.code);
  expect(codes('', null)).toEqual(['PARCEL_CODE_MISSING']);
  expect(codes('4108021234', null)).toEqual(['PARCEL_CODE_INVALID']);
  expect(codes('410871001004GB00118', null)).toEqual(['PARCEL_CODE_COUNTY_UNKNOWN']);
  expect(codes(CODE, ['410802'])).toEqual(['COUNTY_OUT_OF_SCOPE']);
  expect(codes(CODE, ['410883'])).toEqual([]);
});

it('keeps holes as inner rings in 圈号 order and refuses a plot of holes only or of no points', () => {
  const hole: [string, string, string, number][] = [['J5', '3899290', '38430810', 2], ['J6', '3899290', '38430820', 2], ['J7', '3899280', '38430820', 2], ['J5', '3899290', '38430810', 2]];
  expect(checkStagedPlot(plotOf([...hole, ...square]), COUNTIES, null).wkt).toMatch(/^POLYGON\(\(38430800\.000 3899300\.000,.*\),\(38430810 3899290,/);
  expect(checkStagedPlot(plotOf(hole), COUNTIES, null).findings.map((f) => f.code)).toEqual(['GEOMETRY_MISSING']);
  expect(checkStagedPlot(plotOf([]), COUNTIES, null).findings.map((f) => f.code)).toEqual(['PLOT_WITHOUT_POINTS']);
});
