// Boundary-point CSV tables: Chinese and English headers, encodings, separators, findings, and write → read round trips.
import fs from 'node:fs';
import path from 'node:path';
import * as iconv from 'iconv-lite';
import type { Delivery, DeliveryPlot, ReadResult } from '../../server/formats/delivery';
import { polygonPlaneArea } from '../../server/domain/plane-area';
import { readCsvPoints, writeCsvPoints } from '../../server/formats/csv-points.format';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(__dirname, '../fixtures/formats/csv', name)));
const utf8 = (text: string) => new TextEncoder().encode(text);
const delivery = (r: ReadResult): Delivery => {
  if (!r.ok) throw new Error(r.findings.map((f) => f.message).join('\n'));
  return r.delivery;
};
const area = (plot: DeliveryPlot) => plot.parts.reduce((s, part) => s + polygonPlaneArea(part.rings.map((r) => [...r.points, r.points[0]].map((p) => [p.y, p.x]))), 0);
const failures = (r: ReadResult) => (r.ok ? [] : r.findings);

it('reads the sample plot from a GBK table with a Chinese header: 2300 m², hole as ring 2, digits kept', () => {
  const d = delivery(readCsvPoints(fixture('points-zh-gbk.csv'), 'points-zh-gbk.csv'));
  expect(d).toMatchObject({ format: 'csv', encoding: 'gb18030', epsg: null });
  expect(d.plots.map((p) => p.plotNo)).toEqual(['地块1', '地块2']);
  const [plot1, plot2] = d.plots;
  expect(plot1.parts).toHaveLength(1);
  expect(plot1.parts[0].rings.map((r) => [r.ringNo, r.closed, r.points.map((p) => p.pointNo).join(' ')])).toEqual([[1, true, 'J1 J2 J3 J4'], [2, true, 'J5 J6 J7 J8']]);
  expect(plot1.parts[0].rings[0].points[0]).toEqual({ pointNo: 'J1', x: 3899300, y: 38430800, line: 2, xText: '3899300.000', yText: '38430800.000' });
  expect(area(plot1)).toBe(2300);
  expect(area(plot2)).toBe(1600);
});

it('reads an English, semicolon-separated UTF-8 table with quoted fields and rings that are not closed', () => {
  const d = delivery(readCsvPoints(fixture('points-en-utf8.csv'), 'points-en-utf8.csv'));
  expect(d.encoding).toBe('utf-8');
  expect(d.plots.map((p) => p.plotNo)).toEqual(['A 1']);
  expect(d.plots[0].parts[0].rings.map((r) => r.closed)).toEqual([false, false]);
  expect(area(d.plots[0])).toBe(2300);
});

it('reads a tab-separated table without 圈号, numbering a new ring after each closure', () => {
  const rows = ['点号\t北坐标\t东坐标', 'J1\t3899300\t38430800', 'J2\t3899300\t38430860', 'J3\t3899260\t38430860', 'J4\t3899260\t38430800', 'J1\t3899300\t38430800',
    'J5\t3899290\t38430810', 'J6\t3899290\t38430820', 'J7\t3899280\t38430820', 'J8\t3899280\t38430810', 'J5\t3899290\t38430810'];
  const d = delivery(readCsvPoints(utf8(rows.join('\n')), 'tab.txt'));
  expect(d.plots[0].plotNo).toBe('1');
  expect(d.plots[0].parts[0].rings.map((r) => r.ringNo)).toEqual([1, 2]);
  expect(area(d.plots[0])).toBe(2300);
});

it('says which column is missing from the header and which names it accepts', () => {
  const [f] = failures(readCsvPoints(utf8('点号,圈号,X\nJ1,1,3899300\n'), 'no-y.csv'));
  expect(f).toMatchObject({ code: 'CSV_COLUMN_MISSING', severity: 'error', line: 1 });
  expect(f.message).toContain('no-y.csv, line 1: the header has no Y (东坐标) column');
  expect(f.messageZh).toContain('表头缺少Y (东坐标)列');
});

it('names the line and column of a coordinate that is not a number', () => {
  const [f] = failures(readCsvPoints(utf8('点号,圈号,X,Y\nJ1,1,3899300,38430800\nJ2,1,3899300,3843O860\nJ3,1,3899260,38430860\n'), 'typo.csv'));
  expect(f).toMatchObject({ code: 'CSV_NUMBER_UNREADABLE', line: 3 });
  expect(f.message).toBe('typo.csv, line 3, column Y, plot 1: "3843O860" is not a number of metres; correct the cell');
  expect(f.messageZh).toContain('typo.csv，第3行，列“Y”');
});

it('names the line of a 圈号 that is not a whole number', () => {
  const [f] = failures(readCsvPoints(utf8('点号,圈号,X,Y\nJ1,一,3899300,38430800\n'), 'ring.csv'));
  expect(f).toMatchObject({ code: 'CSV_NUMBER_UNREADABLE', line: 2 });
  expect(f.message).toContain('column 圈号');
});

it('asks for a point number where 点号 is empty', () => {
  const [f] = failures(readCsvPoints(utf8('点号,X,Y\n,3899300,38430800\n'), 'nameless.csv'));
  expect(f).toMatchObject({ code: 'CSV_POINT_NUMBER_MISSING', line: 2 });
});

it('spots X and Y written the wrong way round', () => {
  const [f] = failures(readCsvPoints(utf8('点号,X,Y\nJ1,38430800.000,3899300.000\n'), 'swapped.csv'));
  expect(f).toMatchObject({ code: 'CSV_COORDINATES_SWAPPED', line: 2 });
  expect(f.message).toContain('swap the columns');
});

it('refuses a ring of fewer than three distinct points', () => {
  const [f] = failures(readCsvPoints(utf8('点号,圈号,X,Y\nJ1,1,3899300,38430800\nJ2,1,3899300,38430860\n'), 'short.csv'));
  expect(f).toMatchObject({ code: 'CSV_RING_TOO_FEW_POINTS', ring: 1, line: 2 });
});

it('reports an empty file, a header without rows and an unterminated quote', () => {
  expect(failures(readCsvPoints(new Uint8Array(), 'empty.csv'))[0].code).toBe('CSV_EMPTY');
  expect(failures(readCsvPoints(utf8('点号,X,Y\n'), 'header.csv'))[0].code).toBe('CSV_NO_POINTS');
  expect(failures(readCsvPoints(utf8('点号,X,Y\n"J1,3899300,38430800\n'), 'quote.csv'))[0]).toMatchObject({ code: 'CSV_QUOTE_UNTERMINATED', line: 2 });
});

it('writes UTF-8 with a BOM and CRLF by default, names the axes and the CRS, and reads it back as the same plots, points and digits', () => {
  const original = delivery(readCsvPoints(fixture('points-zh-gbk.csv'), 'in.csv'));
  const bytes = writeCsvPoints(original.plots, { epsg: 4526 });
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes.subarray(3));
  expect(text.split('\r\n').slice(0, 2)).toEqual(['地块编号,点号,圈号,X_northing,Y_easting,WKT,CRS', '地块1,J1,1,3899300.000,38430800.000,POINT (38430800.000 3899300.000),EPSG:4526']);
  const again = delivery(readCsvPoints(bytes, 'out.csv'));
  const strip = (plots: DeliveryPlot[]) => plots.map((p) => ({ ...p, line: undefined, parts: p.parts.map((part) => ({ ...part, rings: part.rings.map((r) => ({ ...r, points: r.points.map(({ line, ...rest }) => rest) })) })) }));
  expect(strip(again.plots)).toEqual(strip(original.plots));
});

it('writes GBK on request, keeps unclosed rings open and writes 3 decimals where no digits were kept', () => {
  const plot: DeliveryPlot = { plotNo: '地块,1', attributes: {}, parts: [{ partNo: 1, rings: [{ ringNo: 1, closed: false, points: [
    { pointNo: 'J1', x: 3899300.1, y: 38430800 }, { pointNo: 'J2', x: 3899300, y: 38430860, xText: '3899300.00', yText: '38430860.0' }, { pointNo: 'J3', x: 3899260, y: 38430860 }] }] }] };
  const bytes = writeCsvPoints([plot], { encoding: 'gbk' });
  expect(iconv.decode(Buffer.from(bytes), 'gbk')).toBe('地块编号,点号,圈号,X_northing,Y_easting,WKT,CRS\r\n"地块,1",J1,1,3899300.100,38430800.000,POINT (38430800.000 3899300.100),\r\n"地块,1",J2,1,3899300.00,38430860.0,POINT (38430860.0 3899300.00),\r\n"地块,1",J3,1,3899260.000,38430860.000,POINT (38430860.000 3899260.000),\r\n');
  const again = delivery(readCsvPoints(bytes, 'gbk.csv'));
  expect(again.plots[0].plotNo).toBe('地块,1');
  expect(again.plots[0].parts[0].rings[0].closed).toBe(false);
});
