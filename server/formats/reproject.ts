// CGCS2000 lon/lat (EPSG:4490) into the 3° Gauss-Krüger zone it falls in, for storage and plane areas.
import proj4 from 'proj4';
import { epsgForZone, proj4Definition, zoneCrsFromEpsg } from '../domain/crs';

const GEOGRAPHIC = '+proj=longlat +ellps=GRS80 +no_defs';

/** The zone-prefixed 3° zone (EPSG:4513–4533) whose central meridian is nearest to `lon`. */
export function zoneEpsgForLongitude(lon: number): number | undefined {
  return epsgForZone(3, Math.round(lon / 3), true);
}

/** A converter from [lon, lat] to [easting, northing] in a zone CRS, rounded to `decimals` (mm by default). */
export function toZone(epsg: number, decimals = 3): (lonLat: number[]) => [number, number] {
  const crs = zoneCrsFromEpsg(epsg);
  if (!crs) throw new RangeError(`EPSG:${epsg} is not a CGCS2000 Gauss-Krüger zone`);
  const forward = proj4(GEOGRAPHIC, proj4Definition(crs)).forward;
  const f = 10 ** decimals;
  return (lonLat) => {
    const [e, n] = forward([lonLat[0], lonLat[1]]);
    return [Math.round(e * f) / f, Math.round(n * f) / f];
  };
}
