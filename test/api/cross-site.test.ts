// Requests a page did not mean to send: with a session cookie, another site's page can neither change anything
// (POST/PUT/DELETE refused on Sec-Fetch-Site or a foreign Origin) nor make an export recorded under an application.
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { landSupplySubmission } from '../support/fixtures';
import { rawRequest } from '../support/raw-http';
import { routes } from '../../server/app';
import { EVERY_AUDIT_ROW } from '../support/audit-rows';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const EVIL = 'http://evil.example:8666';

async function submitted(): Promise<string> {
  const res = await hub.request('POST', '/api/surveys', landSupplySubmission(freshParcelCode()));
  expect(res.status).toBe(201);
  return res.body.id;
}

const review = (id: string, cookie: string, headers: Record<string, string>) =>
  rawRequest(hub.url, { method: 'POST', path: `/api/surveys/${id}/review`, body: Buffer.from(JSON.stringify({ decision: 'reject', note: 'forged' })), headers: { cookie, 'content-type': 'application/json', ...headers } });

const statusOf = async (id: string) => (await hub.request('GET', `/api/surveys/${id}`)).body.status;

describe('state-changing requests with a session cookie', () => {
  it.each([
    ['a foreign Origin', { origin: EVIL }],
    ['Origin null (a sandboxed page or a file)', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site', origin: 'http://other.localhost' }],
  ])('are refused from %s with 403 CROSS_SITE_REQUEST, nothing changed', async (_what, headers) => {
    const { cookie } = await hub.login(['reviewer']);
    const id = await submitted();
    const res = await review(id, cookie, headers);
    expect([res.status, JSON.parse(res.text).code]).toEqual([403, 'CROSS_SITE_REQUEST']);
    expect(await statusOf(id)).toBe('submitted');
  });

  it.each([
    ['the hub\'s own Origin', () => ({ origin: hub.url })],
    ['Sec-Fetch-Site: same-origin', () => ({ 'sec-fetch-site': 'same-origin', origin: hub.url })],
    ['Sec-Fetch-Site: same-origin behind a dev proxy with another Host', () => ({ 'sec-fetch-site': 'same-origin', origin: 'http://localhost:5173' })],
    ['neither header (a script or curl)', () => ({})],
  ])('pass from %s', async (_what, headers) => {
    const { cookie } = await hub.login(['reviewer']);
    const id = await submitted();
    const res = await review(id, cookie, headers());
    expect(res.status).toBe(200);
    expect(await statusOf(id)).toBe('rejected');
  });

  it('refuses a cross-site PUT and DELETE too', async () => {
    const code = freshParcelCode();
    const put = await rawRequest(hub.url, { method: 'PUT', path: `/api/parcels/${code}`, body: Buffer.from('{"location":"x"}'), headers: { cookie: hub.cookie, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' } });
    expect(put.status).toBe(403);
    expect((await hub.request('GET', `/api/parcels/${code}`)).status).toBe(404);
    const logout = await rawRequest(hub.url, { method: 'DELETE', path: '/api/session', headers: { cookie: hub.cookie, origin: EVIL } });
    expect(logout.status).toBe(403);
    expect((await hub.request('GET', '/api/session')).status).toBe(200);
  });

  it('refuses a login posted from another site (login CSRF)', async () => {
    const { username } = await hub.login(['planner']);
    const res = await rawRequest(hub.url, { method: 'POST', path: '/api/session', body: Buffer.from(JSON.stringify({ username, password: 'test-password' })), headers: { 'content-type': 'application/json', origin: EVIL } });
    expect([res.status, res.headers['set-cookie']]).toEqual([403, undefined]);
  });

  it('does not affect a bearer token, whatever the headers say', async () => {
    const { id: accountId } = await hub.login(['reviewer']);
    const issued = await hub.request('POST', `/api/accounts/${accountId}/tokens`, { name: 'cross-site test', roles: ['reviewer'] });
    const id = await submitted();
    const res = await rawRequest(hub.url, {
      method: 'POST', path: `/api/surveys/${id}/review`, body: Buffer.from(JSON.stringify({ decision: 'accept' })),
      headers: { authorization: `Bearer ${issued.body.token}`, 'content-type': 'application/json', origin: EVIL, 'sec-fetch-site': 'cross-site' },
    });
    expect(res.status).toBe(200);
    expect(await statusOf(id)).toBe('accepted');
  });
});

describe('reads that record an application and purpose', () => {
  const forgedRows = async (applicationNo: string) =>
    (await hub.pool.query(`SELECT count(*)::int AS n FROM ${EVERY_AUDIT_ROW} WHERE application_no = $1`, [applicationNo])).rows[0].n;

  it('refuses a cross-site or same-site navigation to an export, writing no forged audit row', async () => {
    const id = await submitted();
    for (const site of ['cross-site', 'same-site']) {
      const applicationNo = `FORGED-${site}-${Date.now()}`;
      const res = await rawRequest(hub.url, { method: 'GET', path: `/api/surveys/${id}/export?format=txt&applicationNo=${applicationNo}&purpose=x`, headers: { cookie: hub.cookie, 'sec-fetch-site': site, 'sec-fetch-mode': 'navigate' } });
      expect([site, res.status, JSON.parse(res.text).code]).toEqual([site, 403, 'CROSS_SITE_REQUEST']);
      expect(await forgedRows(applicationNo)).toBe(0);
    }
  });

  it('serves the same export to the hub\'s own page and records it', async () => {
    const id = await submitted();
    const applicationNo = `OWN-${Date.now()}`;
    const res = await rawRequest(hub.url, { method: 'GET', path: `/api/surveys/${id}/export?format=txt&applicationNo=${applicationNo}&purpose=registration`, headers: { cookie: hub.cookie, 'sec-fetch-site': 'same-origin' } });
    expect(res.status).toBe(200);
    expect(await forgedRows(applicationNo)).toBe(1);
  });

  it('marks exports, packet downloads and comparison exports in the route table', async () => {
    expect(routes.filter((r) => r.recordsApplication).map((r) => r.operationId).sort()).toEqual(['compareAreas', 'exportSurvey', 'getPacket']);
  });

  it('still lets another site link to a read that records nothing', async () => {
    const res = await rawRequest(hub.url, { method: 'GET', path: '/api/parcels?limit=1', headers: { cookie: hub.cookie, 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(200);
  });
});
