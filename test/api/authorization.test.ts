// The authorization matrix, generated from the route table: every route × every principal gets the status its
// access rule promises — so a new route cannot slip in without a rule, nor with the wrong one.
import { routes } from '../../server/app';
import { ROLES, type Role } from '../../server/auth/viewer';
import { issueToken } from '../../server/services/accounts.service';
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';

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
