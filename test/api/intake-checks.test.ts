// The intake checks of issue 9 through the real app: declared areas, local systems, swapped columns, the county,
// unit plausibility and 精度 — each refused with a stable code and a message naming what is wrong, nothing stored.
import iconv from 'iconv-lite';
import { freeCell, landSupplySubmission } from '../support/fixtures';
import { sampleTxt, uploadFields } from '../support/files';
import { expectSchema, freshParcelCode, sampleSiteParcelCode, startTestHub, TEST_ORGANISATION, type TestHub } from '../support/test-hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.stop());

type Position = [number, number];
/** A closed rectangle ring [easting, northing] in EPSG:4526, `w` m east and `h` m south of (e, n). */
const rectangle = (e: number, n: number, w: number, h: number): Position[] => [[e, n], [e + w, n], [e + w, n - h], [e, n - h], [e, n]];
const collection = (ring: Position[]) => ({ type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, properties: {}, geometry: { type: 'Polygon' as const, coordinates: [ring] } }] });
/** The south-west corner of the free cell's sample plot: J1 of DOMAIN.md §7 moved into the cell. */
const cellOrigin = (): Position => {
  const [dE, dN] = freeCell();
  return [38430800 + dE, 3899300 + dN];
};

const countResults = async (parcelCode: string) =>
  (await hub.pool.query('SELECT count(*)::int AS n FROM survey_result WHERE parcel_code = $1', [parcelCode])).rows[0].n;
const planeAreaInPostgis = async (ring: Position[]) =>
  (await hub.pool.query('SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON($1), 4526)) AS a', [JSON.stringify({ type: 'Polygon', coordinates: [ring] })])).rows[0].a as number;
const gbk = (text: string) => new Uint8Array(iconv.encode(text, 'gbk'));
const txtText = (bytes: Uint8Array) => iconv.decode(Buffer.from(bytes), 'gbk');

describe('the land area a JSON submission declares', () => {
  it('refuses a 100 m × 100 m square declared as 10 100 m², naming declaredAreaM2, and stores nothing', async () => {
    const square = rectangle(...cellOrigin(), 100, 100);
    expect(await planeAreaInPostgis(square)).toBeCloseTo(100 * 100, 6);
    const parcelCode = freshParcelCode();
    const res = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { features: collection(square), declaredAreaM2: 10100 }));
    expect(res.status).toBe(400);
    expectSchema('error', res.body);
    expect(res.body.code).toBe('AREA_DIFFERS_FROM_COORDINATES');
    expect(res.body.message).toContain('column declaredAreaM2: the declared area 10100 m² differs from the plane area of the coordinates, 10000.00 m², by 100.00 m²');
    expect(await countResults(parcelCode)).toBe(0);
  });

  it('passes the same square declared as 10 000 m²', async () => {
    const square = rectangle(...cellOrigin(), 100, 100);
    const res = await hub.request('POST', '/api/surveys/validate', landSupplySubmission(freshParcelCode(), { features: collection(square), declaredAreaM2: 10000 }));
    expect(res.status).toBe(200);
    expect(res.body.findings.filter((f: any) => f.code.startsWith('AREA_'))).toEqual([]);
  });

  it('stores a supply document (出让合同) whose area differs, with a warning: its area is the registered one (R3)', async () => {
    const parcelCode = freshParcelCode();
    const res = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { kind: '出让合同', declaredAreaM2: 2310 }));
    expect(res.status).toBe(201);
    const warning = res.body.quality.findings.find((f: any) => f.code === 'AREA_DIFFERS_FROM_COORDINATES');
    expect(warning).toMatchObject({ severity: 'warning' });
    expect(warning.message).toContain('the supply document\'s area stays the registered area (R3)');
    expect(res.body.declaredAreaM2).toBe(2310);
  });
});

describe('small parcels', () => {
  it('re-validates its own TXT export of a 123.45 m² plot, written 0.0123 公顷', async () => {
    const plot = rectangle(...cellOrigin(), 12.345, 10);
    expect(await planeAreaInPostgis(plot)).toBeCloseTo(123.45, 6);
    const parcelCode = freshParcelCode();
    const stored = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { features: collection(plot), declaredAreaM2: 123.45 }));
    expect(stored.status).toBe(201);
    const exported = await hub.download(`/api/surveys/${stored.body.id}/export?format=txt&applicationNo=JZ-CHECK-1&purpose=${encodeURIComponent('重新质检')}`);
    expect(txtText(exported.bytes)).toContain(',0.0123,');
    const again = await hub.upload('/api/surveys/validate', uploadFields(parcelCode), { name: 'export.txt', bytes: exported.bytes });
    expect(again.status).toBe(200);
    expect(again.body.findings.filter((f: any) => f.severity === 'error')).toEqual([]);
    expect(again.body.passed).toBe(true);
  });
});

describe('coordinate systems and columns of a TXT', () => {
  it('refuses 坐标系=焦作2000独立坐标系 on line 5, asking for CGCS2000, and stores nothing', async () => {
    const parcelCode = freshParcelCode();
    const text = txtText(sampleTxt(...freeCell())).replace('坐标系=2000国家大地坐标系', '坐标系=焦作2000独立坐标系');
    const res = await hub.upload('/api/surveys', uploadFields(parcelCode), { name: 'local.txt', bytes: gbk(text) });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('TXT_DATUM_LOCAL');
    expect(res.body.message).toMatch(/^local\.txt, line 5: 坐标系=焦作2000独立坐标系 is a local .*deliver the file in 2000国家大地坐标系/);
    expect(await countResults(parcelCode)).toBe(0);
  });

  it('refuses filled 转换参数, naming the line', async () => {
    const text = txtText(sampleTxt(...freeCell())).replace('转换参数=,,,,,,', '转换参数=12.5,-3.1,0,0,0,0,1');
    const res = await hub.upload('/api/surveys/validate', uploadFields(freshParcelCode()), { name: 'params.txt', bytes: gbk(text) });
    const f = res.body.findings.find((x: any) => x.code === 'TXT_TRANSFORMATION_PARAMETERS');
    expect(f).toMatchObject({ severity: 'error', line: 11 });
    expect(res.body.passed).toBe(false);
  });

  it('calls unprefixed eastings in the X column a swap and gives the corrected reading', async () => {
    // the sample plot without the zone prefix 38 (EPSG:4547), columns swapped: X ≈ 0.43 × 10⁶, Y ≈ 3.9 × 10⁶
    const text = txtText(sampleTxt(...freeCell())).replace(/^(J\d,\d),(\d+\.\d+),38(\d+\.\d+)$/gm, '$1,$3,$2');
    const res = await hub.upload('/api/surveys/validate', uploadFields(freshParcelCode()), { name: 'swapped.txt', bytes: gbk(text) });
    expect(res.body.findings.map((f: any) => f.code)).toEqual(['TXT_COORDINATES_SWAPPED']);
    const [f] = res.body.findings;
    const [x, y] = [...text.matchAll(/^J1,1,([\d.]+),([\d.]+)$/gm)][0].slice(1);
    expect(f.message).toContain(`the point reads X=${y}, Y=${x}`);
    expect(f.messageZh).toContain(`该点应为X=${y}，Y=${x}`);
  });

  it('refuses coordinates written finer than 精度=0.001, naming the line and the point', async () => {
    const text = txtText(sampleTxt(...freeCell())).replace(/^(J2,1,\d+\.\d{3})/m, '$17');
    const res = await hub.upload('/api/surveys/validate', uploadFields(freshParcelCode()), { name: 'digits.txt', bytes: gbk(text) });
    const f = res.body.findings.find((x: any) => x.code === 'COORDINATE_DIGITS_BEYOND_PRECISION');
    expect(f).toMatchObject({ severity: 'error', point: 'J2', line: 15 });
    expect(f.message).toMatch(/^digits\.txt, line 15, plot 1, ring 1, point J2: X \d+\.\d{3}7 has 4 decimals, but 精度=0\.001 states 3 decimal\(s\)/);
  });
});

describe('the county of the 宗地代码', () => {
  it('refuses the sample plot 2.6 km east, inside 山阳区, under a 解放区 code: beyond the ±1 km tolerance', async () => {
    const parcelCode = sampleSiteParcelCode();
    const plot = rectangle(38430800 + 2640, 3899300, 60, 40);
    const res = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { features: collection(plot), declaredAreaM2: 2400 }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('COORDINATES_OUTSIDE_COUNTY');
    expect(res.body.message).toMatch(/is [12]\.\d km outside 解放区 410802.*it lies in 山阳区 410811/);
    expect(await countResults(parcelCode)).toBe(0);
  });
});

describe('unit areas', () => {
  const presale = (parcelCode: string, units: object[], extra: object = {}) => ({
    stage: 'presale', kind: '房产预测', parcelCode, organisation: TEST_ORGANISATION, surveyedOn: '2025-01-15', crs: 'EPSG:4526', precisionClass: 2, units, ...extra,
  });

  it('refuses 套内建筑面积 larger than 建筑面积, naming the unit, and stores nothing', async () => {
    const parcelCode = freshParcelCode();
    const res = await hub.request('POST', '/api/surveys', presale(parcelCode, [{ unitCode: `${parcelCode}F00010001`, buildingAreaM2: 80, innerAreaM2: 85 }]));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('UNIT_INNER_AREA_EXCEEDS_BUILDING_AREA');
    expect(res.body.message).toContain(`units[0] (${parcelCode}F00010001): 套内建筑面积 85.00 m² is larger than 建筑面积 80.00 m²`);
    expect(res.body.details.messageZh).toContain('套内建筑面积85.00平方米大于建筑面积80.00平方米');
    expect(await countResults(parcelCode)).toBe(0);
  });

  it('refuses a building area on the land-only unit W00000000', async () => {
    const parcelCode = freshParcelCode();
    const res = await hub.request('POST', '/api/surveys', presale(parcelCode, [{ unitCode: `${parcelCode}W00000000`, buildingAreaM2: 120 }]));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('UNIT_LAND_ONLY_HAS_BUILDING_AREA');
    expect(res.body.message).toContain(`${parcelCode}W00000000`);
  });

  it('refuses declaredBuildingAreaM2 5 000 m² for units summing to 100 m² (二级 限差 0.60 m²), and accepts 100.5 m²', async () => {
    const parcelCode = freshParcelCode();
    const units = [{ unitCode: `${parcelCode}F00010001`, buildingAreaM2: 60 }, { unitCode: `${parcelCode}F00010002`, buildingAreaM2: 40 }];
    const res = await hub.request('POST', '/api/surveys', presale(parcelCode, units, { declaredBuildingAreaM2: 5000 }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('BUILDING_AREA_DIFFERS_FROM_UNITS');
    expect(res.body.message).toContain('100.00 m², by 4900.00 m², beyond the 二级 限差 of ±0.60 m²');
    expect(await countResults(parcelCode)).toBe(0);
    expect((await hub.request('POST', '/api/surveys', presale(parcelCode, units, { declaredBuildingAreaM2: 100.5 }))).status).toBe(201);
  });
});
