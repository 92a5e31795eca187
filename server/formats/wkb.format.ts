// Well-known binary (ISO WKB, little-endian, 2D) of GeoJSON points and (multi)polygons, and the GeoPackage geometry
// blob around it (GPKG 1.3 §2.1.3: "GP", version, flags, srs_id, xy envelope, WKB).

type Position = number[];
export type FlatGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

class Writer {
  private chunks: Buffer[] = [];
  u8(v: number) { const b = Buffer.alloc(1); b.writeUInt8(v); this.chunks.push(b); }
  u32(v: number) { const b = Buffer.alloc(4); b.writeUInt32LE(v); this.chunks.push(b); }
  f64(v: number) { const b = Buffer.alloc(8); b.writeDoubleLE(v); this.chunks.push(b); }
  done() { return Buffer.concat(this.chunks); }
}

function polygon(w: Writer, rings: Position[][]) {
  w.u8(1); w.u32(3); w.u32(rings.length);
  for (const ring of rings) {
    w.u32(ring.length);
    for (const [x, y] of ring) { w.f64(x); w.f64(y); }
  }
}

/** The geometry as WKB (x, y as given: x = easting or longitude). */
export function toWkb(g: FlatGeometry): Buffer {
  const w = new Writer();
  if (g.type === 'Point') { w.u8(1); w.u32(1); w.f64(g.coordinates[0]); w.f64(g.coordinates[1]); }
  else if (g.type === 'Polygon') polygon(w, g.coordinates);
  else {
    w.u8(1); w.u32(6); w.u32(g.coordinates.length);
    for (const p of g.coordinates) polygon(w, p);
  }
  return w.done();
}

/** [minX, minY, maxX, maxY] of a geometry. */
export function envelope(g: FlatGeometry): [number, number, number, number] {
  const pts: Position[] = g.type === 'Point' ? [g.coordinates] : g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2);
  return [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))];
}

/** The GeoPackage geometry blob: header with srs_id and the xy envelope, then the WKB. */
export function toGpkgBlob(g: FlatGeometry, srsId: number): Buffer {
  const header = Buffer.alloc(8 + 32);
  header.write('GP', 0, 'ascii');
  header.writeUInt8(0, 2); // version 1
  header.writeUInt8(0b0000_0011, 3); // standard binary, xy envelope, little-endian
  header.writeInt32LE(srsId, 4);
  const [minX, minY, maxX, maxY] = envelope(g);
  [minX, maxX, minY, maxY].forEach((v, i) => header.writeDoubleLE(v, 8 + 8 * i));
  return Buffer.concat([header, toWkb(g)]);
}
