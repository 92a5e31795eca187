// CRS by reference (OGC API – Features Part 2): the CRS URIs the hub serves, their axis order, and bboxes given in them.
import proj4 from 'proj4';
import { CGCS2000_GEOGRAPHIC, proj4Definition, zoneCrsFromEpsg } from '../domain/crs';
import { badRequest } from '../errors';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const EPSG_URI = 'http://www.opengis.net/def/crs/EPSG/0/';

/** A CRS the hub can answer in: the EPSG code PostGIS transforms to, and whether the axis order is flipped from x/y. */
export interface OutputCrs {
  uri: string;
  /** 4490 for CRS84 too: CGCS2000 and WGS 84 agree within the survey's precision for display (documented in README). */
  epsg: number;
  /** EPSG:4490 is latitude, longitude; the CGCS2000 zones are northing, easting (X, Y of Chinese survey tables). */
  flip: boolean;
}

/** The CGCS2000 3° zones 4513–4554 (with and without the zone prefix on the easting). */
const ZONES = Array.from({ length: 4554 - 4513 + 1 }, (_, i) => 4513 + i);

/** Every CRS URI the collections list (CRS84 first: the default). */
export const SUPPORTED_CRS: string[] = [CRS84, `${EPSG_URI}${CGCS2000_GEOGRAPHIC}`, ...ZONES.map((e) => `${EPSG_URI}${e}`)];

/** The CRS a `crs` or `bbox-crs` parameter names (URI, `EPSG:nnnn` or `[EPSG:nnnn]`), or 400 CRS_UNSUPPORTED. */
export function parseCrs(text: string | undefined, parameter: 'crs' | 'bbox-crs'): OutputCrs {
  if (text === undefined || text === '') return { uri: CRS84, epsg: CGCS2000_GEOGRAPHIC, flip: false };
  const t = text.trim().replace(/^\[(.*)\]$/, '$1');
  if (t === CRS84 || /^(OGC:)?CRS84$/i.test(t)) return { uri: CRS84, epsg: CGCS2000_GEOGRAPHIC, flip: false };
  const match = /^(?:http:\/\/www\.opengis\.net\/def\/crs\/EPSG\/0\/|EPSG:)(\d{4,5})$/i.exec(t);
  const epsg = match ? Number(match[1]) : NaN;
  if (epsg === CGCS2000_GEOGRAPHIC || ZONES.includes(epsg)) return { uri: `${EPSG_URI}${epsg}`, epsg, flip: true };
  throw badRequest('CRS_UNSUPPORTED', `${parameter} '${text}' is not served: use CRS84, EPSG:4490 (lat/lon) or a CGCS2000 3° zone EPSG:4513–4554 (north/east); the list is in each collection's "crs"`);
}

/**
 * A `bbox` given in `crs` (in that CRS's axis order) as a lon/lat envelope in EPSG:4490: minLon, minLat, maxLon, maxLat.
 * A zone bbox is transformed by its corners and edge midpoints (the envelope of a Gauss-Krüger box in lon/lat).
 */
export function bboxIn4490(text: string, crs: OutputCrs): [number, number, number, number] {
  const parts = text.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)) || parts[0] >= parts[2] || parts[1] >= parts[3]) {
    throw badRequest('BBOX_INVALID', `bbox '${text}' must be four numbers, lower corner then upper corner, in the axis order of bbox-crs (${crs.uri})`);
  }
  const [a1, b1, a2, b2] = parts;
  if (crs.epsg === CGCS2000_GEOGRAPHIC) {
    const [minLon, minLat, maxLon, maxLat] = crs.flip ? [b1, a1, b2, a2] : [a1, b1, a2, b2];
    if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) throw badRequest('BBOX_INVALID', `bbox '${text}' lies outside the globe in ${crs.uri}`);
    return [minLon, minLat, maxLon, maxLat];
  }
  const zone = zoneCrsFromEpsg(crs.epsg)!;
  const [minN, minE, maxN, maxE] = [a1, b1, a2, b2];
  const toLonLat = proj4(proj4Definition(zone), 'EPSG:4326');
  const corners = [minE, (minE + maxE) / 2, maxE].flatMap((e) => [minN, (minN + maxN) / 2, maxN].map((n) => toLonLat.forward([e, n])));
  const lons = corners.map((c) => c[0]);
  const lats = corners.map((c) => c[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}
