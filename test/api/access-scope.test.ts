// County scope holds for writes as for reads (issue 10, item 5), and a token is never wider than its account (item 6).
import { issueToken } from '../../server/services/accounts.service';
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { landSupplySubmission } from '../support/fixtures';

let hub: TestHub;
const IN = '410883';
const OUT = '410802';
let elsewhere: string;
let pending: string;
let packetId: string;
const WHY = `applicationNo=JZ-SCOPE-1&purpose=${encodeURIComponent('首次登记')}`;

beforeAll(async () => {
  hub = await startTestHub();
  elsewhere = freshParcelCode('GB', OUT);
  await hub.request('PUT', `/api/parcels/${elsewhere}`, { location: '解放区 原坐落' });
  const units = (n: number) => landSupplySubmission(elsewhere, { features: undefined, kind: '房产实测', stage: 'completion', units: [{ unitCode: `${elsewhere}F0001000${n}`, buildingAreaM2: 80 }] });
  pending = (await hub.request('POST', '/api/surveys', units(1))).body.id;
  packetId = (await hub.request('POST', '/api/registration-packets', { parcelCode: elsewhere, registrationType: '转移登记', applicationNo: 'JZ-SCOPE-0', purpose: '转移登记' })).body.packetId;
});
afterAll(() => hub.stop());

/** A bearer token of a new account holding `role`, both limited to 孟州 (410883). */
async function scopedToken(role: 'registrar' | 'reviewer' | 'surveyor') {
  const account = await hub.login([role], { countyCodes: [IN] });
  const { token } = await issueToken(hub.pool, account.id, `孟州 ${role}`, [role], [IN]);
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${hub.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, body: await res.json().catch(() => null) };
  };
}

describe('a token scoped to 孟州', () => {
  it('as a registrar cannot update a 解放区 parcel, create a packet for it, read its packet or its access log', async () => {
    const as = await scopedToken('registrar');
    const put = await as('PUT', `/api/parcels/${elsewhere}`, { location: '改写的坐落' });
    expect([put.status, put.body.code]).toEqual([403, 'COUNTY_OUT_OF_SCOPE']);
    const packets = async () => (await hub.pool.query('SELECT count(*)::int AS n FROM registration_packet WHERE parcel_code = $1', [elsewhere])).rows[0].n;
    const before = await packets();
    const created = await as('POST', '/api/registration-packets', { parcelCode: elsewhere, registrationType: '转移登记', applicationNo: 'JZ-SCOPE-2', purpose: '转移登记' });
    expect([created.status, created.body.code]).toEqual([403, 'COUNTY_OUT_OF_SCOPE']);
    const read = await as('GET', `/api/registration-packets/${packetId}?${WHY}`);
    expect([read.status, read.body.code]).toEqual([404, 'PACKET_NOT_FOUND']);
    const log = await as('GET', `/api/access-log?parcelCode=${elsewhere}&${WHY}`);
    expect([log.status, log.body.code]).toEqual([404, 'PARCEL_NOT_FOUND']);
    // Nothing changed: the parcel keeps its 坐落, no packet was added.
    expect((await hub.request('GET', `/api/parcels/${elsewhere}`)).body.parcel.location).toBe('解放区 原坐落');
    expect(await packets()).toBe(before);
  });

  it('as a reviewer cannot accept a 解放区 result, nor read its boundary diff', async () => {
    const as = await scopedToken('reviewer');
    const accepted = await as('POST', `/api/surveys/${pending}/review`, { decision: 'accept' });
    expect([accepted.status, accepted.body.code]).toEqual([404, 'SURVEY_NOT_FOUND']);
    expect((await hub.request('GET', `/api/surveys/${pending}`)).body.status).toBe('submitted');
    const diff = await as('GET', `/api/parcels/${elsewhere}/boundary-diff?against=${pending}&${WHY}`);
    expect([diff.status, diff.body.code]).toEqual([404, 'PARCEL_NOT_FOUND']);
  });

  it('as a surveyor cannot write a unit in 解放区, but can in 孟州', async () => {
    const as = await scopedToken('surveyor');
    const unitCode = `${elsewhere}F00090001`;
    const put = await as('PUT', `/api/units/${unitCode}`, { location: '3 单元 101' });
    expect([put.status, put.body.code]).toEqual([403, 'COUNTY_OUT_OF_SCOPE']);
    expect((await hub.pool.query('SELECT count(*)::int AS n FROM unit WHERE unit_code = $1', [unitCode])).rows[0].n).toBe(0);
    const home = await as('PUT', `/api/units/${freshParcelCode('GB', IN)}F00090001`, { location: '3 单元 101' });
    expect(home.status).toBe(201);
  });
});

describe('a token for an account limited to counties', () => {
  it('is refused without countyCodes (that would reach every county) or with a county outside the account\'s, and issued within them', async () => {
    const account = await hub.login(['registrar'], { countyCodes: [IN] });
    const issue = (body: unknown) => hub.request('POST', `/api/accounts/${account.id}/tokens`, body);
    const unlimited = await issue({ name: 'all counties', roles: ['registrar'] });
    expect([unlimited.status, unlimited.body.code]).toEqual([400, 'TOKEN_COUNTIES_BEYOND_ACCOUNT']);
    expect(unlimited.body.message).toContain('410883');
    const wider = await issue({ name: 'two counties', roles: ['registrar'], countyCodes: [IN, OUT] });
    expect([wider.status, wider.body.code]).toEqual([400, 'TOKEN_COUNTIES_BEYOND_ACCOUNT']);
    expect(wider.body.message).toContain(OUT);
    const within = await issue({ name: '孟州', roles: ['registrar'], countyCodes: [IN] });
    expect(within.status).toBe(201);
    expect((await hub.pool.query('SELECT count(*)::int AS n FROM api_token WHERE account_id = $1', [account.id])).rows[0].n).toBe(1);
  });
});
