// Bad input answered with a structured 4xx that names what is wrong — never a 500, never PostgreSQL's own text.
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { freeCell, landSupplySubmission, samplePlotSomewhere } from '../support/fixtures';
import { sampleTxtSomewhere, txtOfPlots, uploadFields } from '../support/files';
import { multipartBody, rawRequest } from '../support/raw-http';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

/** Words of PostgreSQL's messages that must never reach a client. */
const POSTGRES_TEXT = /violates|constraint|relation|syntax|invalid input|null value|column|duplicate key|byte sequence|UTF8|0x00|statement timeout/i;

const get = (path: string, headers: Record<string, string> = {}) => rawRequest(hub.url, { method: 'GET', path, headers: { cookie: hub.cookie, ...headers } });

describe('a malformed cookie', () => {
  it.each([['GET', '/api/health', 200], ['GET', '/api/parcels', 401], ['GET', '/api/session', 401]])('is read as no session on %s %s', async (method, path, status) => {
    const res = await rawRequest(hub.url, { method, path, headers: { cookie: 'hub_session=%E0%A4%A; other=%' } });
    expect(res.status).toBe(status);
  });

  it('does not stop a login', async () => {
    const { username } = await hub.login(['planner']);
    const res = await rawRequest(hub.url, {
      method: 'POST', path: '/api/session', body: Buffer.from(JSON.stringify({ username, password: 'test-password' })),
      headers: { cookie: 'hub_session=%E0%A4%A', 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
  });
});

describe('query parameters are checked against the route table', () => {
  it.each([
    ['/api/parcels?q[]=a', 'q'],
    ['/api/parcels?q[a]=1', 'q'],
    ['/api/map/features?bbox[]=1&bbox[]=2', 'bbox'],
    ['/api/parcels?q=a%00b', 'q'],
    ['/api/audit?limit=-1', 'limit'],
    ['/api/audit?limit=1e3', 'limit'],
    ['/api/comparisons/areas?parcelCode=410883001001GB90001&format=csv&applicationNo=A%00B', 'applicationNo'],
    ['/api/surveys/00000000-0000-4000-8000-000000000000/export?format=tx%00t', 'format', 'EXPORT_FORMAT_UNSUPPORTED'],
    ['/api/registration-packets/00000000-0000-4000-8000-000000000000?format=pdf', 'format', 'PACKET_FORMAT_UNSUPPORTED'],
    ['/api/parcels?limit=1&offset=-5', 'offset'],
    ['/api/surveys/00000000-0000-4000-8000-000000000000/export?format=txt&applicationNo=X%0D%0AY', 'applicationNo'],
  ])('refuses %s with 400 naming %s', async (path, name, code = 'QUERY_INVALID') => {
    const res = await get(path);
    const body = JSON.parse(res.text);
    expect([res.status, body.code]).toEqual([400, code]);
    expect(body.details.problems.map((p: { field: string }) => p.field)).toContain(name);
  });

  it('still refuses limit=-1 on the parcel search with its own code', async () => {
    const res = await get('/api/parcels?limit=-1');
    expect([res.status, JSON.parse(res.text).code]).toEqual([400, 'QUERY_INVALID']);
  });
});

describe('NUL and other characters PostgreSQL cannot store', () => {
  it('refuses a file name with NUL in an upload, without PostgreSQL text', async () => {
    const code = freshParcelCode();
    const body = multipartBody('b0undary', uploadFields(code), { name: 'plot.txt', bytes: sampleTxtSomewhere() });
    const withNul = Buffer.from(body.toString('latin1').replace('filename="plot.txt"', "filename*=UTF-8''plot%00.txt"), 'latin1');
    const res = await rawRequest(hub.url, { method: 'POST', path: '/api/surveys', body: withNul, headers: { cookie: hub.cookie, 'content-type': 'multipart/form-data; boundary=b0undary' } });
    expect(res.status).toBeLessThan(500);
    expect(JSON.parse(res.text).message).not.toMatch(POSTGRES_TEXT);
  });

  it('refuses an organisation with NUL in a JSON submission as TEXT_INVALID_CHARACTER', async () => {
    const res = await hub.request('POST', '/api/surveys', landSupplySubmission(freshParcelCode(), { organisation: '焦作\u0000测绘' }));
    expect([res.status, res.body.code]).toEqual([400, 'TEXT_INVALID_CHARACTER']);
    expect(res.body.message).not.toMatch(POSTGRES_TEXT);
  });
});

describe('geometry at the edges', () => {
  it('answers an empty GeoJSON ring with a structured 4xx', async () => {
    const features = samplePlotSomewhere();
    features.features[0].geometry.coordinates = [[]];
    const res = await hub.request('POST', '/api/surveys/validate', landSupplySubmission(freshParcelCode(), { features }));
    expect(res.status).toBeLessThan(500);
    if (res.status === 200) expect(res.body.passed).toBe(false);
  });

  it('answers a ring of 140 000 points without overflowing the stack', async () => {
    const features = samplePlotSomewhere();
    const [[e0, n0]] = features.features[0].geometry.coordinates[0];
    const ring: number[][] = [];
    for (let i = 0; i < 140_000; i++) ring.push([e0 + (i % 2) * 50, n0 + i * 0.0001]);
    ring.push(ring[0]);
    features.features[0].geometry.coordinates = [ring];
    const res = await hub.request('POST', '/api/surveys/validate', landSupplySubmission(freshParcelCode(), { features }));
    expect(res.status).toBeLessThan(500);
    expect(res.status === 200 ? res.body.findings.length > 0 && !res.body.passed : res.body.code).toBeTruthy();
  }, 120_000);
});

describe('database errors in the hub\'s own words', () => {
  it('refuses a bulk import whose supersedes spans several parcels with 400 SUPERSEDES_NOT_ON_PARCEL, storing nothing', async () => {
    const first = freshParcelCode(), second = freshParcelCode();
    const accepted = await hub.request('POST', '/api/surveys', landSupplySubmission(first));
    expect((await hub.request('POST', `/api/surveys/${accepted.body.id}/review`, { decision: 'accept' })).status).toBe(200);
    const [a, b] = [freeCell(), freeCell()];
    const { parcelCode: _none, ...fields } = uploadFields('');
    const bytes = txtOfPlots([{ plotNo: first, dE: a[0], dN: a[1] }, { plotNo: second, dE: b[0], dN: b[1] }]);
    const res = await hub.upload('/api/imports', { ...fields, supersedes: accepted.body.id }, { name: 'bulk.txt', bytes });
    expect([res.status, res.body.code]).toEqual([400, 'SUPERSEDES_NOT_ON_PARCEL']);
    expect(res.body.message).not.toMatch(POSTGRES_TEXT);
    const { rows } = await hub.pool.query('SELECT count(*)::int AS n FROM survey_result WHERE parcel_code = ANY($1)', [[first, second]]);
    expect(rows[0].n).toBe(1);
  });
});
