// Fuzzing every route of the table with hostile HTTP: mutated headers, cookies, tokens, query strings, JSON bodies and
// multipart framing. Every answer is a structured 4xx (or a success), never a 5xx, and the hub is alive at the end.
// FUZZ_CASES (default 2000), FUZZ_SEED (default fixed), FUZZ_ONLY=3,17 replays cases; npm run fuzz runs 20 000.
import { startTestHub, sampleSiteParcelCode, type TestHub } from '../support/test-hub';
import { fixture, uploadFields } from '../support/files';
import { rawRequest, type RawAnswer } from '../support/raw-http';
import { HTTP_FUZZ_KINDS, mutateRequest, type HttpMutant } from '../support/mutate-http';
import { matches } from '../../server/schemas';
import { routes } from '../../server/app';

const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20250115);
const ONLY = process.env.FUZZ_ONLY ? process.env.FUZZ_ONLY.split(',').map(Number) : undefined;
const CONCURRENCY = 4;

interface Outcome { index: number; mutant: HttpMutant; answer: RawAnswer; problem?: string }

/** What is wrong with an answer, or undefined: any status below 500; an error (4xx) in the one error shape. */
function judge(mutant: HttpMutant, answer: RawAnswer): string | undefined {
  const { status, text, headers } = answer;
  if (status === -1) return undefined; // Node would not send it: nothing reached the hub
  if (status === 0) return mutant.request.hangUpAfter !== undefined ? undefined : 'no answer (connection closed or timed out)';
  if (status >= 500) return `answered ${status}: ${text.slice(0, 300)}`;
  if (status < 400) return undefined;
  // Node's own HTTP parser answers some framing errors (431, 400 Bad Request) before the app sees the request
  if (!String(headers['content-type'] ?? '').includes('json')) return headers['x-frame-options'] ? `answered ${status} as ${headers['content-type']}` : undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `answered ${status} with a body that is not JSON: ${text.slice(0, 200)}`;
  }
  const { ok, errors } = matches('error', body);
  return ok ? undefined : `answered ${status} with a body that is not an error: ${errors.join('; ')}`;
}

async function runCases(hub: TestHub, indexes: number[]): Promise<Outcome[]> {
  const ctx = { routes, cookie: hub.cookie, file: fixture('txt/two-plots.txt') };
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < indexes.length; i = next++) {
      const index = indexes[i], mutant = mutateRequest(SEED, index, ctx);
      const answer = await rawRequest(hub.url, mutant.request);
      outcomes.push({ index, mutant, answer, problem: judge(mutant, answer) });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcomes.sort((a, b) => a.index - b.index);
}

function summary(outcomes: Outcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(`${o.mutant.kind} ${o.answer.status}`, (counts.get(`${o.mutant.kind} ${o.answer.status}`) ?? 0) + 1);
  const routesHit = new Set(outcomes.map((o) => o.mutant.route)).size;
  return `http fuzz seed ${SEED}: ${outcomes.length} cases on ${routesHit} routes — ${[...counts].sort().map(([k, n]) => `${k}: ${n}`).join(', ')}`;
}

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

describe('every route under hostile HTTP', () => {
  it(`answers ${ONLY ? ONLY.length : CASES} requests with mutated headers, cookies, query strings, bodies and multipart framing, never with a 5xx`, async () => {
    const outcomes = await runCases(hub, ONLY ?? Array.from({ length: CASES }, (_, i) => i));
    console.log(summary(outcomes));
    for (const kind of HTTP_FUZZ_KINDS) expect(outcomes.filter((o) => o.mutant.kind === kind).length).toBeGreaterThan(0);
    const failures = outcomes.filter((o) => o.problem);
    if (!failures.length) return;
    const lines = failures.slice(0, 30).map((f) => `  #${f.index} ${f.mutant.description}\n    ${f.problem}`);
    throw new Error(`${failures.length} of ${outcomes.length} requests were not answered properly:\n${lines.join('\n')}\nreplay: FUZZ_SEED=${SEED} FUZZ_ONLY=${failures.map((f) => f.index).join(',')} npx jest test/api/fuzz-http.test.ts`);
  }, 60_000 + (ONLY?.length ?? CASES) * 100);

  it('is still serving afterwards: health, the session and a clean upload', async () => {
    expect((await hub.request('GET', '/api/health')).status).toBe(200);
    expect((await hub.request('GET', '/api/session')).status).toBe(200);
    const clean = await hub.upload('/api/surveys/validate', uploadFields(sampleSiteParcelCode()), { name: 'two-plots.txt', bytes: fixture('txt/two-plots.txt') });
    expect([clean.status, clean.body.passed]).toEqual([200, true]);
  });
});
