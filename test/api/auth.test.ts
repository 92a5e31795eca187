// People log in, machines send tokens; a surveyor sees its own organisation's unreviewed results and no others';
// what changes state and what is read for an application is recorded, and the record cannot be changed.
import { startHub, type RunningHub } from '../../server/hub';
import { issueToken } from '../../server/services/accounts.service';
import { freshParcelCode, startTestHub, testConfig, TEST_ORGANISATION, type TestHub } from '../support/test-hub';
import { freeCell, landSupplySubmission, samplePlotAt } from '../support/fixtures';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.stop());

/** A request as one principal (cookie or authorization header), answering status and JSON. */
async function as(headers: Record<string, string>, method: string, path: string, body?: unknown) {
  const res = await fetch(`${hub.url}${path}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  expect(res.status).toBeLessThan(500);
  return { status: res.status, headers: res.headers, body: await res.json().catch(() => null) };
}

describe('people', () => {
  it('asks anonymous requests to log in, but answers health', async () => {
    expect((await as({}, 'GET', '/api/health')).status).toBe(200);
    const res = await as({}, 'GET', '/api/parcels');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('AUTH_REQUIRED');
  });

  it('logs in with an HttpOnly, SameSite session cookie, says who is logged in, and logs out', async () => {
    const person = await hub.login(['planner']);
    const who = await as({ cookie: person.cookie }, 'GET', '/api/session');
    expect(who.body).toMatchObject({ username: person.username, roles: ['planner'], via: 'session' });
    const again = await fetch(`${hub.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: person.username, password: 'test-password' }) });
    const flags = again.headers.get('set-cookie')!;
    expect(flags).toMatch(/HttpOnly/);
    expect(flags).toMatch(/SameSite=Lax/);
    expect(flags).not.toMatch(/Secure/); // plain HTTP here
    expect((await as({ cookie: person.cookie }, 'DELETE', '/api/session')).status).toBe(200);
    const after = await as({ cookie: person.cookie }, 'GET', '/api/parcels');
    expect(after.status).toBe(401);
    expect(after.body.message).toContain('session has ended');
  });

  it('refuses a wrong password without saying whether the user exists', async () => {
    const person = await hub.login(['planner']);
    const wrong = await as({}, 'POST', '/api/session', { username: person.username, password: 'nope' });
    const nobody = await as({}, 'POST', '/api/session', { username: 'no-such-user', password: 'nope' });
    expect([wrong.status, nobody.status]).toEqual([401, 401]);
    expect(wrong.body.message).toBe(nobody.body.message);
  });

  it('stores passwords hashed with scrypt, never as given', async () => {
    const person = await hub.login(['planner']);
    const { rows } = await hub.pool.query('SELECT password_hash FROM account WHERE username = $1', [person.username]);
    expect(rows[0].password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(rows[0].password_hash).not.toContain('test-password');
  });

  it('marks the cookie Secure behind a TLS-terminating proxy', async () => {
    const proxied: RunningHub = await startHub(testConfig({ TRUST_PROXY: '1' }), () => undefined);
    try {
      const person = await hub.login(['planner']);
      const res = await fetch(`${proxied.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body: JSON.stringify({ username: person.username, password: 'test-password' }) });
      expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
    } finally {
      await proxied.stop();
    }
  });
});

describe('machines', () => {
  it('accept a bearer token, stored hashed, until it is revoked', async () => {
    const admin = await hub.login(['admin']);
    const department = await as({ cookie: admin.cookie }, 'POST', '/api/accounts', { username: `housing-${Date.now()}`, kind: 'department', roles: ['surveyor'], organisation: '焦作市住房和城乡建设局' });
    expect(department.status).toBe(201);
    const issued = await as({ cookie: admin.cookie }, 'POST', `/api/accounts/${department.body.id}/tokens`, { name: '楼盘表推送', roles: ['surveyor'] });
    expect(issued.status).toBe(201);
    const bearer = { authorization: `Bearer ${issued.body.token}` };
    expect((await as(bearer, 'GET', '/api/session')).body).toMatchObject({ kind: 'department', roles: ['surveyor'], via: 'token' });
    const { rows } = await hub.pool.query('SELECT token_hash FROM api_token WHERE id = $1', [issued.body.id]);
    expect(rows[0].token_hash).not.toBe(issued.body.token);
    expect((await as({ cookie: admin.cookie }, 'DELETE', `/api/tokens/${issued.body.id}`)).status).toBe(200);
    const revoked = await as(bearer, 'GET', '/api/session');
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('TOKEN_INVALID');
  });

  it('keep a token to the counties of its scope', async () => {
    const department = await hub.login(['surveyor']);
    const { token } = await issueToken(hub.pool, department.id, '解放区 only', ['surveyor'], ['410802']);
    const bearer = { authorization: `Bearer ${token}` };
    const res = await as(bearer, 'POST', '/api/surveys', landSupplySubmission(freshParcelCode()));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('COUNTY_OUT_OF_SCOPE');
  });

  it('cannot get a token with roles beyond its account', async () => {
    const department = await hub.login(['surveyor']);
    await expect(issueToken(hub.pool, department.id, 'too much', ['admin'], null)).rejects.toMatchObject({ code: 'TOKEN_ROLES_BEYOND_ACCOUNT' });
  });
});

describe('a surveyor', () => {
  it('submits for its own organisation only', async () => {
    const surveyor = await hub.login(['surveyor']);
    const res = await as({ cookie: surveyor.cookie }, 'POST', '/api/surveys', landSupplySubmission(freshParcelCode(), { organisation: '别家测绘公司' }));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ORGANISATION_MISMATCH');
  });

  it("cannot read another organisation's unreviewed result by id, in the parcel, by bbox or as an export — until it is accepted", async () => {
    const mine = await hub.login(['surveyor']);
    const theirs = await hub.login(['surveyor'], { organisation: '另一家测绘公司' });
    const parcelCode = freshParcelCode();
    const submitted = await as({ cookie: mine.cookie }, 'POST', '/api/surveys', landSupplySubmission(parcelCode, { organisation: TEST_ORGANISATION, features: samplePlotAt(...freeCell()) }));
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    const [minLon, minLat, maxLon, maxLat] = submitted.body.geometry4490.coordinates[0].reduce(
      (b: number[], [lon, lat]: number[]) => [Math.min(b[0], lon), Math.min(b[1], lat), Math.max(b[2], lon), Math.max(b[3], lat)], [180, 90, -180, -90]);
    const bbox = `/api/parcels?bbox=${minLon - 1e-4},${minLat - 1e-4},${maxLon + 1e-4},${maxLat + 1e-4}`;

    const views = async (cookie: string) => ({
      byId: (await as({ cookie }, 'GET', `/api/surveys/${id}`)).status,
      inParcel: await as({ cookie }, 'GET', `/api/parcels/${parcelCode}`).then((r) => (r.status === 200 ? r.body.timeline.length : r.status)),
      byBbox: (await as({ cookie }, 'GET', bbox)).body.items.some((p: any) => p.parcelCode === parcelCode),
      export: (await as({ cookie }, 'GET', `/api/surveys/${id}/export?format=geojson`)).status,
    });
    expect(await views(mine.cookie)).toEqual({ byId: 200, inParcel: 1, byBbox: true, export: 200 });
    // The parcel itself came with the unreviewed submission: it is hidden too, as if it did not exist.
    expect(await views(theirs.cookie)).toEqual({ byId: 404, inParcel: 404, byBbox: false, export: 404 });
    expect(await views((await hub.login(['reviewer'])).cookie)).toEqual({ byId: 200, inParcel: 1, byBbox: true, export: 200 });

    await hub.request('POST', `/api/surveys/${id}/review`, { decision: 'accept' });
    expect(await views(theirs.cookie)).toEqual({ byId: 200, inParcel: 1, byBbox: true, export: 200 });
  });
});

describe('the audit log', () => {
  it('records submit, review, supersede and export with who, when, application, purpose and address', async () => {
    const parcelCode = freshParcelCode();
    const first = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode));
    await hub.request('POST', `/api/surveys/${first.body.id}/review`, { decision: 'accept' });
    const correction = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { supersedes: first.body.id, features: first.body.geometry && { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: first.body.geometry }] } }));
    await hub.request('POST', `/api/surveys/${correction.body.id}/review`, { decision: 'accept' });
    await hub.download(`/api/surveys/${correction.body.id}/export?format=txt&applicationNo=JZ2025-0001&purpose=${encodeURIComponent('首次登记')}`);
    const log = await hub.request('GET', `/api/audit?parcelCode=${parcelCode}`);
    const actions = log.body.items.map((e: any) => e.action).reverse();
    expect(actions).toEqual(['survey.submit', 'survey.review', 'survey.submit', 'survey.review', 'survey.supersede', 'survey.export']);
    const exported = log.body.items[0];
    expect(exported).toMatchObject({ applicationNo: 'JZ2025-0001', purpose: '首次登记', subjectId: correction.body.id, clientAddress: expect.stringMatching(/127\.0\.0\.1/) });
    expect(exported.actor).toMatch(/^t-/);
  });

  it('refuses to change or delete audit rows, whoever asks', async () => {
    // On a server the hub's role (onesurvey_app) may only insert and read; on the embedded engine the triggers refuse.
    for (const table of ['audit_event', 'audit_hub_event']) {
      await expect(hub.pool.query(`UPDATE ${table} SET actor = 'someone else'`)).rejects.toThrow(/append-only|permission denied/);
      await expect(hub.pool.query(`DELETE FROM ${table}`)).rejects.toThrow(/append-only|permission denied/);
      await expect(hub.pool.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only|permission denied/);
    }
  });
});

describe('safety', () => {
  it('lets exactly one of two corrections of the same result through', async () => {
    const parcelCode = freshParcelCode();
    const plot = samplePlotAt(...freeCell());
    const first = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { features: plot }));
    await hub.request('POST', `/api/surveys/${first.body.id}/review`, { decision: 'accept' });
    const [a, b] = await Promise.all([0, 1].map(() => hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { supersedes: first.body.id, features: plot }))));
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.code).toBe('SUPERSEDES_IN_PROGRESS');
  });

  it('limits requests per client, saying when to come back', async () => {
    const limited: RunningHub = await startHub(testConfig({ RATE_LIMIT: '5' }), () => undefined);
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 7; i++) {
        const res = await fetch(`${limited.url}/api/health`);
        statuses.push(res.status);
        retryAfter ??= res.headers.get('retry-after');
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await limited.stop();
    }
  });
});
