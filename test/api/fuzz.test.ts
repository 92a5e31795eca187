// Fuzzing POST /api/surveys/validate with mutated survey files: every answer is a quality report or a structured 4xx.
// FUZZ_CASES (default 2000), FUZZ_SEED (default fixed), FUZZ_MAX_BYTES (size cap per input), FUZZ_ONLY=3,17 replays cases.
import fs from 'node:fs';
import path from 'node:path';
import { sampleSiteParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { fixture, uploadFields } from '../support/files';
import { mutate, type Mutant, type Seed, type SeedFormat } from '../support/mutate';
import { matches } from '../../server/schemas';

const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20250115);
// 200 kB keeps 2000 cases near a minute on the embedded engine; FUZZ_MAX_BYTES=2000000 for the ~2 MB inputs
const MAX_BYTES = Number(process.env.FUZZ_MAX_BYTES ?? 200_000);
const ONLY = process.env.FUZZ_ONLY ? process.env.FUZZ_ONLY.split(',').map(Number) : undefined;
const CONCURRENCY = 4;

const FIXTURES = path.join(__dirname, '../fixtures');

/** Every well-formed fixture of each format (not the zip bomb: a flipped size field would let it inflate). */
function loadSeeds(): Seed[] {
  const from = (dir: string, format: SeedFormat, ext: RegExp) =>
    fs.readdirSync(path.join(FIXTURES, dir)).filter((f) => ext.test(f) && f !== 'bomb.zip').map((f) => ({ name: f, format, bytes: fixture(`${dir}/${f}`) }));
  return [
    ...from('txt', 'txt', /\.txt$/), ...from('.', 'geojson', /\.geojson$/), ...from('formats/csv', 'csv', /\.csv$/),
    ...from('formats/dxf', 'dxf', /\.dxf$/), ...from('formats/shp', 'shp', /\.zip$/),
  ];
}

interface Answer { status: number; contentType: string; text: string; ms: number }

/** Posts one mutant with the hub's session; unlike hub.upload it records a 5xx instead of throwing. */
async function post(hub: TestHub, index: number, mutant: Mutant): Promise<Answer> {
  // CSV and DXF carry no CRS: most cases give one so the deeper checks run too
  const fields = uploadFields(sampleSiteParcelCode(), index % 4 !== 0 && mutant.format !== 'txt' && mutant.format !== 'shp' ? { crs: 'EPSG:4526' } : {});
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
  form.append('file', new Blob([Buffer.from(mutant.bytes)]), mutant.name);
  const started = Date.now();
  const res = await fetch(`${hub.url}/api/surveys/validate`, { method: 'POST', body: form, headers: { cookie: hub.cookie } });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text(), ms: Date.now() - started };
}

/** What is wrong with an answer, or undefined: 200 with a quality report, or 4xx with { code, message, details }. */
function judge({ status, contentType, text }: Answer): string | undefined {
  if (status >= 500) return `answered ${status}: ${text.slice(0, 300)}`;
  if (!contentType.includes('json')) return `answered ${status} as ${contentType || 'no content type'}: ${text.slice(0, 200)}`;
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    return `answered ${status} with a body that is not JSON: ${text.slice(0, 200)}`;
  }
  if (status === 200) {
    const { ok, errors } = matches('quality-report', body);
    return ok ? undefined : `answered 200 with a body that is not a quality report: ${errors.join('; ')}`;
  }
  if (status < 400) return `answered ${status}, neither a report nor an error`;
  const { ok, errors } = matches('error', body);
  if (!ok) return `answered ${status} with a body that is not an error: ${errors.join('; ')}`;
  return body.message.trim() ? undefined : `answered ${status} ${body.code} with an empty message`;
}

interface Outcome { index: number; mutant: Mutant; answer?: Answer; problem?: string }

/** Runs the cases with at most CONCURRENCY requests in flight; a failed request is an outcome, not an abort. */
async function runCases(hub: TestHub, indexes: number[], seeds: Seed[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < indexes.length; i = next++) {
      const index = indexes[i], mutant = mutate(SEED, index, { seeds, maxBytes: MAX_BYTES });
      try {
        const answer = await post(hub, index, mutant);
        outcomes.push({ index, mutant, answer, problem: judge(answer) });
      } catch (err) {
        outcomes.push({ index, mutant, problem: `no answer: ${(err as Error).message}` });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcomes.sort((a, b) => a.index - b.index);
}

/** A 5xx case posted again alone, with what the server logged for it (its own error message and where it arose). */
async function serverLogOf(hub: TestHub, outcome: Outcome): Promise<string> {
  const logged: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    logged.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message} ${a.stack?.split('\n')[1]?.trim() ?? ''}` : String(a))).join(' '));
  });
  try {
    await post(hub, outcome.index, outcome.mutant);
  } finally {
    spy.mockRestore();
  }
  return logged.join(' | ') || '(nothing logged)';
}

function summary(outcomes: Outcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) {
    const key = `${o.mutant.format} ${o.answer?.status ?? 'none'}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const slowest = [...outcomes].sort((a, b) => (b.answer?.ms ?? 0) - (a.answer?.ms ?? 0)).slice(0, 3);
  return [
    `fuzz seed ${SEED}: ${outcomes.length} cases — ${[...counts].sort().map(([k, n]) => `${k}: ${n}`).join(', ')}`,
    `slowest: ${slowest.map((o) => `#${o.index} ${o.answer?.ms} ms (${o.mutant.bytes.length} bytes)`).join(', ')}`,
  ].join('\n');
}

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

describe('POST /api/surveys/validate under fuzzing', () => {
  it(`answers ${ONLY ? ONLY.length : CASES} mutated TXT, GeoJSON, CSV, DXF and shapefile inputs with a report or a structured 4xx, never a 5xx`, async () => {
    const seeds = loadSeeds();
    const outcomes = await runCases(hub, ONLY ?? Array.from({ length: CASES }, (_, i) => i), seeds);
    console.log(summary(outcomes));
    const failures = outcomes.filter((o) => o.problem);
    if (!failures.length) return;
    const lines: string[] = [];
    for (const f of failures) {
      const logged = f.answer && f.answer.status >= 500 ? `\n    server logged: ${await serverLogOf(hub, f)}` : '';
      lines.push(`  #${f.index} (FUZZ_SEED=${SEED}) ${f.mutant.description}\n    ${f.problem}${logged}`);
    }
    const replay = `replay: FUZZ_SEED=${SEED} FUZZ_ONLY=${failures.map((f) => f.index).join(',')} npx jest test/api/fuzz.test.ts`;
    throw new Error(`${failures.length} of ${outcomes.length} fuzzed inputs were not answered with a report or a structured 4xx:\n${lines.join('\n')}\n${replay}`);
  }, 120_000 + (ONLY?.length ?? CASES) * 500);

  it('still answers /api/health and passes a clean file afterwards', async () => {
    expect((await hub.request('GET', '/api/health')).status).toBe(200);
    const clean = await hub.upload('/api/surveys/validate', uploadFields(sampleSiteParcelCode()), { name: 'two-plots.txt', bytes: fixture('txt/two-plots.txt') });
    expect(clean.status).toBe(200);
    expect(clean.body.passed).toBe(true);
  });
});
