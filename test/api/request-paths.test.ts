// How many round trips a request costs the database: a packet is one read and one write once the session is known,
// and the remembered session or token is forgotten the moment it is logged out or revoked.
import pg from 'pg';
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { landSupplySubmission } from '../support/fixtures';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.stop());

/** The statements every pg client of this process sends while `work` runs (the hub runs in this process). */
async function statementsDuring<T>(work: () => Promise<T>): Promise<{ statements: string[]; value: T }> {
  const statements: string[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const text = String(typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text);
    statements.push(text.split('\n').find((line) => !line.startsWith('--')) ?? text);
    return original.apply(this, args);
  };
  try {
    return { statements, value: await work() };
  } finally {
    proto.query = original;
  }
}

const packetRequest = (parcelCode: string) => ({ parcelCode, registrationType: '国有建设用地使用权首次登记', applicationNo: `RT-${parcelCode.slice(-5)}`, purpose: '不动产登记' });

it('answers a registration packet in at most 3 round trips once the session is known: one read, one write', async () => {
  const parcelCode = freshParcelCode();
  const submitted = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode));
  expect((await hub.request('POST', `/api/surveys/${submitted.body.id}/review`, { decision: 'accept' })).status).toBe(200);
  await hub.request('GET', '/api/session'); // the session is resolved (and remembered) by an earlier request
  const { statements, value: res } = await statementsDuring(() => hub.request('POST', '/api/registration-packets', packetRequest(parcelCode)));
  expect(res.status).toBe(201);
  expect(res.body.decision).toBe('reuse');
  expect(res.body.boundaryPoints).toHaveLength(8);
  expect(statements.length).toBeLessThanOrEqual(3);
  expect(statements.filter((s) => /^(BEGIN|COMMIT)/.test(s))).toEqual([]);
  // The packet and its audit row were written together.
  const audit = await hub.pool.query("SELECT actor, application_no FROM audit_event WHERE action = 'packet.create' AND subject_id = $1", [res.body.packetId]);
  expect(audit.rows).toEqual([{ actor: hub.username, application_no: `RT-${parcelCode.slice(-5)}` }]);
});

it('reads a parcel in 2 round trips once the session is known: everything in one read, then its audit row', async () => {
  const parcelCode = freshParcelCode();
  const submitted = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode));
  expect((await hub.request('POST', `/api/surveys/${submitted.body.id}/review`, { decision: 'accept' })).status).toBe(200);
  await hub.request('GET', '/api/session');
  const { statements, value: res } = await statementsDuring(() => hub.request('GET', `/api/parcels/${parcelCode}`));
  expect(res.status).toBe(200);
  expect(res.body.currentBoundary).toMatchObject({ surveyId: submitted.body.id, planeAreaM2: 2300 });
  expect(res.body.currentBoundary.boundaryPoints).toHaveLength(8);
  expect(statements).toHaveLength(2);
});

it('resolves a session once, and forgets it the moment it is logged out', async () => {
  const person = await hub.login(['registrar']);
  const get = () => fetch(`${hub.url}/api/session`, { headers: { cookie: person.cookie } });
  expect((await get()).status).toBe(200);
  const again = await statementsDuring(get);
  expect(again.value.status).toBe(200);
  expect(again.statements).toEqual([]);
  expect((await fetch(`${hub.url}/api/session`, { method: 'DELETE', headers: { cookie: person.cookie } })).status).toBe(200);
  const after = await get();
  expect(after.status).toBe(401);
  expect((await after.json()).code).toBe('AUTH_REQUIRED');
});

it('forgets a bearer token the moment it is revoked, though it was just used', async () => {
  const admin = await hub.login(['admin']);
  const json = { cookie: admin.cookie, 'content-type': 'application/json' };
  const issued = await (await fetch(`${hub.url}/api/accounts/${admin.id}/tokens`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'cache test', roles: ['admin'] }) })).json();
  const bearer = { authorization: `Bearer ${issued.token}` };
  expect((await fetch(`${hub.url}/api/session`, { headers: bearer })).status).toBe(200);
  expect((await statementsDuring(() => fetch(`${hub.url}/api/session`, { headers: bearer }))).statements).toEqual([]);
  expect((await fetch(`${hub.url}/api/tokens/${issued.id}`, { method: 'DELETE', headers: { cookie: admin.cookie } })).status).toBe(200);
  const after = await fetch(`${hub.url}/api/session`, { headers: bearer });
  expect(after.status).toBe(401);
  expect((await after.json()).code).toBe('TOKEN_INVALID');
});
