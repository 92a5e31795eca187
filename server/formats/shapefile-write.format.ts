// Writes ESRI shapefiles (shp, shx, dbf with UTF-8 text, .cpg saying so, .prj with the CRS) zipped, one per layer:
// the small part of the 1998 ESRI whitepaper the hub needs (points and polygons, 2D).
import { zipSync } from 'fflate';
import type { GisCrs, GisLayer } from './geopackage.format';
import type { FlatGeometry } from './wkb.format';

type Ring = number[][];

/** Twice the signed area (positive: counter-clockwise with y up). */
const signedArea2 = (ring: Ring) => ring.reduce((s, p, i) => (i ? s + (ring[i - 1][0] - ring[0][0]) * (p[1] - ring[0][1]) - (p[0] - ring[0][0]) * (ring[i - 1][1] - ring[0][1]) : 0), 0);

/** Shapefile rings: outer rings clockwise, holes counter-clockwise. */
function shapeRings(g: FlatGeometry): Ring[] {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  return polygons.flatMap((rings) => rings.map((ring, i) => ((signedArea2(ring) > 0) === (i === 0) ? [...ring].reverse() : ring)));
}

function box(points: number[][]): number[] {
  return [Math.min(...points.map((p) => p[0])), Math.min(...points.map((p) => p[1])), Math.max(...points.map((p) => p[0])), Math.max(...points.map((p) => p[1]))];
}

function header(shapeType: number, fileBytes: number, bbox: number[]): Buffer {
  const h = Buffer.alloc(100);
  h.writeInt32BE(9994, 0);
  h.writeInt32BE(fileBytes / 2, 24);
  h.writeInt32LE(1000, 28);
  h.writeInt32LE(shapeType, 32);
  bbox.forEach((v, i) => h.writeDoubleLE(v, 36 + 8 * i));
  return h;
}

function shapeContent(layer: GisLayer, g: FlatGeometry): Buffer {
  if (layer.geometryType === 'POINT') {
    const b = Buffer.alloc(20);
    b.writeInt32LE(1, 0);
    b.writeDoubleLE((g as { coordinates: number[] }).coordinates[0], 4);
    b.writeDoubleLE((g as { coordinates: number[] }).coordinates[1], 12);
    return b;
  }
  const rings = shapeRings(g);
  const points = rings.flat();
  const b = Buffer.alloc(44 + 4 * rings.length + 16 * points.length);
  b.writeInt32LE(5, 0);
  box(points).forEach((v, i) => b.writeDoubleLE(v, 4 + 8 * i));
  b.writeInt32LE(rings.length, 36);
  b.writeInt32LE(points.length, 40);
  let start = 0;
  rings.forEach((r, i) => { b.writeInt32LE(start, 44 + 4 * i); start += r.length; });
  points.forEach((p, i) => { b.writeDoubleLE(p[0], 44 + 4 * rings.length + 16 * i); b.writeDoubleLE(p[1], 52 + 4 * rings.length + 16 * i); });
  return b;
}

/** The longest prefix of `text` whose UTF-8 form fits `bytes`. */
function fit(text: string, bytes: number): Buffer {
  let t = text;
  while (Buffer.byteLength(t) > bytes) t = t.slice(0, -1);
  return Buffer.from(t);
}

function dbf(layer: GisLayer): Buffer {
  const cell = (v: unknown, type: string) => (v === null || v === undefined ? '' : type === 'text' ? String(v) : typeof v === 'boolean' ? String(Number(v)) : String(v));
  const fields = layer.fields.map((f) => {
    const width = f.type === 'text' ? Math.min(254, Math.max(1, ...layer.features.map((x) => Buffer.byteLength(cell(x.properties[f.name], f.type))))) : 19;
    return { ...f, width, decimals: f.type === 'real' ? 3 : 0 };
  });
  const recordLength = 1 + fields.reduce((s, f) => s + f.width, 0);
  const headerLength = 32 + 32 * fields.length + 1;
  const out = Buffer.alloc(headerLength + recordLength * layer.features.length + 1, 0x20);
  out.fill(0, 0, headerLength);
  const now = new Date();
  out.writeUInt8(0x03, 0);
  out.writeUInt8(now.getUTCFullYear() - 1900, 1);
  out.writeUInt8(now.getUTCMonth() + 1, 2);
  out.writeUInt8(now.getUTCDate(), 3);
  out.writeUInt32LE(layer.features.length, 4);
  out.writeUInt16LE(headerLength, 8);
  out.writeUInt16LE(recordLength, 10);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    out.write(f.shortName.slice(0, 10), at, 'ascii');
    out.write(f.type === 'text' ? 'C' : 'N', at + 11, 'ascii');
    out.writeUInt8(f.width, at + 16);
    out.writeUInt8(f.decimals, at + 17);
  });
  out.writeUInt8(0x0d, headerLength - 1);
  layer.features.forEach((feature, r) => {
    let at = headerLength + r * recordLength + 1;
    for (const f of fields) {
      const v = feature.properties[f.name];
      if (f.type === 'text') fit(cell(v, f.type), f.width).copy(out, at);
      else if (v !== null && v !== undefined) {
        const text = f.type === 'real' ? Number(v).toFixed(3) : String(Math.round(Number(v)));
        out.write(text.padStart(f.width).slice(-f.width), at, 'ascii');
      }
      at += f.width;
    }
  });
  out.writeUInt8(0x1a, out.length - 1);
  return out;
}

/** One shapefile per layer (shp, shx, dbf, prj, cpg), zipped. */
export function writeShapefileZip(layers: GisLayer[], crs: GisCrs): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const layer of layers) {
    const records = layer.features.map((f) => shapeContent(layer, f.geometry));
    const shapeType = layer.geometryType === 'POINT' ? 1 : 5;
    const all = layer.features.flatMap((f) => (f.geometry.type === 'Point' ? [f.geometry.coordinates] : shapeRings(f.geometry).flat()));
    const bbox = all.length ? box(all) : [0, 0, 0, 0];
    const shpBytes = 100 + records.reduce((s, r) => s + 8 + r.length, 0);
    const shp = [header(shapeType, shpBytes, bbox)];
    const shx = [header(shapeType, 100 + 8 * records.length, bbox)];
    let offset = 100;
    records.forEach((r, i) => {
      const rh = Buffer.alloc(8);
      rh.writeInt32BE(i + 1, 0);
      rh.writeInt32BE(r.length / 2, 4);
      shp.push(rh, r);
      const ix = Buffer.alloc(8);
      ix.writeInt32BE(offset / 2, 0);
      ix.writeInt32BE(r.length / 2, 4);
      shx.push(ix);
      offset += 8 + r.length;
    });
    files[`${layer.name}.shp`] = Buffer.concat(shp);
    files[`${layer.name}.shx`] = Buffer.concat(shx);
    files[`${layer.name}.dbf`] = dbf(layer);
    files[`${layer.name}.prj`] = Buffer.from(crs.wkt);
    files[`${layer.name}.cpg`] = Buffer.from('UTF-8');
  }
  return zipSync(files);
}
