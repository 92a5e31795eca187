// CASS-style DXF boundaries: closed polylines into plots with holes, point numbers, 宗地代码, findings, round trips and GDAL.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Delivery, DeliveryPlot, ReadResult } from '../../server/formats/delivery';
import { polygonPlaneArea } from '../../server/domain/plane-area';
import { readDxf, writeDxf } from '../../server/formats/dxf.format';

const fixture = () => new Uint8Array(fs.readFileSync(path.join(__dirname, '../fixtures/formats/dxf/cass-two-parcels.dxf')));
const utf8 = (text: string) => new TextEncoder().encode(text);
const delivery = (r: ReadResult): Delivery => {
  if (!r.ok) throw new Error(r.findings.map((f) => f.message).join('\n'));
  return r.delivery;
};
const area = (plot: DeliveryPlot) => plot.parts.reduce((s, part) => s + polygonPlaneArea(part.rings.map((r) => [...r.points, r.points[0]].map((p) => [p.y, p.x]))), 0);
const numbers = (plot: DeliveryPlot) => plot.parts.map((part) => part.rings.map((r) => r.points.map((p) => p.pointNo).join(' ')));
/** A minimal DXF of group pairs (ENTITIES only), as some exporters write. */
const dxf = (groups: Array<[number, string | number]>) => utf8([[0, 'SECTION'], [2, 'ENTITIES'], ...groups, [0, 'ENDSEC'], [0, 'EOF']].map(([c, v]) => `${c}\n${v}`).join('\n') + '\n');
const lw = (handle: string, layer: string, closed: number, coords: number[][]): Array<[number, string | number]> =>
  [[0, 'LWPOLYLINE'], [5, handle], [8, layer], [90, coords.length], [70, closed], ...coords.flatMap(([e, n]): Array<[number, number]> => [[10, e], [20, n]])];
const SQUARE = [[38430800, 3899300], [38430860, 3899300], [38430860, 3899260], [38430800, 3899260]];

describe('the CASS-like fixture with two parcels, one with a hole', () => {
  const d = delivery(readDxf(fixture(), 'cass.dxf'));

  it('reads the sample parcel as one plot of 2300 m² with its hole, named by its 宗地代码', () => {
    expect(d).toMatchObject({ format: 'dxf', encoding: 'gb18030', epsg: 4526 });
    const plot = d.plots[0];
    expect(plot).toMatchObject({ plotNo: '410883001004GB90001', parcelCode: '410883001004GB90001', attributes: { layer: 'JZX' } });
    expect(plot.parts[0].rings.map((r) => [r.ringNo, r.closed])).toEqual([[1, true], [2, true]]);
    expect(area(plot)).toBe(2300);
  });

  it('takes point numbers from the TEXT next to each vertex, also for the hole drawn as a POLYLINE closed by its last vertex', () => {
    expect(numbers(d.plots[0])).toEqual([['J1 J2 J3 J4', 'J5 J6 J7 J8']]);
    expect(numbers(d.plots[1])).toEqual([['J2 J9 J10 J3']]);
    expect(d.plots[0].parts[0].rings[0].points[1]).toMatchObject({ x: 3899300, y: 38430860, xText: '3899300.000', yText: '38430860.000' });
  });

  it('reads the neighbouring parcel as a second plot of 1600 m² without a 宗地代码', () => {
    expect(d.plots).toHaveLength(2);
    expect(d.plots[1]).toMatchObject({ plotNo: '2' });
    expect(d.plots[1].parcelCode).toBeUndefined();
    expect(area(d.plots[1])).toBe(1600);
  });

  it('warns about the open road line, naming its handle and layer, and does not read it as a boundary', () => {
    expect(d.findings.map((f) => f.code)).toEqual(['DXF_POLYLINE_NOT_CLOSED']);
    expect(d.findings[0].message).toMatch(/^cass\.dxf, line \d+, entity 2A9, layer DLSS: a polyline of 2 vertices is not closed/);
    expect(d.findings[0].messageZh).toContain('图层DLSS');
  });
});

it('numbers vertices J1, J2… when no text stands near them, and says so', () => {
  const d = delivery(readDxf(dxf(lw('A1', '0', 1, SQUARE)), 'bare.dxf'));
  expect(numbers(d.plots[0])).toEqual([['J1 J2 J3 J4']]);
  expect(d.findings[0]).toMatchObject({ code: 'DXF_POINT_NUMBERS_GENERATED', severity: 'warning', plot: '1' });
  expect(d.plots[0].attributes.layer).toBe('0');
});

it('ignores texts farther than 1.5 m from a vertex', () => {
  const far: Array<[number, string | number]> = [[0, 'TEXT'], [8, 'JZD'], [10, 38430802], [20, 3899300], [40, 1], [1, 'K1']];
  const near: Array<[number, string | number]> = [[0, 'TEXT'], [8, 'JZD'], [10, 38430861], [20, 3899301], [40, 1], [1, 'K2']];
  const d = delivery(readDxf(dxf([...lw('A1', '0', 1, SQUARE), ...far, ...near]), 'labels.dxf'));
  expect(numbers(d.plots[0])).toEqual([['J1 K2 J2 J3']]);
});

it('reads a 宗地代码 written as MTEXT and leaves the CRS open without zone-prefixed eastings', () => {
  const unprefixed = SQUARE.map(([e, n]) => [e - 38_000_000, n]);
  const mtext: Array<[number, string | number]> = [[0, 'MTEXT'], [8, 'ZDDM'], [10, 430830], [20, 3899280], [1, '{\\fSimSun;410883001004GB90001}']];
  const d = delivery(readDxf(dxf([...lw('A1', '0', 1, unprefixed), ...mtext]), 'mtext.dxf'));
  expect(d.plots[0].parcelCode).toBe('410883001004GB90001');
  expect(d.epsg).toBeNull();
});

it('refuses a drawing without any closed polyline', () => {
  const r = readDxf(dxf(lw('B2', 'JZX', 0, SQUARE)), 'open.dxf');
  expect(r.ok).toBe(false);
  expect(!r.ok && r.findings.map((f) => f.code)).toEqual(['DXF_POLYLINE_NOT_CLOSED', 'DXF_NO_BOUNDARIES']);
});

it('refuses a binary DXF and a file that is not DXF, asking for an ASCII DXF', () => {
  const binary = readDxf(new Uint8Array([...utf8('AutoCAD Binary DXF\r\n'), 0x1a, 0]), 'bin.dxf');
  const text = readDxf(utf8('这不是图形文件\n'), 'notes.dxf');
  for (const r of [binary, text]) {
    expect(r.ok).toBe(false);
    expect(!r.ok && r.findings[0]).toMatchObject({ code: 'DXF_UNREADABLE', severity: 'error', file: expect.stringMatching(/\.dxf$/) });
    expect(!r.ok && r.findings[0].message).toContain('ASCII DXF');
  }
});

it('writes plots that read back as the same plots, points and digits', () => {
  const original = delivery(readDxf(fixture(), 'cass.dxf'));
  const again = delivery(readDxf(writeDxf(original.plots), 'out.dxf'));
  expect(again.findings).toEqual([]);
  const strip = (plots: DeliveryPlot[]) => plots.map((p) => ({ plotNo: p.plotNo, parcelCode: p.parcelCode, rings: p.parts.flatMap((part) => part.rings.map((r) => [r.ringNo, r.closed, r.points.map((pt) => `${pt.pointNo} ${pt.xText} ${pt.yText}`)])) }));
  expect(strip(again.plots)).toEqual(strip(original.plots));
  expect(again.plots.map(area)).toEqual([2300, 1600]);
});

it('keeps the digits of a point as written, e.g. two decimals', () => {
  const plot: DeliveryPlot = { plotNo: 'P1', attributes: {}, parts: [{ partNo: 1, rings: [{ ringNo: 1, closed: true, points: SQUARE.map(([e, n], i) => ({ pointNo: `J${i + 1}`, x: n, y: e, xText: n.toFixed(2), yText: e.toFixed(2) })) }] }] };
  const again = delivery(readDxf(writeDxf([plot]), 'two-decimals.dxf'));
  expect(again.plots[0].plotNo).toBe('P1');
  expect(again.plots[0].parts[0].rings[0].points[0]).toMatchObject({ pointNo: 'J1', xText: '3899300.00', yText: '38430800.00' });
});

describe('GDAL reading a written DXF', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxf-'));
  const file = path.join(dir, 'plots.dxf');
  afterAll(() => fs.rmSync(dir, { recursive: true }));

  it('sees the closed JZX polylines as closed lines and the JZD point numbers as texts (needs gdal-bin)', () => {
    let version = '';
    try {
      version = execFileSync('ogrinfo', ['--version'], { encoding: 'utf8' });
    } catch {
      throw new Error('ogrinfo was not found: install gdal-bin (apt-get install gdal-bin) to check that GDAL reads the DXF the hub writes');
    }
    expect(version).toMatch(/GDAL/);
    fs.writeFileSync(file, writeDxf(delivery(readDxf(fixture(), 'cass.dxf')).plots));
    const summary = execFileSync('ogrinfo', ['-al', '-so', file], { encoding: 'utf8' });
    // 3 rings + 12 point numbers (4 + 4 + 4) + 2 plot numbers + 1 宗地代码
    expect(summary).toMatch(/Feature Count: 18/);
    expect(summary).toMatch(/Extent: \(38430800\.0+, 3899260\.0+\)/);
    // GDAL 3.6 gives closed LWPOLYLINEs as closed LINESTRINGs (first vertex repeated)
    const features = execFileSync('ogrinfo', ['-al', file], { encoding: 'utf8' });
    expect(features.match(/^\s*LINESTRING/gm)).toHaveLength(3);
    expect(features).toContain('LINESTRING (38430800 3899300,38430860 3899300,38430860 3899260,38430800 3899260,38430800 3899300)');
    expect(features).toMatch(/Layer \(String\) = JZD/);
    expect(features).toMatch(/Text \(String\) = 410883001004GB90001/);
  });
});
