// Uploads are read and checked in worker threads: the hub keeps answering meanwhile, a lying zip stops at the limit,
// a file too large for a worker's memory is a clean 413, and a full pool says BUSY.
import crypto from 'node:crypto';
import { expectedEngine, freshParcelCode, sampleSiteParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { sampleTxtSomewhere, uploadFields } from '../support/files';
import { largeTxt, lyingZip } from '../support/large-files';

/** POST a multipart upload with the hub's session, keeping the raw response (status, headers) — 5xx included. */
async function rawUpload(hub: TestHub, path: string, fields: Record<string, string | number>, file: { name: string; bytes: Uint8Array }): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
  form.append('file', new Blob([Buffer.from(file.bytes)]), file.name);
  return fetch(`${hub.url}${path}`, { method: 'POST', body: form, headers: { cookie: hub.cookie } });
}

/** /api/health latencies, ms, every 25 ms until `work` settles; `duration` is how long the work took, ms. */
async function healthLatenciesDuring(hub: TestHub, work: Promise<unknown>): Promise<number[] & { duration: number }> {
  let done = false;
  const started = performance.now();
  let duration = 0;
  void work.finally(() => {
    done = true;
    duration = performance.now() - started;
  });
  const latencies: number[] = [];
  while (!done) {
    const t0 = performance.now();
    const res = await fetch(`${hub.url}/api/health`);
    await res.json();
    latencies.push(performance.now() - t0);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Object.assign(latencies, { duration });
}

/**
 * Never held up: a hub that parses on its main thread keeps one health request waiting for (almost) the whole check;
 * here the slowest answer stays a small part of it. A share, not a fixed time: the machine may be loaded.
 */
const expectNeverHeldUp = (latencies: number[] & { duration: number }) => {
  expect(latencies.length).toBeGreaterThanOrEqual(5);
  expect(Math.max(...latencies)).toBeLessThan(latencies.duration / 4);
};

describe('with the default pool', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.stop());

  it('keeps answering /api/health while a 10 MB TXT is read and checked, then reports on every plot', async () => {
    // Plots in 解放区 for a 孟州 parcel: every plot is an error, so no neighbour check runs and the database stays idle —
    // on the embedded engine a long PostGIS query holds its single session, which /api/health also waits for.
    const bytes = largeTxt(10);
    const validation = hub.upload('/api/surveys/validate', uploadFields(freshParcelCode()), { name: 'large.txt', bytes });
    const latencies = await healthLatenciesDuring(hub, validation);
    const report = (await validation).body;
    const plotLines = new TextDecoder().decode(bytes).match(/,@\r\n/g)!.length;
    expect(report).toMatchObject({ format: 'txt', passed: false, errors: plotLines });
    expect(new Set(report.findings.map((f: any) => f.code))).toEqual(new Set(['COORDINATES_OUTSIDE_COUNTY']));
    expect(report.plots).toHaveLength(plotLines);
    // The checks took long enough to be asked about several times, and never held the hub up.
    expectNeverHeldUp(latencies);
  }, 120_000);

  if (expectedEngine === 'postgresql') {
    it('keeps answering /api/health while a clean 10 MB TXT is checked, neighbours in PostGIS included', async () => {
      const bytes = largeTxt(10);
      const validation = hub.upload('/api/surveys/validate', uploadFields(sampleSiteParcelCode()), { name: 'large.txt', bytes });
      const latencies = await healthLatenciesDuring(hub, validation);
      const report = (await validation).body;
      expect(report).toMatchObject({ format: 'txt', passed: true, errors: 0 });
      expect(report.plots.reduce((n: number, p: any) => n + p.points, 0)).toBe(report.plots.length * 500);
      expectNeverHeldUp(latencies);
    }, 120_000);
  }

  it('refuses a zip that says it expands to 1 KB but holds 256 MB, stopping the inflation at the 200 MB limit', async () => {
    const res = await hub.upload('/api/surveys/validate', uploadFields(sampleSiteParcelCode()), { name: 'liar.zip', bytes: lyingZip(256 * 1024 * 1024) });
    expect(res.status).toBe(200);
    expect(res.body.findings.map((f: any) => f.code)).toEqual(['SHP_ZIP_TOO_LARGE']);
    const stoppedAt = Number(/unpacking stopped at ([\d.]+) MB, over the limit of 200\.0 MB/.exec(res.body.findings[0].message)![1]);
    expect(stoppedAt).toBeLessThan(200 + 17);
  }, 60_000);

  it('stores an uploaded file with the SHA-256 the worker computed', async () => {
    const parcelCode = freshParcelCode();
    const bytes = sampleTxtSomewhere();
    const res = await hub.upload('/api/surveys', uploadFields(parcelCode), { name: 'sample.txt', bytes });
    expect(res.status).toBe(201);
    expect(res.body.sourceSha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    const stored = await hub.pool.query('SELECT source_sha256 FROM survey_result WHERE id = $1', [res.body.id]);
    expect(stored.rows[0].source_sha256).toBe(res.body.sourceSha256);
  });
});

describe('with a worker memory limit of 64 MB', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ PARSE_WORKERS: '1', PARSE_WORKER_MEMORY_MB: '64' });
  });
  afterAll(() => hub.stop());

  it('answers a file that needs more with 413 naming it, and checks the next upload with a fresh worker', async () => {
    const res = await hub.upload('/api/surveys/validate', uploadFields(sampleSiteParcelCode()), { name: 'too-large.txt', bytes: largeTxt(10) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('FILE_TOO_LARGE_TO_CHECK');
    expect(res.body.message).toMatch(/^checking too-large\.txt \(10\.\d MB\) needed more than the 64 MB of memory one check may use/);
    const next = await hub.upload('/api/surveys/validate', uploadFields(freshParcelCode()), { name: 'sample.txt', bytes: sampleTxtSomewhere() });
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ format: 'txt', passed: true });
  }, 60_000);
});

describe('with a time limit of 1 s per file', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ PARSE_WORKERS: '1', PARSE_TIMEOUT_SECONDS: '1' });
  });
  afterAll(() => hub.stop());

  it('stops a file whose checks take longer with 422 naming it, and checks the next upload with a fresh worker', async () => {
    const res = await hub.upload('/api/surveys/validate', uploadFields(sampleSiteParcelCode()), { name: 'slow.txt', bytes: largeTxt(20) });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('FILE_CHECK_TIMEOUT');
    expect(res.body.message).toMatch(/^checking slow\.txt \(20\.\d MB\) took longer than 1 s and was stopped/);
    const next = await hub.upload('/api/surveys/validate', uploadFields(freshParcelCode()), { name: 'sample.txt', bytes: sampleTxtSomewhere() });
    expect(next.status).toBe(200);
    expect(next.body.passed).toBe(true);
  }, 60_000);
});

describe('with one worker and no queue', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ PARSE_WORKERS: '1', PARSE_QUEUE: '0' });
  });
  afterAll(() => hub.stop());

  it('answers 503 BUSY with Retry-After while the worker is taken, and checks the file once it is free', async () => {
    const large = rawUpload(hub, '/api/surveys/validate', uploadFields(sampleSiteParcelCode()), { name: 'large.txt', bytes: largeTxt(5) });
    // Give the large file time to arrive and take the worker.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const busy = await rawUpload(hub, '/api/surveys/validate', uploadFields(freshParcelCode()), { name: 'sample.txt', bytes: sampleTxtSomewhere() });
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    expect(await busy.json()).toMatchObject({ code: 'BUSY', message: expect.stringContaining('send sample.txt again') });
    expect((await large).status).toBe(200);
    const again = await hub.upload('/api/surveys/validate', uploadFields(freshParcelCode()), { name: 'sample.txt', bytes: sampleTxtSomewhere() });
    expect(again.status).toBe(200);
    expect(again.body.passed).toBe(true);
  }, 60_000);
});
