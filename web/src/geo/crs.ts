// CGCS2000 for OpenLayers: EPSG:4490 and the 3° Gauss-Krüger zones with the zone prefix (EPSG:4513–4533,
// zone 25–45, CM = 3·zone) and without it (EPSG:4534–4554), registered with proj4. Positions are
// [easting, northing] throughout the app (GeoJSON order); surveyors read X = north, Y = east.
import proj4 from 'proj4';
import { register } from 'ol/proj/proj4';
import { transform } from 'ol/proj';
import { onTheGlobe } from './finding-position';

export const MAP_PROJECTION = 'EPSG:3857';
const GRS80 = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';

/** EPSG code of the prefixed 3° zone (EPSG:4513 + zone − 25). */
export const zoneEpsg = (zone: number) => `EPSG:${4513 + zone - 25}`;
/** The 3° zone number a longitude falls in (CM = 3·zone). */
export const zoneOfLon = (lon: number) => Math.round(lon / 3);

/** Registers the CRSs with proj4 and OpenLayers (runs when this module is imported, before any format reads 4490). */
function registerCrs(): void {
  proj4.defs('EPSG:4490', '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs');
  for (let zone = 25; zone <= 45; zone++) {
    proj4.defs(zoneEpsg(zone), `+proj=tmerc +lat_0=0 +lon_0=${3 * zone} +k=1 +x_0=${zone * 1_000_000 + 500_000} +y_0=0 ${GRS80}`);
    proj4.defs(`EPSG:${4534 + zone - 25}`, `+proj=tmerc +lat_0=0 +lon_0=${3 * zone} +k=1 +x_0=500000 +y_0=0 ${GRS80}`);
  }
  register(proj4);
}
registerCrs();

/** Whether the app knows this CRS (e.g. 'EPSG:4526'). */
export const knownCrs = (crs: string | null | undefined): crs is string => !!crs && !!proj4.defs(crs);

/** A surveyor's reading X (north), Y (east) in `crs` → map coordinate. */
export function surveyPointToMap(crs: string, x: number, y: number): number[] {
  return transform([y, x], crs, MAP_PROJECTION);
}

/**
 * A reading X (north), Y (east) in `crs` → map coordinate, or null where it is no place on the map (unknown CRS, not a
 * number, or a reading that projects off the globe — a swapped X/Y does): nothing bad reaches OpenLayers.
 */
export function surveyPointToMapOrNull(crs: string | null | undefined, x: number, y: number): number[] | null {
  if (!knownCrs(crs) || !Number.isFinite(x) || !Number.isFinite(y)) return null;
  const lonLat = transform([y, x], crs, 'EPSG:4490');
  if (!onTheGlobe(lonLat)) return null;
  const coordinate = transform(lonLat, 'EPSG:4490', MAP_PROJECTION);
  return coordinate.every(Number.isFinite) ? coordinate : null;
}

/** Map coordinate → lon/lat (EPSG:4490) and the X (north) / Y (east) in the zone it lies in. */
export function readOut(coordinate: number[]): { lon: number; lat: number; zone: number; crs: string; x: number; y: number } {
  const [lon, lat] = transform(coordinate, MAP_PROJECTION, 'EPSG:4490');
  const zone = Math.min(45, Math.max(25, zoneOfLon(lon)));
  const crs = zoneEpsg(zone);
  const [y, x] = transform(coordinate, MAP_PROJECTION, crs);
  return { lon, lat, zone, crs, x, y };
}
