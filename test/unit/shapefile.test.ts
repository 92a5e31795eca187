// Zipped shapefiles of plots: GBK attributes, CRS from the .prj, datum and zip-bomb refusals, missing and damaged files.
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import type { Delivery, DeliveryPlot, ReadResult } from '../../server/formats/delivery';
import { polygonPlaneArea } from '../../server/domain/plane-area';
import { dbfEncoding, epsgFromPrj, readShapefileZip } from '../../server/formats/shapefile.format';
import { lyingZip } from '../support/lying-zip';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(__dirname, '../fixtures/formats/shp', name)));
const delivery = (r: ReadResult): Delivery => {
  if (!r.ok) throw new Error(r.findings.map((f) => f.message).join('\n'));
  return r.delivery;
};
const codes = (r: ReadResult) => (r.ok ? r.delivery.findings : r.findings).map((f) => f.code);
const area = (plot: DeliveryPlot) => plot.parts.reduce((s, part) => s + polygonPlaneArea(part.rings.map((r) => [...r.points, r.points[0]].map((p) => [p.y, p.x]))), 0);
/** The sample zip's entries, to rebuild variants of it. */
const entries = () => unzipSync(fixture('plots-4526-gbk.zip'));

it('reads the ogr2ogr shapefile in EPSG:4526 with GBK attributes: 地块1 of 2300 m² with its hole and 宗地代码', async () => {
  const d = delivery(await readShapefileZip(fixture('plots-4526-gbk.zip'), 'plots.zip'));
  expect(d).toMatchObject({ format: 'shp', epsg: 4526, encoding: 'gbk', findings: [] });
  expect(d.plots.map((p) => p.plotNo)).toEqual(['地块1', '地块2']);
  const [plot1, plot2] = d.plots;
  expect(plot1).toMatchObject({ parcelCode: '410883001004GB90001', attributes: { 地块编号: '地块1', 用途: '住宅用地', ZDDM: '410883001004GB90001' } });
  expect(plot1.parts[0].rings.map((r) => [r.ringNo, r.closed, r.points.length])).toEqual([[1, true, 4], [2, true, 4]]);
  expect(plot1.parts[0].rings[0].points[0]).toMatchObject({ pointNo: 'J1', x: 3899300, y: 38430800 });
  expect(area(plot1)).toBe(2300);
  expect(plot2.parcelCode).toBeUndefined();
  expect(area(plot2)).toBe(1600);
});

it('refuses a layer on the Xian 1980 datum, saying it is not CGCS2000', async () => {
  const r = await readShapefileZip(fixture('plots-xian80.zip'), 'xian.zip');
  expect(r.ok).toBe(false);
  const f = !r.ok ? r.findings[0] : undefined;
  expect(f).toMatchObject({ code: 'SHP_DATUM_NOT_CGCS2000', severity: 'error' });
  expect(f?.message).toContain('Xian_1980_3_Degree_GK_CM_114E is on the Xian 1980 datum, not CGCS2000');
  expect(f?.messageZh).toContain('1980西安坐标系');
});

it('refuses a zip bomb before inflating it, naming the entry and its sizes', async () => {
  const r = await readShapefileZip(fixture('bomb.zip'), 'bomb.zip');
  expect(codes(r)).toEqual(['SHP_ZIP_TOO_LARGE']);
  expect(!r.ok && r.findings[0].message).toMatch(/^bomb\.zip, plots\.shp: plots\.shp expands to 210\.0 MB .* over the limit of 200\.0 MB/);
});

it('refuses a zip that declares a small entry but holds a large one, stopping the inflation at the limit', async () => {
  const limit = 8 * 1024 * 1024;
  const r = await readShapefileZip(lyingZip(64 * 1024 * 1024), 'liar.zip', { maxEntries: 50, maxUncompressedBytes: limit });
  expect(codes(r)).toEqual(['SHP_ZIP_TOO_LARGE']);
  const message = !r.ok ? r.findings[0].message : '';
  expect(message).toMatch(/^liar\.zip, plots\.shp: plots\.shp expands to more than its declared 0\.0 MB: unpacking stopped at [\d.]+ MB, over the limit of 8\.0 MB/);
  // Stopped within one feed step (≤ ~16.5 MB) beyond the limit, nowhere near the 64 MB the entry holds.
  const stoppedAt = Number(/stopped at ([\d.]+) MB/.exec(message)![1]);
  expect(stoppedAt).toBeGreaterThan(8);
  expect(stoppedAt).toBeLessThan(8 + 17);
});

it('reads a zip whose entries inflate to exactly what they declare, within the limit', async () => {
  const r = await readShapefileZip(fixture('plots-4526-gbk.zip'), 'plots.zip', { maxEntries: 50, maxUncompressedBytes: 1e6 });
  expect(delivery(r).plots).toHaveLength(2);
});

it('refuses a zip with more entries than allowed', async () => {
  const r = await readShapefileZip(fixture('plots-4526-gbk.zip'), 'plots.zip', { maxEntries: 3, maxUncompressedBytes: 1e6 });
  expect(codes(r)).toEqual(['SHP_ZIP_TOO_MANY_ENTRIES']);
});

it('refuses a file that is not a zip and a damaged zip', async () => {
  expect(codes(await readShapefileZip(new TextEncoder().encode('not a zip'), 'plots.shp'))).toEqual(['SHP_NOT_A_ZIP']);
  expect(codes(await readShapefileZip(fixture('plots-4526-gbk.zip').subarray(0, 300), 'cut.zip'))).toEqual(['SHP_ZIP_UNREADABLE']);
});

it('asks for the .dbf or the .shp when the zip lacks it, and refuses several layers in one zip', async () => {
  const { 'plots.dbf': _dbf, ...noDbf } = entries();
  const { 'plots.shp': _shp, ...noShp } = entries();
  const all = entries();
  const two = { ...all, ...Object.fromEntries(Object.entries(all).map(([k, v]) => [k.replace('plots', 'roads'), v])) };
  const noDbfResult = await readShapefileZip(zipSync(noDbf), 'a.zip');
  expect(codes(noDbfResult)).toEqual(['SHP_DBF_MISSING']);
  expect(!noDbfResult.ok && noDbfResult.findings[0].message).toContain('plots.dbf is missing');
  expect(codes(await readShapefileZip(zipSync(noShp), 'b.zip'))).toEqual(['SHP_SHP_MISSING']);
  const several = await readShapefileZip(zipSync(two), 'c.zip');
  expect(codes(several)).toEqual(['SHP_SEVERAL_LAYERS']);
  expect(!several.ok && several.findings[0].message).toContain('one layer per zip');
});

it('says a .shp is truncated when fewer bytes arrived than its header declares', async () => {
  const all = entries();
  const r = await readShapefileZip(zipSync({ ...all, 'plots.shp': all['plots.shp'].subarray(0, 200) }), 'cut.zip');
  expect(codes(r)).toEqual(['SHP_FILE_TRUNCATED']);
  expect(!r.ok && r.findings[0].message).toMatch(/plots\.shp is truncated: its header says \d+ bytes but 200 arrived/);
});

it('reads a layer without .prj with the CRS left to the request, and without .cpg as GBK', async () => {
  const { 'plots.prj': _prj, 'plots.cpg': _cpg, ...rest } = entries();
  const d = delivery(await readShapefileZip(zipSync(rest), 'noprj.zip'));
  expect(d).toMatchObject({ epsg: null, encoding: 'gbk' });
  expect(d.findings.map((f) => f.code)).toEqual(['SHP_PRJ_MISSING']);
  expect(d.plots[0].attributes['用途']).toBe('住宅用地');
});

it('takes the EPSG code from AUTHORITY or from the ESRI projection name', () => {
  expect(epsgFromPrj('PROJCS["CGCS2000 / 3-degree Gauss-Kruger zone 38",GEOGCS["China Geodetic Coordinate System 2000",AUTHORITY["EPSG","4490"]],AUTHORITY["EPSG","4526"]]').epsg).toBe(4526);
  expect(epsgFromPrj('PROJCS["CGCS2000_3_Degree_GK_Zone_38",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]]').epsg).toBe(4526);
  expect(epsgFromPrj('PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]]').epsg).toBe(4547);
  expect(epsgFromPrj('PROJCS["CGCS2000_6_Degree_GK_Zone_20",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]]').epsg).toBe(4498);
  expect(epsgFromPrj('PROJCS["CGCS2000_6_Degree_GK_CM_117E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]]').epsg).toBe(4509);
  expect(epsgFromPrj('GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000"]]').epsg).toBe(4490);
  expect(epsgFromPrj('PROJCS["Beijing_1954_3_Degree_GK_CM_114E",GEOGCS["GCS_Beijing_1954"]]').datum).toBe('beijing54');
});

it('reads the DBF encoding from .cpg names as GIS tools write them', () => {
  expect(['UTF-8', 'utf8', 'GBK', '936', 'ANSI 936', 'CP936', 'GB18030', '', undefined].map((c) => dbfEncoding(c))).toEqual(['utf-8', 'utf-8', 'gbk', 'gbk', 'gbk', 'gbk', 'gb18030', 'gbk', 'gbk']);
});
