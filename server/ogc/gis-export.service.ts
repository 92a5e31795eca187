// GIS files (GeoPackage, zipped shapefile) of a survey result or of features of an OGC collection: written by the
// hub itself (better-sqlite3 for GeoPackage, a small shapefile writer), never by GDAL at run time.
import type pg from 'pg';
import { sql } from '../db/sql-files';
import { badRequest } from '../errors';
import { writeGeoPackage, type GisCrs, type GisLayer } from '../formats/geopackage.format';
import { writeShapefileZip } from '../formats/shapefile-write.format';
import type { FlatGeometry } from '../formats/wkb.format';
import type { SurveyResultView } from '../services/surveys.service';

export const GIS_FORMATS = ['gpkg', 'shp'] as const;
export type GisFormat = (typeof GIS_FORMATS)[number];

export interface GisFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

/** The CRS's name and WKT from PostGIS, for the files. */
export async function gisCrs(pool: pg.Pool, epsg: number): Promise<GisCrs> {
  const { rows } = await pool.query(sql('srs-definition'), [epsg]);
  if (!rows[0]) throw badRequest('CRS_UNSUPPORTED', `EPSG:${epsg} is not known to the database`);
  return { epsg, name: rows[0].name, wkt: rows[0].srtext };
}

/** The layers as a file of `format`, named `base`. */
export function gisFile(format: GisFormat, base: string, layers: GisLayer[], crs: GisCrs): GisFile {
  return format === 'gpkg'
    ? { fileName: `${base}.gpkg`, contentType: 'application/geopackage+sqlite3', bytes: writeGeoPackage(layers, crs) }
    : { fileName: `${base}.shp.zip`, contentType: 'application/zip', bytes: writeShapefileZip(layers, crs) };
}

type Props = Record<string, string | number | boolean | null>;
const field = (name: string, shortName: string, type: 'text' | 'real' | 'integer') => ({ name, shortName, type });

/** A result as two layers in its own CRS: its boundary and its 界址点 (X north, Y east with the surveyed digits). */
export function surveyLayers(survey: SurveyResultView): GisLayer[] {
  const boundary: GisLayer = {
    name: 'boundary',
    geometryType: 'MULTIPOLYGON',
    fields: [field('parcelCode', 'parcelcode', 'text'), field('surveyId', 'surveyid', 'text'), field('stage', 'stage', 'text'), field('kind', 'kind', 'text'),
      field('status', 'status', 'text'), field('organisation', 'org', 'text'), field('surveyedOn', 'surveyedon', 'text'), field('planeAreaM2', 'planearea', 'real'), field('declaredAreaM2', 'declarea', 'real')],
    features: survey.geometry ? [{
      geometry: survey.geometry as FlatGeometry,
      properties: { parcelCode: survey.parcelCode, surveyId: survey.id, stage: survey.stage, kind: survey.kind, status: survey.status, organisation: survey.organisation,
        surveyedOn: survey.surveyedOn, planeAreaM2: survey.planeAreaM2, declaredAreaM2: survey.declaredAreaM2 } as Props,
    }] : [],
  };
  const points: GisLayer = {
    name: 'boundary_points',
    geometryType: 'POINT',
    fields: [field('pointNo', 'pointno', 'text'), field('part', 'part', 'integer'), field('ring', 'ring', 'integer'), field('seq', 'seq', 'integer'),
      field('X_northing', 'x_northing', 'text'), field('Y_easting', 'y_easting', 'text'), field('precisionClass', 'precision', 'integer')],
    features: survey.boundaryPoints.map((p) => ({
      geometry: { type: 'Point', coordinates: [p.y, p.x] }, // x = easting
      properties: { pointNo: p.pointNo, part: p.part, ring: p.ring, seq: p.seq, X_northing: p.xText, Y_easting: p.yText, precisionClass: survey.precisionClass },
    })),
  };
  return [boundary, points];
}

/** Features of an OGC collection page (GeoJSON, x = easting or longitude) as one layer; property types from the values. */
export function featuresLayer(name: string, geometryType: 'POINT' | 'MULTIPOLYGON', features: { properties: Record<string, unknown>; geometry: unknown }[]): GisLayer {
  const names = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
  const typeOf = (n: string) => {
    const values = features.map((f) => f.properties[n]).filter((v) => v !== null && v !== undefined);
    return values.length && values.every((v) => typeof v === 'number') ? (values.every((v) => Number.isInteger(v)) ? 'integer' : 'real') : 'text';
  };
  const short = new Set<string>();
  return {
    name,
    geometryType,
    fields: names.map((n) => {
      let s = n.toLowerCase().slice(0, 10);
      for (let i = 1; short.has(s); i++) s = `${n.toLowerCase().slice(0, 8)}_${i}`;
      short.add(s);
      return field(n, s, typeOf(n) as 'text' | 'real' | 'integer');
    }),
    features: features.filter((f) => f.geometry).map((f) => ({
      geometry: f.geometry as FlatGeometry,
      properties: Object.fromEntries(names.map((n) => {
        const v = f.properties[n];
        return [n, v === undefined || v === null ? null : typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean)];
      })),
    })),
  };
}

/** What a packet's GIS file needs of it: its boundary (in its CRS) and 界址点 with the surveyed digits. */
export interface PacketForGis {
  packetId: string;
  applicationNo: string;
  parcel: { parcelCode: string; location?: string | null };
  boundary: { value: { crs: string; surveyId: string }; rule: string } | null;
  landArea: { value: number } | null;
  boundaryPoints: { part: number; ring: number; seq: number; pointNo: string; x: string; y: string }[];
  geometry: unknown;
}

/** A registration packet's boundary and 界址点 as a GeoPackage or zipped shapefile in the boundary's CRS. */
export async function packetGisFile(pool: pg.Pool, packet: PacketForGis, format: GisFormat): Promise<GisFile> {
  if (!packet.boundary || !packet.geometry) throw badRequest('PACKET_HAS_NO_BOUNDARY', 'this packet has no boundary to write as a GIS file');
  const epsg = Number(packet.boundary.value.crs.slice(5));
  const boundary: GisLayer = {
    name: 'boundary',
    geometryType: 'MULTIPOLYGON',
    fields: [field('parcelCode', 'parcelcode', 'text'), field('packetId', 'packetid', 'text'), field('applicationNo', 'appno', 'text'), field('surveyId', 'surveyid', 'text'),
      field('rule', 'rule', 'text'), field('landAreaM2', 'landarea', 'real')],
    features: [{ geometry: packet.geometry as FlatGeometry, properties: {
      parcelCode: packet.parcel.parcelCode, packetId: packet.packetId, applicationNo: packet.applicationNo, surveyId: packet.boundary.value.surveyId,
      rule: packet.boundary.rule, landAreaM2: packet.landArea?.value ?? null,
    } }],
  };
  const points: GisLayer = {
    name: 'boundary_points',
    geometryType: 'POINT',
    fields: [field('pointNo', 'pointno', 'text'), field('part', 'part', 'integer'), field('ring', 'ring', 'integer'), field('seq', 'seq', 'integer'),
      field('X_northing', 'x_northing', 'text'), field('Y_easting', 'y_easting', 'text')],
    features: packet.boundaryPoints.map((p) => ({
      geometry: { type: 'Point', coordinates: [Number(p.y), Number(p.x)] },
      properties: { pointNo: p.pointNo, part: p.part, ring: p.ring, seq: p.seq, X_northing: p.x, Y_easting: p.y },
    })),
  };
  return gisFile(format, `登记用测绘成果-${packet.parcel.parcelCode}-${packet.applicationNo}`, [boundary, points], await gisCrs(pool, epsg));
}
