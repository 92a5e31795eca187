// Multipart bodies cut off, garbled or abandoned on every multipart route, fields checked like JSON, and a
// multipart or text body sent where JSON is expected: a structured 4xx every time, and the process stays up.
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { landSupplySubmission } from '../support/fixtures';
import { sampleTxtSomewhere, uploadFields } from '../support/files';
import { multipartBody, rawRequest } from '../support/raw-http';
import { routes } from '../../server/app';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const BOUNDARY = 'hub-test-boundary-7d91';
const multipartRoutes = routes.filter((r) => r.body?.multipart);
const pathOf = (path: string, parcelCode: string) => path.replace('{parcelCode}', parcelCode);

const expectAlive = async () => expect((await hub.request('GET', '/api/health')).status).toBe(200);

describe('multipart framing', () => {
  it('finds the multipart routes in the route table', () => {
    expect(multipartRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'post /api/imports', 'post /api/parcels/{parcelCode}/boundary-diff', 'post /api/surveys', 'post /api/surveys/validate',
    ]);
  });

  it.each(multipartRoutes.map((r) => [r.path, r] as const))('answers %s with 400 UPLOAD_MALFORMED for a body cut off before its closing boundary, and stays up', async (_path, route) => {
    const code = freshParcelCode();
    const whole = multipartBody(BOUNDARY, uploadFields(code), { name: 'plot.txt', bytes: sampleTxtSomewhere() });
    for (const cut of [whole.length - 8, Math.floor(whole.length / 2), 60]) {
      const res = await rawRequest(hub.url, {
        method: 'POST', path: pathOf(route.path, code), body: whole.subarray(0, cut),
        headers: { cookie: hub.cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      });
      expect([cut, res.status, JSON.parse(res.text).code]).toEqual([cut, 400, 'UPLOAD_MALFORMED']);
      expect(JSON.parse(res.text).message).toMatch(/closing boundary|not well-formed|part header/);
    }
    await expectAlive();
  });

  it('survives a client that hangs up in the middle of the file on every multipart route', async () => {
    const code = freshParcelCode();
    const whole = multipartBody(BOUNDARY, uploadFields(code), { name: 'plot.txt', bytes: sampleTxtSomewhere() });
    for (const route of multipartRoutes) {
      await rawRequest(hub.url, {
        method: 'POST', path: pathOf(route.path, code), body: whole, hangUpAfter: whole.length - 100,
        headers: { cookie: hub.cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      });
    }
    await expectAlive();
  });

  it('names a boundary missing from the Content-Type', async () => {
    const res = await rawRequest(hub.url, { method: 'POST', path: '/api/surveys/validate', body: Buffer.from('--x\r\n'), headers: { cookie: hub.cookie, 'content-type': 'multipart/form-data' } });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ code: 'UPLOAD_MALFORMED' });
  });
});

describe('multipart fields are checked against the route schema like JSON', () => {
  it('refuses an unknown field, naming it', async () => {
    const res = await hub.upload('/api/surveys/validate', { ...uploadFields(freshParcelCode()), x: '1' }, { name: 'plot.txt', bytes: sampleTxtSomewhere() });
    expect([res.status, res.body.code]).toEqual([400, 'BODY_INVALID']);
    expect(res.body.message).toContain("unknown field 'x'");
  });

  it('refuses a precision class outside 1–3 and a missing stage, naming both', async () => {
    const { stage: _stage, ...fields } = uploadFields(freshParcelCode(), { precisionClass: 7 });
    const res = await hub.upload('/api/surveys', fields, { name: 'plot.txt', bytes: sampleTxtSomewhere() });
    expect([res.status, res.body.code]).toEqual([400, 'BODY_INVALID']);
    expect(res.body.details.problems.map((p: { field: string }) => p.field).sort()).toEqual(['precisionClass', 'stage']);
  });

  it('refuses a field of the candidate-file comparison other than crs', async () => {
    const res = await hub.upload(`/api/parcels/${freshParcelCode()}/boundary-diff`, { decision: 'reject' }, { name: 'plot.txt', bytes: sampleTxtSomewhere() });
    expect([res.status, res.body.code]).toEqual([400, 'BODY_INVALID']);
  });
});

describe('a body of a type the route does not take', () => {
  it('answers 415 to a multipart review (-F x=1) and leaves the result submitted', async () => {
    const submitted = await hub.request('POST', '/api/surveys', landSupplySubmission(freshParcelCode()));
    expect(submitted.status).toBe(201);
    const form = new FormData();
    form.append('x', '1');
    const res = await fetch(`${hub.url}/api/surveys/${submitted.body.id}/review`, { method: 'POST', body: form, headers: { cookie: hub.cookie } });
    expect([res.status, (await res.json()).code]).toEqual([415, 'BODY_TYPE_UNSUPPORTED']);
    expect((await hub.request('GET', `/api/surveys/${submitted.body.id}`)).body.status).toBe('submitted');
  });

  it('answers 400 to a review without a decision (none is read as a rejection)', async () => {
    const submitted = await hub.request('POST', '/api/surveys', landSupplySubmission(freshParcelCode()));
    const res = await hub.request('POST', `/api/surveys/${submitted.body.id}/review`, { note: 'no' });
    expect([res.status, res.body.code]).toEqual([400, 'BODY_INVALID']);
    expect(res.body.message).toContain('decision is required');
    expect((await hub.request('GET', `/api/surveys/${submitted.body.id}`)).body.status).toBe('submitted');
  });

  it('answers 415 to a text/plain or url-encoded body on a JSON route', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await fetch(`${hub.url}/api/accounts`, { method: 'POST', body: 'username=x', headers: { cookie: hub.cookie, 'content-type': type } });
      expect([type, res.status, (await res.json()).code]).toEqual([type, 415, 'BODY_TYPE_UNSUPPORTED']);
    }
  });

  it('answers 415 to JSON sent to the candidate-file comparison, which takes a file', async () => {
    const res = await hub.request('POST', `/api/parcels/${freshParcelCode()}/boundary-diff`, { crs: 'EPSG:4526' });
    expect([res.status, res.body.code]).toEqual([415, 'BODY_TYPE_UNSUPPORTED']);
  });
});
