// CGCS2000 coordinate reference systems (DOMAIN.md §4): EPSG codes of the Gauss-Krüger zones and their zone math.

/** A CGCS2000 projected Gauss-Krüger CRS, as the hub stores survey results in it. */
export interface ZoneCrs {
  epsg: number;
  /** 3 or 6 (几度分带). */
  zoneWidth: 3 | 6;
  /** 带号. */
  zone: number;
  /** Central meridian, degrees east. */
  centralMeridian: number;
  /** Whether eastings carry the zone number in front (38 430 000 rather than 430 000). */
  prefixed: boolean;
}

export const CGCS2000_GEOGRAPHIC = 4490;

/** The zone CRS of an EPSG code in 4491–4554, or undefined for anything else. */
export function zoneCrsFromEpsg(epsg: number): ZoneCrs | undefined {
  if (epsg >= 4513 && epsg <= 4533) return { epsg, zoneWidth: 3, zone: epsg - 4513 + 25, centralMeridian: 3 * (epsg - 4513 + 25), prefixed: true };
  if (epsg >= 4534 && epsg <= 4554) {
    const cm = 75 + 3 * (epsg - 4534);
    return { epsg, zoneWidth: 3, zone: cm / 3, centralMeridian: cm, prefixed: false };
  }
  if (epsg >= 4491 && epsg <= 4501) {
    const zone = epsg - 4491 + 13;
    return { epsg, zoneWidth: 6, zone, centralMeridian: 6 * zone - 3, prefixed: true };
  }
  if (epsg >= 4502 && epsg <= 4512) {
    const cm = 75 + 6 * (epsg - 4502);
    return { epsg, zoneWidth: 6, zone: (cm + 3) / 6, centralMeridian: cm, prefixed: false };
  }
  return undefined;
}

/** EPSG code of a CGCS2000 zone, from 几度分带, 带号 and whether eastings are prefixed. */
export function epsgForZone(zoneWidth: 3 | 6, zone: number, prefixed: boolean): number | undefined {
  const candidates = prefixed
    ? zoneWidth === 3 ? { first: 4513, lo: 25, hi: 45, index: zone - 25 } : { first: 4491, lo: 13, hi: 23, index: zone - 13 }
    : zoneWidth === 3 ? { first: 4534, lo: 25, hi: 45, index: zone - 25 } : { first: 4502, lo: 13, hi: 23, index: zone - 13 };
  if (!Number.isInteger(zone) || zone < candidates.lo || zone > candidates.hi) return undefined;
  return candidates.first + candidates.index;
}

/** Parses "EPSG:4526" (also "epsg:4526", "4526"); undefined when it is not of that form. */
export function parseEpsg(text: string): number | undefined {
  const match = /^(?:EPSG:)?(\d{4,5})$/i.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

/**
 * The plausible easting range of a zone, m: the false easting 500 km ± 350 km (wider than any 3° or 6°
 * zone reaches in China), with the zone number in front where the CRS is prefixed.
 */
export function eastingRange(crs: ZoneCrs): [number, number] {
  const offset = crs.prefixed ? crs.zone * 1_000_000 : 0;
  return [offset + 150_000, offset + 850_000];
}

/** China's northings, m: from the equator to 54° N. */
export const NORTHING_RANGE: [number, number] = [0, 6_100_000];

/** A proj4 definition of the zone (for display and tools; stored geometry is transformed by PostGIS). */
export function proj4Definition(crs: ZoneCrs): string {
  const falseEasting = (crs.prefixed ? crs.zone * 1_000_000 : 0) + 500_000;
  return `+proj=tmerc +lat_0=0 +lon_0=${crs.centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}
