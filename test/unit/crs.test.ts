// CGCS2000 zone math against the EPSG registry's own definitions (DOMAIN.md §4).
import { epsgForZone, parseEpsg, proj4Definition, zoneCrsFromEpsg } from '../../server/domain/crs';
import proj4 from 'proj4';

it('maps 焦作 zone 38 to EPSG:4526 with the prefix and EPSG:4547 without', () => {
  expect(epsgForZone(3, 38, true)).toBe(4526);
  expect(epsgForZone(3, 38, false)).toBe(4547);
  expect(zoneCrsFromEpsg(4526)).toEqual({ epsg: 4526, zoneWidth: 3, zone: 38, centralMeridian: 114, prefixed: true });
  expect(zoneCrsFromEpsg(4547)).toEqual({ epsg: 4547, zoneWidth: 3, zone: 38, centralMeridian: 114, prefixed: false });
});

it('covers the four families at their ends', () => {
  expect(zoneCrsFromEpsg(4513)).toMatchObject({ zone: 25, centralMeridian: 75, prefixed: true });
  expect(zoneCrsFromEpsg(4533)).toMatchObject({ zone: 45, centralMeridian: 135, prefixed: true });
  expect(zoneCrsFromEpsg(4534)).toMatchObject({ zone: 25, centralMeridian: 75, prefixed: false });
  expect(zoneCrsFromEpsg(4554)).toMatchObject({ zone: 45, centralMeridian: 135, prefixed: false });
  expect(zoneCrsFromEpsg(4491)).toMatchObject({ zoneWidth: 6, zone: 13, centralMeridian: 75, prefixed: true });
  expect(zoneCrsFromEpsg(4501)).toMatchObject({ zoneWidth: 6, zone: 23, centralMeridian: 135, prefixed: true });
  expect(zoneCrsFromEpsg(4502)).toMatchObject({ zoneWidth: 6, zone: 13, centralMeridian: 75, prefixed: false });
  expect(zoneCrsFromEpsg(4512)).toMatchObject({ zoneWidth: 6, zone: 23, centralMeridian: 135, prefixed: false });
  expect(zoneCrsFromEpsg(4490)).toBeUndefined();
  expect(zoneCrsFromEpsg(4555)).toBeUndefined();
  expect(epsgForZone(3, 24, true)).toBeUndefined();
  for (let epsg = 4491; epsg <= 4554; epsg++) {
    const crs = zoneCrsFromEpsg(epsg)!;
    expect(epsgForZone(crs.zoneWidth, crs.zone, crs.prefixed)).toBe(epsg);
  }
});

it('projects the DOMAIN.md reference point 113.24°E 35.22°N to X 3 899 264.94, Y 38 430 806.51 in EPSG:4526', () => {
  const [y, x] = proj4('EPSG:4326', proj4Definition(zoneCrsFromEpsg(4526)!), [113.24, 35.22]);
  expect(x).toBeCloseTo(3899264.94, 2);
  expect(y).toBeCloseTo(38430806.51, 2);
});

it('reads EPSG codes written in the usual ways', () => {
  expect(parseEpsg('EPSG:4526')).toBe(4526);
  expect(parseEpsg('epsg:4526')).toBe(4526);
  expect(parseEpsg(' 4526 ')).toBe(4526);
  expect(parseEpsg('EPSG:45x6')).toBeUndefined();
});
