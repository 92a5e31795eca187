// The authorization matrix, generated from the route table: every route × every principal gets the status its
// access rule promises — so a new route cannot slip in without a rule, nor with the wrong one.
import { routes } from '../../server/app';
import { ROLES, type Role } from '../../server/auth/viewer';
import { issueToken } from '../../server/services/accounts.service';
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { landSupplySubmission } from '../support/fixtures';

let hub: TestHub;
const principals: Record<string, Record<string, string>> = { anonymous: {} };
beforeAll(async () => {
  hub = await startTestHub();
  for (const role of ROLES) principals[role] = { cookie: (await hub.login([role])).cookie };
  const department = await hub.login(['surveyor'], { organisation: '焦作市住房和城乡建设局' });
  principals['department token (surveyor)'] = { authorization: `Bearer ${(await issueToken(hub.pool, department.id, 'matrix', ['surveyor'], null)).token}` };
});
afterAll(() => hub.stop());

/** A request for the route with well-formed placeholders: the rule decides before anything is looked up. */
function requestFor(path: string): string {
  return path
    .replace('{parcelCode}', freshParcelCode())
    .replace('{unitCode}', `${freshParcelCode()}F00010001`)
    .replace('{id}', '3f2c1e0a-0000-4000-8000-00000000abcd');
}

function expected(access: (typeof routes)[number]['access'], principal: string): 'allowed' | 401 | 403 {
  if (access === 'public') return 'allowed';
  if (principal === 'anonymous') return 401;
  if (access === 'authenticated') return 'allowed';
  const roles: Role[] = principal.startsWith('department') ? ['surveyor'] : [principal as Role];
  return roles.some((r) => access.includes(r)) ? 'allowed' : 403;
}

// Logging out ends the session the other rows use, so it comes last.
const ordered = [...routes].sort((a, b) => Number(a.method === 'delete' && a.path === '/api/session') - Number(b.method === 'delete' && b.path === '/api/session'));

it('has an access rule on every route, and only health and the login are open to anonymous requests', () => {
  for (const route of routes) expect([route.method, route.path, route.access]).toEqual([route.method, route.path, expect.anything()]);
  expect(routes.filter((r) => r.access === 'public').map((r) => `${r.method.toUpperCase()} ${r.path}`).sort()).toEqual(['GET /api/health', 'POST /api/session']);
});

it('answers every route for every principal as its rule says', async () => {
  const rows: string[] = [];
  for (const route of ordered) {
    for (const [principal, headers] of Object.entries(principals)) {
      const res = await fetch(`${hub.url}${requestFor(route.path)}`, {
        method: route.method.toUpperCase(),
        headers: { ...headers, ...(route.body ? { 'content-type': 'application/json' } : {}) },
        body: route.body ? '{}' : undefined,
      });
      const want = expected(route.access, principal);
      const ok = want === 'allowed' ? res.status !== 401 && res.status !== 403 && res.status < 500 : res.status === want;
      if (!ok) rows.push(`${route.method.toUpperCase()} ${route.path} as ${principal}: ${res.status}, expected ${want}`);
    }
  }
  expect(rows).toEqual([]);
});

// County scope × every route that names a parcel, a result or a packet × every role allowed on it: a token scoped
// to 孟州 (410883) reaches the 孟州 object and not the same object in 解放区 (410802) — reads and writes alike.
describe('scoped tokens', () => {
  const IN = '410883';
  const OUT = '410802';
  const WHY = `applicationNo=JZ-MATRIX-1&purpose=${encodeURIComponent('矩阵测试')}`;
  type Objects = { parcel: string; accepted: string; submitted: string; packet: string };
  const objects: Record<string, Objects> = {};
  const tokens: Record<string, Record<string, string>> = {};

  /** A parcel with an accepted and a submitted result (unit areas only: no geometry to place) and a packet. */
  async function objectsIn(county: string): Promise<Objects> {
    const parcel = freshParcelCode('GB', county);
    await hub.request('PUT', `/api/parcels/${parcel}`, { location: `矩阵 ${county}` });
    const units = (n: number) => ({ features: undefined, kind: '房产实测', stage: 'completion', units: [{ unitCode: `${parcel}F0001000${n}`, buildingAreaM2: 88.8 }] });
    const accepted = (await hub.request('POST', '/api/surveys', landSupplySubmission(parcel, units(1)))).body.id;
    await hub.request('POST', `/api/surveys/${accepted}/review`, { decision: 'accept' });
    const submitted = (await hub.request('POST', '/api/surveys', landSupplySubmission(parcel, units(2)))).body.id;
    const packet = (await hub.request('POST', '/api/registration-packets', { parcelCode: parcel, registrationType: '转移登记', applicationNo: 'JZ-MATRIX-0', purpose: '转移登记' })).body.packetId;
    return { parcel, accepted, submitted, packet };
  }

  beforeAll(async () => {
    objects.in = await objectsIn(IN);
    objects.out = await objectsIn(OUT);
    for (const role of ROLES) {
      const account = await hub.login([role], { countyCodes: [IN] });
      tokens[role] = { authorization: `Bearer ${(await issueToken(hub.pool, account.id, `matrix ${role}`, [role], [IN])).token}` };
    }
  });

  /** The request of a route on one county's objects: path, query and (for writes) a body naming them. */
  function scopedRequest(route: (typeof routes)[number], o: Objects): { path: string; body?: string } {
    const id = 'idOf' in (route.scope as object) ? ((route.scope as { idOf: string }).idOf === 'packet' ? o.packet : route.method === 'post' ? o.submitted : o.accepted) : '';
    const path = route.path.replace('{parcelCode}', o.parcel).replace('{unitCode}', `${o.parcel}F00010001`).replace('{id}', id);
    const query = [WHY, `parcelCode=${o.parcel}`, `against=${o.accepted}`, 'format=json'].join('&');
    const body = route.body ? JSON.stringify(route.operationId === 'createPacket'
      ? { parcelCode: o.parcel, registrationType: '转移登记', applicationNo: 'JZ-MATRIX-2', purpose: '转移登记' }
      : route.operationId === 'recordLineage'
        ? { kind: 'split', predecessors: [o.parcel], successors: [o.parcel, o.parcel], changeNo: 'JZ-MATRIX-3' } // in scope: refused for its shape
      : route.operationId === 'submitSurvey' || route.operationId === 'validateSurvey' || route.operationId === 'importFile'
        ? landSupplySubmission(o.parcel, { features: undefined, kind: '房产实测', stage: 'completion', units: [{ unitCode: `${o.parcel}F00020001`, buildingAreaM2: 70 }] })
        : {}) : undefined;
    return { path: `${path}?${query}`, body };
  }

  const SCOPE_CODES = ['PARCEL_NOT_FOUND', 'SURVEY_NOT_FOUND', 'PACKET_NOT_FOUND', 'COUNTY_OUT_OF_SCOPE'];
  const scoped = routes.filter((r) => typeof r.scope === 'object');

  it('has a scope rule on every route, and every route naming a parcel, unit, result or packet checks it', () => {
    for (const route of routes) {
      const names = /\{(parcelCode|unitCode|id)\}/.test(route.path) || (route.params ?? []).some((p) => p.name === 'parcelCode') || ['packet-request', 'survey-submission', 'lineage-request'].includes(route.body?.json ?? '');
      if (names && route.path !== '/api/accounts/{id}/tokens' && route.path !== '/api/tokens/{id}') expect([route.operationId, typeof route.scope]).toEqual([route.operationId, 'object']);
      else expect([route.operationId, ['none', 'listing', 'object']]).toEqual([route.operationId, expect.arrayContaining([typeof route.scope === 'object' ? 'object' : route.scope])]);
    }
    expect(scoped.length).toBeGreaterThanOrEqual(15);
  });

  it('reaches the in-scope object and never the out-of-scope one, on every scoped route for every role that may call it', async () => {
    const cases = scoped.flatMap((route) => ROLES.filter((role) => route.access === 'authenticated' || (route.access as readonly string[]).includes(role))
      .flatMap((role) => (['in', 'out'] as const).map((side) => ({ route, role, side }))));
    const rows: string[] = [];
    for (let i = 0; i < cases.length; i += 6) {
      await Promise.all(cases.slice(i, i + 6).map(async ({ route, role, side }) => {
        const { path, body } = scopedRequest(route, objects[side]);
        const res = await fetch(`${hub.url}${path}`, { method: route.method.toUpperCase(), headers: { ...tokens[role], ...(body ? { 'content-type': 'application/json' } : {}) }, body });
        const code = (await res.json().catch(() => ({}))).code;
        const refused = (res.status === 404 || res.status === 403) && SCOPE_CODES.includes(code);
        const wantOut = route.method === 'get' || 'idOf' in (route.scope as object) ? 404 : 403;
        const ok = side === 'in' ? !refused && res.status !== 401 && res.status < 500 : refused && res.status === wantOut;
        if (!ok) rows.push(`${route.method.toUpperCase()} ${route.path} as ${role} token, ${side} of scope: ${res.status} ${code}`);
      }));
    }
    expect(rows).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });
});
