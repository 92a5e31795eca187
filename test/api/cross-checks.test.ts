// Independent cross-checks against PostGIS/PROJ: plane areas (ST_Area), validity locations (ST_IsValidDetail), lon/lat into the zone (ST_Transform).
import fs from 'node:fs';
import path from 'node:path';
import type { Delivery, DeliveryPlot } from '../../server/formats/delivery';
import { readDelivery } from '../../server/formats/read-delivery';
import { readGeoJsonObject } from '../../server/formats/geojson.format';
import { plotPlaneArea } from '../../server/quality/area.checks';
import { checkRings } from '../../server/quality/ring.checks';
import { startTestHub, type TestHub } from '../support/test-hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.stop());

/** [easting, northing] in a zone, or [lon, lat] in degrees. */
type Position = [number, number];

const FIXTURES = path.join(__dirname, '../fixtures');
/** Fixtures the readers refuse on purpose (unclosed ring, Xian 80 datum, zip bomb): they have no plots to cross-check. */
const REFUSED = ['txt/ring-not-closed.txt', 'txt/xian80.txt', 'formats/shp/bomb.zip', 'formats/shp/plots-xian80.zip'];
const listed = (dir: string, ext: RegExp) => fs.readdirSync(path.join(FIXTURES, dir)).filter((n) => ext.test(n)).map((n) => `${dir}/${n}`);
const SURVEY_FILES = [
  ...listed('txt', /\.txt$/),
  ...listed('formats/csv', /\.csv$/),
  ...listed('formats/dxf', /\.dxf$/),
  ...listed('formats/shp', /\.zip$/),
];

/** A fixture read as the hub reads an upload (CSV point tables carry no CRS: the request says EPSG:4526). */
const readFixture = (relative: string) =>
  readDelivery(path.basename(relative), new Uint8Array(fs.readFileSync(path.join(FIXTURES, relative))), { requestEpsg: relative.endsWith('.csv') ? 4526 : undefined });

function delivered(result: Awaited<ReturnType<typeof readDelivery>>): Delivery {
  if (!result.ok) throw new Error(result.findings.map((f) => f.message).join('\n'));
  return result.delivery;
}

/** The plot as a GeoJSON MultiPolygon, positions [easting, northing] (PostGIS x, y), rings closed. */
const plotGeoJson = (plot: DeliveryPlot) => JSON.stringify({
  type: 'MultiPolygon',
  coordinates: plot.parts.map((part) => part.rings.map((r) => [...r.points, r.points[0]].map((p) => [p.y, p.x]))),
});

async function postgisArea(plot: DeliveryPlot, epsg: number): Promise<number> {
  const { rows } = await hub.pool.query('SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON($1), $2::int)) AS area', [plotGeoJson(plot), epsg]);
  return rows[0].area;
}

describe('plane areas agree with ST_Area to 0.001 m²', () => {
  it('reads every fixture but the ones refused on purpose', async () => {
    for (const file of SURVEY_FILES) expect([file, (await readFixture(file)).ok]).toEqual([file, !REFUSED.includes(file)]);
  });

  it.each(SURVEY_FILES.filter((f) => !REFUSED.includes(f)))('%s: each plot\'s plane area equals ST_Area', async (file) => {
    const delivery = delivered(await readFixture(file));
    expect(delivery.epsg).not.toBeNull();
    expect(delivery.plots.length).toBeGreaterThan(0);
    for (const plot of delivery.plots) {
      const area = plotPlaneArea(plot);
      expect(area).toBeGreaterThan(0);
      expect(Math.abs(area - await postgisArea(plot, delivery.epsg!))).toBeLessThan(0.001);
    }
  });

  it('an awkward 36-vertex plot with millimetre coordinates at Gauss-Krüger magnitudes: plane area equals ST_Area', async () => {
    // A wobbly circle of ~40 m radius around the sample position, every vertex on the millimetre.
    const positions = Array.from({ length: 36 }, (_, i) => {
      const t = (i / 36) * 2 * Math.PI, r = 40 + 7 * Math.sin(5 * t) + 0.001 * i;
      return [Math.round((38430830 + r * Math.cos(t)) * 1000) / 1000, Math.round((3899280 + r * Math.sin(t)) * 1000) / 1000];
    });
    const doc = { type: 'Polygon', crs: { type: 'name', properties: { name: 'EPSG:4526' } }, coordinates: [[...positions, positions[0]]] };
    const delivery = delivered(readGeoJsonObject(doc, 'wobbly.geojson'));
    const area = plotPlaneArea(delivery.plots[0]);
    expect(area).toBeGreaterThan(4000);
    expect(Math.abs(area - await postgisArea(delivery.plots[0], 4526))).toBeLessThan(0.001);
  });
});

describe('polygon validity agrees with ST_IsValidDetail', () => {
  const at = (dE: number, dN: number): Position => [38430800 + dE, 3899260 + dN];
  const ring = (...positions: Position[]) => [...positions, positions[0]];
  const square = ring(at(0, 0), at(60, 0), at(60, 40), at(0, 40));

  /** Invalid plots: the finding code the hub gives and the reason GEOS gives. */
  const INVALID: [string, Position[][], string, string][] = [
    ['a bow-tie', [ring(at(0, 0), at(60, 40), at(60, 0), at(0, 40))], 'SELF_INTERSECTION', 'Self-intersection'],
    ['a bow-tie at millimetre coordinates', [ring(at(0.123, 0.456), at(57.891, 38.777), at(59.002, 1.234), at(1.111, 39.999))], 'SELF_INTERSECTION', 'Self-intersection'],
    ['a hole outside the outer ring', [square, ring(at(70, 30), at(80, 30), at(80, 20), at(70, 20))], 'HOLE_OUTSIDE_SHELL', 'Hole lies outside shell'],
    ['a ring touching itself at a vertex', [ring(at(0, 0), at(40, 0), at(20, 20), at(40, 40), at(0, 40), at(20, 20))], 'RING_SELF_INTERSECTION', 'Ring Self-intersection'],
    ['a ring touching itself on an edge', [ring(at(0, 0), at(40, 0), at(40, 40), at(20, 40), at(30, 20), at(10, 20), at(20, 40), at(0, 40))], 'RING_SELF_INTERSECTION', 'Ring Self-intersection'],
  ];
  const VALID: [string, Position[][]][] = [
    ['the sample with its hole', [square, ring(at(10, 30), at(20, 30), at(20, 20), at(10, 20))]],
    ['a hole touching the outer ring at one point', [square, ring(at(60, 20), at(50, 25), at(50, 15))]],
    ['a concave plot', [ring(at(0, 0), at(60, 0), at(60, 40), at(30, 10), at(0, 40))]],
  ];

  const read = (rings: Position[][]) =>
    delivered(readGeoJsonObject({ type: 'Polygon', crs: { type: 'name', properties: { name: 'EPSG:4526' } }, coordinates: rings }, 'plot.geojson'));

  async function postgisDetail(plot: DeliveryPlot) {
    const { rows } = await hub.pool.query(
      'SELECT valid, reason, ST_X(location) AS e, ST_Y(location) AS n FROM ST_IsValidDetail(ST_SetSRID(ST_GeomFromGeoJSON($1), 4526))', [plotGeoJson(plot)]);
    return rows[0] as { valid: boolean; reason: string | null; e: number | null; n: number | null };
  }

  it.each(INVALID)('%s: the finding lies where PostGIS places the error, to 0.001 m', async (_name, rings, code, reason) => {
    const delivery = read(rings);
    const findings = checkRings(delivery, { tolerance: 0.1 });
    expect(findings.map((f) => f.code)).toEqual([code]);
    const [f] = findings;
    const detail = await postgisDetail(delivery.plots[0]);
    expect(detail).toMatchObject({ valid: false, reason });
    expect(Math.abs(f.x! - detail.n!)).toBeLessThan(0.001); // finding.x is the northing
    expect(Math.abs(f.y! - detail.e!)).toBeLessThan(0.001); // finding.y the easting
  });

  it('a hole crossing the outer ring: the finding lies on one of the two crossings, as PostGIS\'s location does', async () => {
    // Two crossings, both right: GEOS 3.11 (and jsts) name the southern one, GEOS 3.14 (PGlite) the northern one.
    const delivery = read([square, ring(at(55.5, 20.25), at(70.75, 25.5), at(70.75, 15.125))]);
    const findings = checkRings(delivery, { tolerance: 0.1 });
    expect(findings.map((f) => f.code)).toEqual(['SELF_INTERSECTION']);
    const [f] = findings;
    const { rows } = await hub.pool.query(
      `SELECT ST_NumGeometries(crossings) AS n, d.valid, d.reason,
              ST_Distance(ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4526), crossings) AS ours,
              ST_Distance(ST_SetSRID(d.location, 4526), crossings) AS theirs -- ST_IsValidDetail drops the SRID
         FROM (SELECT g, ST_Intersection(ST_ExteriorRing(g), ST_InteriorRingN(g, 1)) AS crossings
                 FROM (SELECT ST_GeometryN(ST_SetSRID(ST_GeomFromGeoJSON($1), 4526), 1) AS g) AS plot) AS p,
              ST_IsValidDetail(g) AS d`,
      [plotGeoJson(delivery.plots[0]), f.y, f.x]);
    expect(rows[0]).toMatchObject({ n: 2, valid: false, reason: 'Self-intersection' });
    expect(rows[0].ours).toBeLessThan(0.001);
    expect(rows[0].theirs).toBeLessThan(0.001);
  });

  it.each(VALID)('%s: valid in both', async (_name, rings) => {
    const delivery = read(rings);
    expect(checkRings(delivery, { tolerance: 0.1 })).toEqual([]);
    expect(await postgisDetail(delivery.plots[0])).toMatchObject({ valid: true, e: null, n: null });
  });
});

describe('lon/lat (EPSG:4490) placed into its 3° zone agrees with ST_Transform to 0.001 m', () => {
  /** The 3° zone of a longitude by DOMAIN.md §4: the zone whose central meridian 3·zone is within 1.5° (EPSG 4513 + zone − 25). */
  const zoneEpsg = (lon: number) => {
    const zone = [...Array(21).keys()].map((i) => 25 + i).find((z) => Math.abs(lon - 3 * z) <= 1.5)!;
    return 4513 + zone - 25;
  };

  /** A lon/lat polygon of the given corners (no crs member: GeoJSON's default), read as an upload. */
  const lonLatFeature = (corners: Position[]) => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...corners, corners[0]]] } });

  async function postgisTransform(lonLats: Position[], epsg: number): Promise<Position[]> {
    const { rows } = await hub.pool.query(
      `SELECT ST_X(g) AS e, ST_Y(g) AS n
         FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS t(lon, lat, ord),
              LATERAL ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4490), $3::int) AS g
        ORDER BY ord`,
      [lonLats.map((p) => p[0]), lonLats.map((p) => p[1]), epsg]);
    return rows.map((r) => [r.e, r.n]);
  }

  /** Reads the lon/lat features and compares every point with PostGIS; returns the delivery. */
  async function expectSameAsPostgis(features: Position[][], epsg: number): Promise<Delivery> {
    const delivery = delivered(readGeoJsonObject({ type: 'FeatureCollection', features: features.map(lonLatFeature) }, 'lonlat.geojson'));
    expect(delivery.epsg).toBe(epsg);
    expect(delivery.findings.map((f) => f.code)).toEqual(['GEOJSON_REPROJECTED']);
    const ours = delivery.plots.flatMap((plot) => plot.parts[0].rings[0].points.map((p): Position => [p.y, p.x]));
    const theirs = await postgisTransform(features.flat(), epsg);
    expect(ours).toHaveLength(theirs.length);
    ours.forEach(([e, n], i) => {
      expect([i, Math.abs(e - theirs[i][0]) < 0.001, Math.abs(n - theirs[i][1]) < 0.001]).toEqual([i, true, true]);
    });
    return delivery;
  }

  const JIEFANG: Position[] = [[113.24, 35.22], [113.2407, 35.22003], [113.24071, 35.21952], [113.23998, 35.21949]];
  const MENGZHOU: Position[] = [[112.79, 34.91], [112.79113, 34.91012], [112.79109, 34.90931], [112.78987, 34.90925]];

  it('places points around 113.24°E 35.22°N and 112.79°E 34.91°N in EPSG:4526 (zone 38, CM 114°E) as PostGIS does', async () => {
    expect(zoneEpsg(113.24)).toBe(4526);
    expect(zoneEpsg(112.79)).toBe(4526);
    const delivery = await expectSameAsPostgis([JIEFANG, MENGZHOU], 4526);
    // DOMAIN.md §4: 113.24°E 35.22°N → X 3 899 264.94, Y 38 430 806.51.
    const j1 = delivery.plots[0].parts[0].rings[0].points[0];
    expect(Math.abs(j1.x - 3899264.94)).toBeLessThan(0.006);
    expect(Math.abs(j1.y - 38430806.51)).toBeLessThan(0.006);
    expect(j1.x * 1000).toBe(Math.round(j1.x * 1000)); // rounded to the millimetre
  });

  it('places the reprojected plot\'s plane area where ST_Area of the same coordinates is, to 0.001 m²', async () => {
    const delivery = delivered(readGeoJsonObject(lonLatFeature(JIEFANG), 'lonlat.geojson'));
    const plot = delivery.plots[0];
    expect(Math.abs(plotPlaneArea(plot) - await postgisArea(plot, delivery.epsg!))).toBeLessThan(0.001);
  });

  it.each([
    // lon, its zone by the formula, EPSG
    [112.6, 38, 4526], // 1.4° west of CM 114°: still zone 38 (round(112.6 / 3) = 38)
    [112.4, 37, 4525], // 1.4° east of CM 111°: zone 37
    [109.4, 36, 4524], // 1.4° east of CM 108°
  ] as const)('puts a plot starting at %f°E near a zone edge into zone %i (EPSG:%i), as PostGIS places it', async (lon, zone, epsg) => {
    expect(Math.abs(lon - 3 * zone)).toBeLessThanOrEqual(1.5);
    expect(zoneEpsg(lon)).toBe(epsg);
    const corners: Position[] = [[lon, 34.9], [lon + 0.0012, 34.9001], [lon + 0.0011, 34.8992], [lon - 0.0001, 34.8991]];
    await expectSameAsPostgis([corners], epsg);
  });
});
