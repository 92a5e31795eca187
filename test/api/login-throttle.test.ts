// Password guessing: a wrong password costs the same time for an unknown account as for a real one, and one address
// has a budget of failures across usernames (password spraying) that bad bearer tokens spend too.
import { startTestHub, type TestHub } from '../support/test-hub';

const BUDGET = 10;
let hub: TestHub;
/** A second hub with a small failure budget per address. */
let budgeted: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
  budgeted = await startTestHub({ LOGIN_FAILURES_PER_ADDRESS: String(BUDGET) });
});
afterAll(async () => {
  await hub?.stop();
  await budgeted?.stop();
});

const logIn = (base: string, username: string, password: string) =>
  fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

const median = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)];

/** Milliseconds of each attempt, the two kinds interleaved so a change of load on the machine hits both alike. */
async function timeInterleaved(attempts: Array<() => Promise<Response>>, rounds: number): Promise<number[][]> {
  const ms: number[][] = attempts.map(() => []);
  for (let i = 0; i < rounds; i++) {
    for (const [k, attempt] of attempts.entries()) {
      const started = performance.now();
      expect((await attempt()).status).toBe(401);
      ms[k].push(performance.now() - started);
    }
  }
  return ms;
}

describe('a wrong password', () => {
  it('takes as long for an unknown username as for an existing account (no enumeration by timing)', async () => {
    const { username } = await hub.login(['planner']);
    await logIn(hub.url, 'warm-up-unknown', 'x'); // the dummy hash is made on the first unknown login
    const [existing, unknown] = await timeInterleaved([() => logIn(hub.url, username, 'wrong-password'), () => logIn(hub.url, `nobody-${Date.now()}`, 'wrong-password')], 5);
    const ratio = median(unknown) / median(existing);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  }, 60_000);
});

describe('the failure budget of an address', () => {
  it(`stops spraying 40 usernames after ${BUDGET} failures, with Retry-After, even for a right password then`, async () => {
    const { username } = await budgeted.login(['planner']);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await logIn(budgeted.url, `spray-${i}-${Date.now()}`, 'Summer2025!')).status);
    expect(statuses.slice(0, BUDGET)).toEqual(Array(BUDGET).fill(401));
    expect(new Set(statuses.slice(BUDGET))).toEqual(new Set([429]));
    const right = await logIn(budgeted.url, username, 'test-password');
    expect(right.status).toBe(429);
    expect((await right.json()).code).toBe('LOGIN_RATE_LIMITED');
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('bad bearer tokens', () => {
  it('spend the address budget, and are answered 429 once it is spent', async () => {
    const fresh = await startTestHub({ LOGIN_FAILURES_PER_ADDRESS: String(BUDGET) });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < BUDGET + 3; i++) {
        statuses.push((await fetch(`${fresh.url}/api/session`, { headers: { authorization: `Bearer guess-${i}` } })).status);
      }
      expect(statuses.slice(0, BUDGET)).toEqual(Array(BUDGET).fill(401));
      expect(new Set(statuses.slice(BUDGET))).toEqual(new Set([429]));
      expect((await logIn(fresh.url, 'anyone', 'anything')).status).toBe(429);
    } finally {
      await fresh.stop();
    }
  });

  it('count against the per-minute rate limit of the address too', async () => {
    const limited = await startTestHub({ RATE_LIMIT: '5' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await fetch(`${limited.url}/api/health`, { headers: { authorization: `Bearer guess-${i}` } })).status);
      // at most 5 answered (the test hub's own login counted against the address too), then 429 for the rest
      const refused = statuses.indexOf(429);
      expect(refused).toBeGreaterThan(0);
      expect(refused).toBeLessThanOrEqual(5);
      expect(statuses).toEqual([...Array(refused).fill(401), ...Array(7 - refused).fill(429)]);
    } finally {
      await limited.stop();
    }
  });
});

describe('one account', () => {
  it('logs in as often as it likes with the right password, and is held after 10 wrong ones in a minute', async () => {
    const { username } = await hub.login(['registrar']);
    for (let i = 0; i < 12; i++) expect((await logIn(hub.url, username, 'test-password')).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await logIn(hub.url, username, 'wrong-password')).status).toBe(401);
    const held = await logIn(hub.url, username, 'test-password');
    expect([held.status, (await held.json()).code]).toEqual([429, 'LOGIN_RATE_LIMITED']);
  });
});
