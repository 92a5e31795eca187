// Writes a GeoPackage (OGC 12-128r18, 1.3) of feature layers with SQLite (better-sqlite3): no GDAL at run time.
import Database from 'better-sqlite3';
import { envelope, toGpkgBlob, type FlatGeometry } from './wkb.format';

export type FieldValue = string | number | boolean | null;

/** A layer to write: features with the same property names, geometries in one CRS (x = easting or longitude). */
export interface GisLayer {
  name: string;
  geometryType: 'POINT' | 'MULTIPOLYGON';
  fields: { name: string; shortName: string; type: 'text' | 'real' | 'integer' }[];
  features: { properties: Record<string, FieldValue>; geometry: FlatGeometry }[];
}

/** The CRS of every layer: its EPSG code, name and OGC WKT definition (from PostGIS's spatial_ref_sys). */
export interface GisCrs {
  epsg: number;
  name: string;
  wkt: string;
}

const quoteId = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The GeoPackage bytes of `layers`, all in `crs`. */
export function writeGeoPackage(layers: GisLayer[], crs: GisCrs): Buffer {
  const db = new Database(':memory:');
  try {
    db.pragma('application_id = 1196444487'); // "GPKG"
    db.pragma('user_version = 10300');
    db.exec(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
      last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
      srs_id INTEGER REFERENCES gpkg_spatial_ref_sys (srs_id));
    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
      srs_id INTEGER NOT NULL REFERENCES gpkg_spatial_ref_sys (srs_id), z TINYINT NOT NULL, m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name));`);
    const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
    srs.run('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', null);
    srs.run('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', null);
    srs.run('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]', null);
    if (crs.epsg !== 4326) srs.run(crs.name, crs.epsg, 'EPSG', crs.epsg, crs.wkt, null);
    for (const layer of layers) {
      const columns = layer.fields.map((f) => `${quoteId(f.name)} ${f.type.toUpperCase()}`).join(', ');
      db.exec(`CREATE TABLE ${quoteId(layer.name)} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom ${layer.geometryType}${columns ? `, ${columns}` : ''})`);
      const boxes = layer.features.map((f) => envelope(f.geometry));
      const box = boxes.length ? [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))] : [null, null, null, null];
      db.prepare('INSERT INTO gpkg_contents (table_name, data_type, identifier, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(layer.name, 'features', layer.name, ...box, crs.epsg);
      db.prepare('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)').run(layer.name, 'geom', layer.geometryType, crs.epsg);
      const insert = db.prepare(`INSERT INTO ${quoteId(layer.name)} (geom${layer.fields.map((f) => `, ${quoteId(f.name)}`).join('')}) VALUES (?${', ?'.repeat(layer.fields.length)})`);
      db.transaction(() => {
        for (const f of layer.features) {
          insert.run(toGpkgBlob(f.geometry, crs.epsg), ...layer.fields.map((field) => {
            const v = f.properties[field.name];
            return typeof v === 'boolean' ? Number(v) : v ?? null;
          }));
        }
      })();
    }
    return db.serialize();
  } finally {
    db.close();
  }
}
