// The county check: a plot must lie in the county of its 宗地代码, within COUNTY_TOLERANCE_KM of the approximate outline.
import counties from '../../server/data/counties.json';
import type { Delivery } from '../../server/formats/delivery';
import { checkCounty, countiesWithBoundary, countyContaining, COUNTY_TOLERANCE_KM, zoneToLonLat } from '../../server/quality/county.checks';

const toLonLat = zoneToLonLat(4526);

/** The DOMAIN.md §4 sample plot (60 m × 40 m, EPSG:4526), shifted east by `east` m; it lies in 解放区. */
function samplePlot(east = 0): Delivery {
  const corners: [string, number, number][] = [['J1', 3899300, 38430800], ['J2', 3899300, 38430860], ['J3', 3899260, 38430860], ['J4', 3899260, 38430800]];
  return {
    format: 'txt',
    fileName: 'x.txt',
    epsg: 4526,
    header: {},
    findings: [],
    plots: [{
      plotNo: '1',
      attributes: {},
      parts: [{ partNo: 1, rings: [{ ringNo: 1, closed: true, points: corners.map(([pointNo, x, y]) => ({ pointNo, x, y: y + east })) }] }],
    }],
  };
}

it('converts the DOMAIN.md §4 reference point X 3 899 264.94, Y 38 430 806.51 to 113.24°E 35.22°N', () => {
  const [lon, lat] = toLonLat(3899264.94, 38430806.51);
  expect(Math.abs(lon - 113.24)).toBeLessThan(1e-7);
  expect(Math.abs(lat - 35.22)).toBeLessThan(1e-7);
});

it('passes the sample plot under a 解放区 (410802) parcel code, the county it lies in', () => {
  expect(countyContaining(toLonLat(3899280, 38430830))).toBe('410802');
  expect(checkCounty(samplePlot(), '410802003012GB00025', toLonLat)).toEqual([]);
});

it('rejects the sample plot under a 孟州 (410883) parcel code, naming 孟州市 and 解放区', () => {
  const [f] = checkCounty(samplePlot(), '410883001004GB90001', toLonLat);
  expect(f).toMatchObject({ code: 'COORDINATES_OUTSIDE_COUNTY', severity: 'error', file: 'x.txt', plot: '1', ring: 1 });
  expect(f.point).toMatch(/^J[1-4]$/);
  expect(f.message).toMatch(/^x\.txt, plot 1, ring 1, point J[1-4]: .* is 4\d\.\d km outside 孟州市 410883.*it lies in 解放区 410802/);
  expect(f.messageZh).toMatch(/点J[1-4]：.*孟州市 410883之外4\d\.\d公里.*实际位于解放区 410802/);
});

it('passes a plot 0.5 km east of 解放区 (in 山阳区) within the ±1 km tolerance the README states', () => {
  // 解放区's outline ends ~610 m east of the sample plot: +1140 m puts the plot's far corners ~0.6 km outside.
  expect(COUNTY_TOLERANCE_KM).toBe(1);
  expect(countyContaining(toLonLat(3899280, 38430830 + 1140))).toBe('410811');
  expect(checkCounty(samplePlot(1140), '410802003012GB00025', toLonLat)).toEqual([]);
});

it.each([2140, 2640, 3140])('rejects a plot %i m east of the sample, 1.5–3 km inside 山阳区, under a 解放区 code', (east) => {
  // these passed without even a warning when the tolerance was 3 km
  const [f] = checkCounty(samplePlot(east), '410802003012GB00025', toLonLat);
  expect(f).toMatchObject({ code: 'COORDINATES_OUTSIDE_COUNTY', severity: 'error', plot: '1' });
  const km = (f.suggestion as { distanceKm: number }).distanceKm;
  expect(km).toBeGreaterThan(1.4);
  expect(km).toBeLessThanOrEqual(3);
  expect(f.message).toMatch(/is [123]\.\d km outside 解放区 410802.*it lies in 山阳区 410811/);
  expect(f.messageZh).toContain('实际位于山阳区 410811');
});

it('does not check a county without boundary data (only 河南 ships)', () => {
  expect(checkCounty(samplePlot(), '110101001001GB00001', toLonLat)).toEqual([]);
});

it('has an outline for every 河南 county in counties.json', () => {
  const henan = (counties as { code: string; province: string }[]).filter((c) => c.province === '河南省').map((c) => c.code);
  const covered = new Set(countiesWithBoundary());
  expect(henan.length).toBe(157);
  expect(henan.filter((code) => !covered.has(code))).toEqual([]);
  expect(covered.has('410871')).toBe(false); // statistics-only zone, not a county
});
