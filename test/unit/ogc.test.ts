// Pure parts of the OGC API and GIS files: CRS URIs and axis order, bboxes in a zone, datetime intervals, the tile
// cache's bound, the GeoPackage geometry header.
import { bboxIn4490, CRS84, parseCrs } from '../../server/ogc/ogc-crs';
import { parseDatetime } from '../../server/ogc/item-query';
import { TileCache } from '../../server/ogc/tile-cache';
import { toGpkgBlob, toWkb } from '../../server/formats/wkb.format';

it('reads CRS84, EPSG:4490 (lat/lon) and the CGCS2000 3° zones (north/east), and refuses others naming the choices', () => {
  expect(parseCrs(undefined, 'crs')).toEqual({ uri: CRS84, epsg: 4490, flip: false });
  expect(parseCrs('http://www.opengis.net/def/crs/EPSG/0/4490', 'crs')).toMatchObject({ epsg: 4490, flip: true });
  expect(parseCrs('[EPSG:4526]', 'crs')).toEqual({ uri: 'http://www.opengis.net/def/crs/EPSG/0/4526', epsg: 4526, flip: true });
  expect(parseCrs('EPSG:4554', 'bbox-crs').epsg).toBe(4554);
  expect(() => parseCrs('EPSG:4512', 'crs')).toThrow(/CRS84, EPSG:4490.*4513–4554/);
});

it('takes a bbox in the axis order of its CRS: lat/lon for EPSG:4490, north/east for a zone', () => {
  expect(bboxIn4490('35.2,113.2,35.3,113.3', parseCrs('EPSG:4490', 'bbox-crs'))).toEqual([113.2, 35.2, 113.3, 35.3]);
  // DOMAIN.md §4: 113.24°E 35.22°N is X 3 899 264.94, Y 38 430 806.51 in EPSG:4526.
  const [minLon, minLat, maxLon, maxLat] = bboxIn4490('3899264.94,38430806.51,3899265.94,38430807.51', parseCrs('EPSG:4526', 'bbox-crs'));
  expect(minLon).toBeCloseTo(113.24, 6);
  expect(minLat).toBeCloseTo(35.22, 6);
  expect(maxLon - minLon).toBeGreaterThan(0);
  expect(maxLat - minLat).toBeGreaterThan(0);
  expect(() => bboxIn4490('1,2,3', parseCrs(undefined, 'bbox-crs'))).toThrow(/four numbers/);
});

it('reads datetime as an instant, a whole day or an interval with open ends', () => {
  expect(parseDatetime('2026-05-01T08:00:00Z')).toEqual({ from: '2026-05-01T08:00:00.000Z', to: '2026-05-01T08:00:00.000Z' });
  expect(parseDatetime('2026-05-01')).toEqual({ from: '2026-05-01T00:00:00.000Z', to: '2026-05-01T23:59:59.999Z' });
  expect(parseDatetime('../2026-05-01T00:00:00Z')).toEqual({ from: null, to: '2026-05-01T00:00:00.000Z' });
  expect(() => parseDatetime('2026-05-02/2026-05-01')).toThrow(/ends before it starts/);
  expect(() => parseDatetime('yesterday')).toThrow(/RFC 3339/);
});

it('keeps the tile cache under its byte bound, least recently used out, and serves a tile only under its own ETag', () => {
  const cache = new TileCache(10);
  cache.set('a', { etag: '"1"', bytes: Buffer.alloc(4) });
  cache.set('b', { etag: '"1"', bytes: Buffer.alloc(4) });
  expect(cache.get('a', '"1"')).toBeDefined(); // a is now the most recent
  cache.set('c', { etag: '"1"', bytes: Buffer.alloc(4) });
  expect(cache.get('b', '"1"')).toBeUndefined();
  expect(cache.get('a', '"2"')).toBeUndefined();
  expect(cache.size).toEqual({ tiles: 2, bytes: 8 });
  cache.set('huge', { etag: '"1"', bytes: Buffer.alloc(11) });
  expect(cache.size.tiles).toBe(2);
});

it('writes ISO WKB and the GeoPackage header with the srs id and xy envelope', () => {
  const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [2, 0], [2, 1], [0, 1], [0, 0]]] };
  const wkb = toWkb(square);
  expect([wkb.readUInt8(0), wkb.readUInt32LE(1), wkb.readUInt32LE(5), wkb.readUInt32LE(9)]).toEqual([1, 3, 1, 5]);
  const blob = toGpkgBlob(square, 4526);
  expect(blob.subarray(0, 2).toString()).toBe('GP');
  expect(blob.readInt32LE(4)).toBe(4526);
  expect([0, 1, 2, 3].map((i) => blob.readDoubleLE(8 + 8 * i))).toEqual([0, 2, 0, 1]); // minx, maxx, miny, maxy
  expect(blob.subarray(40).equals(wkb)).toBe(true);
});
