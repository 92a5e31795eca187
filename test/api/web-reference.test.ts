// What the web app reads besides results: the survey kinds per stage, the map's administrative outlines, the
// configured 天地图 key, and the uploaded plots' outlines in the quality report.
import { sampleTxt, uploadFields } from '../support/files';
import { freeCell } from '../support/fixtures';
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.stop());

describe('the survey kinds the upload form offers', () => {
  it('lists every kind of the reference table in its order, each with the stages it may be submitted for', async () => {
    const res = await hub.request('GET', '/api/survey-kinds');
    expect(res.status).toBe(200);
    const { rows } = await hub.pool.query('SELECT code, stages FROM survey_kind ORDER BY sort_order');
    expect(res.body.items.map((k: any) => k.code)).toEqual(rows.map((r) => r.code));
    const byCode = new Map(res.body.items.map((k: any) => [k.code, k]));
    expect((byCode.get('房产预测') as any).stages).toEqual(['presale']);
    expect((byCode.get('勘测定界') as any).stages).toEqual(['land_supply', 'legacy']);
    expect((byCode.get('规划放线') as any).geometryRole).toBe('building_footprint');
  });

  it('answers 401 to a request without a session', async () => {
    const res = await fetch(`${hub.url}/api/survey-kinds`);
    expect(res.status).toBe(401);
  });
});

describe('the administrative context of the map', () => {
  let context: any;
  beforeAll(async () => {
    const res = await hub.request('GET', '/api/map/context');
    expect(res.status).toBe(200);
    context = res.body;
  });
  const feature = (level: string, code: string) => context.features.find((f: any) => f.properties.level === level && f.properties.code === code);

  it('names 河南省, 焦作市 and its ten counties, saying the outlines are approximate', () => {
    expect(feature('province', '410000').properties.name).toBe('河南省');
    expect(feature('city', '410800').properties.name).toBe('焦作市');
    const jiaozuo = context.features.filter((f: any) => f.properties.level === 'county' && f.properties.code.startsWith('4108'));
    expect(jiaozuo.map((f: any) => f.properties.name).sort()).toEqual(['中站区', '修武县', '博爱县', '孟州市', '山阳区', '武陟县', '沁阳市', '温县', '解放区', '马村区'].sort());
    expect(context.note).toMatch(/approximate/);
  });

  it('draws 焦作市 around the DOMAIN.md sample point and each county\'s label inside its own outline', async () => {
    const city = JSON.stringify(feature('city', '410800').geometry);
    const county = feature('county', '410802');
    const { rows } = await hub.pool.query(
      `SELECT ST_Contains(ST_GeomFromGeoJSON($1), ST_SetSRID(ST_MakePoint(113.24, 35.22), 4326)) AS sample,
              ST_Contains(ST_GeomFromGeoJSON($1), ST_SetSRID(ST_MakePoint(114.30, 34.80), 4326)) AS kaifeng,
              ST_Intersects(ST_GeomFromGeoJSON($2), ST_SetSRID(ST_MakePoint($3, $4), 4326)) AS label`,
      [city, JSON.stringify(county.geometry), county.properties.labelLon, county.properties.labelLat]);
    expect(rows[0]).toEqual({ sample: true, kaifeng: false, label: true });
  });

  it('makes the city outline cover its counties: its area within 1 % of theirs added up', async () => {
    const counties = context.features.filter((f: any) => f.properties.level === 'county' && f.properties.code.startsWith('4108')).map((f: any) => JSON.stringify(f.geometry));
    const { rows } = await hub.pool.query(
      'SELECT ST_Area(ST_GeomFromGeoJSON($1)) AS city, (SELECT sum(ST_Area(ST_GeomFromGeoJSON(g))) FROM unnest($2::text[]) AS g) AS counties',
      [JSON.stringify(feature('city', '410800').geometry), counties]);
    expect(Math.abs(rows[0].city / rows[0].counties - 1)).toBeLessThan(0.01);
  });
});

describe('the 天地图 key', () => {
  it('is null in the health answer when TIANDITU_KEY is not set', async () => {
    const res = await hub.request('GET', '/api/health');
    expect(res.body.tiandituKey).toBeNull();
  });

  it('is handed to the web app when TIANDITU_KEY is set', async () => {
    const key = '0123456789abcdef0123456789abcdef';
    const keyed = await startTestHub({ TIANDITU_KEY: key });
    try {
      expect((await keyed.request('GET', '/api/health')).body.tiandituKey).toBe(key);
    } finally {
      await keyed.stop();
    }
  });
});

describe('the uploaded plots in the quality report', () => {
  it('carries each plot\'s rings as written, X north and Y east, for the map to draw', async () => {
    const [dE, dN] = freeCell();
    const res = await hub.upload('/api/surveys/validate', uploadFields(freshParcelCode()), { name: 'plot.txt', bytes: sampleTxt(dE, dN) });
    expect(res.status).toBe(200);
    const [outer, hole] = res.body.plots[0].outline;
    expect(outer).toHaveLength(4); // the closing point is not repeated
    expect(outer[0]).toEqual([3899300 + dN, 38430800 + dE]);
    expect(outer[2]).toEqual([3899260 + dN, 38430860 + dE]);
    expect(hole[0]).toEqual([3899290 + dN, 38430810 + dE]);
  });
});
