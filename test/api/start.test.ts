// `npm start` as a user runs it: the real entry point in a child process, configured by environment.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { TEMPLATE_DIR } from '../support/paths';
import { startMain } from '../support/main-process';
import { expectedEngine, freshParcelCode } from '../support/test-hub';
import { landSupplySubmission } from '../support/fixtures';

/** GET with the session of `username`, logged in with `password`. */
async function session(base: string, username: string, password: string) {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login of ${username} answered ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  return {
    get: async (path: string) => (await fetch(`${base}${path}`, { headers: { cookie } })).json(),
    post: (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  };
}
const getJson = async (url: string) => (await fetch(url)).json();

it('stops an invalid configuration with a one-line reason', async () => {
  const failure = await startMain({ PORT: 'eighty' }).catch((err) => err);
  expect(failure.code).toBe(2);
  expect(failure.output).toEqual(['[hub] invalid configuration: PORT=eighty is not a port number (0–65535)']);
});

if (expectedEngine === 'pglite') {
  it('starts on a fresh embedded data folder with the demo data, and keeps the data across a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onesurvey-start-'));
    fs.cpSync(TEMPLATE_DIR, dataDir, { recursive: true });
    try {
      const first = await startMain({ DATA_DIR: dataDir, DEMO: '1', DEMO_PASSWORD: 'demo' });
      expect(await getJson(`${first.url}/api/health`)).toMatchObject({ engine: 'pglite', postgisVersion: expect.stringMatching(/^3\./) });
      // Not attachable by default: the embedded engine is one session, reached through a socket only this OS user can open.
      expect(first.output.join('\n')).toMatch(/database: pglite in .* for the hub alone \(PGLITE_ATTACH=1/);
      expect(first.output.join('\n')).not.toMatch(/psql "postgres:/);
      expect(fs.statSync(path.join(dataDir, '.hub-socket')).mode & 0o777).toBe(0o700);
      // No ADMIN_PASSWORD: a one-time password, printed once.
      const printed = /account 'admin' with the one-time password (\S+)/.exec(first.output.join('\n'));
      expect(printed).not.toBeNull();
      const admin = await session(first.url, 'admin', printed![1]);
      expect((await admin.get('/api/accounts')).items.map((a: any) => a.username).sort()).toEqual(['admin', 'demo-admin', 'demo-planner', 'demo-registrar', 'demo-reviewer', 'demo-surveyor']);
      const registrar = await session(first.url, 'demo-registrar', 'demo');
      const demo = await registrar.get('/api/parcels?limit=1000');
      expect(demo.items.length).toBeGreaterThanOrEqual(30);
      expect(demo.items.filter((p: any) => p.acceptedCount > 0).length).toBeGreaterThan(10);
      // The demo exercises lineage (one split, one merge) and every decision value of a packet.
      const loaded = /demo data: (\d+) lineage events, packets (.*)$/m.exec(first.output.join('\n'));
      expect(loaded?.[1]).toBe('2');
      expect(new Set(loaded?.[2].split(', '))).toEqual(new Set(['reuse', 'awaiting_review', 'new_survey_required']));
      expect((await registrar.get('/api/parcels/410811005008GB00161')).lineage.retired).toMatchObject({ kind: 'split', successorCodes: ['410811005008GB00162', '410811005008GB00163'] });
      const parcelCode = freshParcelCode();
      const posted = await admin.post('/api/surveys', landSupplySubmission(parcelCode, { features: undefined, kind: '房产实测', stage: 'completion', units: [{ unitCode: `${parcelCode}F00010001`, buildingAreaM2: 88.8 }] }));
      expect(posted.status).toBe(201);
      expect(await first.stop()).toBe(0);

      const second = await startMain({ DATA_DIR: dataDir, DEMO: '1', PGLITE_ATTACH: '1' });
      const attachUrl = /psql "(postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres[^"]*)"/.exec(second.output.join('\n'));
      expect(attachUrl).not.toBeNull();
      const attached = new pg.Client({ connectionString: attachUrl![1] });
      await attached.connect();
      expect((await attached.query('SELECT count(*)::int AS n FROM parcel')).rows[0].n).toBeGreaterThanOrEqual(30);
      await attached.end();
      const registrarAgain = await session(second.url, 'demo-registrar', 'demo');
      const again = await registrarAgain.get('/api/parcels?limit=1000');
      expect(again.items.length).toBe(demo.items.length + 1);
      expect((await registrarAgain.get(`/api/parcels/${parcelCode}`)).timeline[0].units.buildingAreaM2).toBe(88.8);
      expect(second.output.join('\n')).not.toContain('demo data');
      expect(second.output.join('\n')).not.toContain('one-time password');
      await second.stop();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
} else {
  it('starts against the PostgreSQL server of DATABASE_URL without demo data', async () => {
    const started = await startMain({ DATABASE_URL: process.env.HUB_TEST_DB! });
    expect(await getJson(`${started.url}/api/health`)).toMatchObject({ engine: 'postgresql' });
    expect(started.output.join('\n')).not.toContain('demo data');
    expect((await fetch(`${started.url}/api/parcels`)).status).toBe(401);
    expect(await started.stop()).toBe(0);
  });
}
