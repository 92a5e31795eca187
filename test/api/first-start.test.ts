// The first start on an empty database is race-free: two hubs at once, or a demo load killed halfway and started again.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { ROOT, TEMPLATE_DIR } from '../support/paths';
import { startMain, type MainProcess } from '../support/main-process';
import { ownDatabase, type OwnDatabase } from '../support/own-database';
import { expectedEngine } from '../support/test-hub';
import { buildDemoSet } from '../../server/demo/demo-data';
import { chinaToday } from '../../server/services/surveys.service';

const DEMO_ACCOUNTS = ['demo-admin', 'demo-planner', 'demo-registrar', 'demo-reviewer', 'demo-surveyor'];
const demoParcels = buildDemoSet(chinaToday()).parcels.length;

/** Starts server/main.ts and SIGKILLs it as soon as it prints a line matching `when`; resolves once it is gone. */
function killWhen(env: Record<string, string>, when: RegExp): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: { ...process.env, PORT: '0', PGLITE_PORT: '0', ...env } });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      if (when.test(line)) child.kill('SIGKILL');
    });
  }
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve([...output, `exit ${code ?? signal}`])));
}

/** What a database holds of the demo: parcels, accounts (sorted), admins. */
async function contents(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = async (text: string) => (await client.query(text)).rows[0].v;
    return {
      parcels: await one('SELECT count(*)::int AS v FROM parcel'),
      accounts: await one("SELECT coalesce(array_agg(username ORDER BY username) FILTER (WHERE username LIKE 'demo-%'), '{}') AS v FROM account"),
      admins: await one("SELECT count(*)::int AS v FROM account WHERE username = 'admin'"),
    };
  } finally {
    await client.end();
  }
}

const attachUrl = (hub: MainProcess) => /psql "(postgres:\/\/[^"]*)"/.exec(hub.output.join('\n'))![1];

if (expectedEngine === 'postgresql') {
  let db: OwnDatabase;
  beforeEach(async () => {
    db = await ownDatabase('first_start');
  });
  afterEach(() => db.drop());

  it('brings up two hubs started at once on one empty database, with one admin and one demo set', async () => {
    const env = { DATABASE_URL: db.url, DEMO: '1', ADMIN_PASSWORD: 'first-admin-password' };
    const hubs = await Promise.all([startMain(env), startMain(env)]);
    try {
      for (const hub of hubs) expect((await fetch(`${hub.url}/api/health`)).status).toBe(200);
      expect(hubs.filter((h) => h.output.some((l) => l.includes('loading the 焦作 demo data')))).toHaveLength(1);
      expect(await contents(db.url)).toEqual({ parcels: demoParcels, accounts: DEMO_ACCOUNTS, admins: 1 });
    } finally {
      await Promise.all(hubs.map((h) => h.stop()));
    }
  }, 240_000);

  it('leaves an empty database after a demo load killed halfway, and loads the demo on the next start', async () => {
    const env = { DATABASE_URL: db.url, DEMO: '1', ADMIN_PASSWORD: 'first-admin-password' };
    const killed = await killWhen(env, /demo data: 40\/\d+ results/);
    expect(killed.at(-1)).toBe('exit SIGKILL');
    expect(await contents(db.url)).toEqual({ parcels: 0, accounts: [], admins: 1 });
    const again = await startMain(env);
    try {
      expect(await contents(db.url)).toEqual({ parcels: demoParcels, accounts: DEMO_ACCOUNTS, admins: 1 });
    } finally {
      await again.stop();
    }
  }, 240_000);
} else {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onesurvey-first-start-'));
    fs.cpSync(TEMPLATE_DIR, dataDir, { recursive: true });
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('lets one of two hubs started at once on one data folder run it, and tells the other why it cannot', async () => {
    const env = { DATA_DIR: dataDir, DEMO: '0', PGLITE_ATTACH: '1', ADMIN_PASSWORD: 'first-admin-password' };
    const [a, b] = await Promise.allSettled([startMain(env), startMain(env)]);
    const running = [a, b].filter((s): s is PromiseFulfilledResult<MainProcess> => s.status === 'fulfilled').map((s) => s.value);
    const refused = [a, b].filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => s.reason);
    expect([running.length, refused.length]).toEqual([1, 1]);
    expect(refused[0].output.join('\n')).toMatch(/cannot start: the embedded database in .* is in use by another hub \(process \d+\): one data folder serves one hub/);
    expect(await contents(attachUrl(running[0]))).toEqual({ parcels: 0, accounts: [], admins: 1 });
    expect(await running[0].stop()).toBe(0);
    // Once the first has stopped, the folder is free again.
    const next = await startMain(env);
    expect(await contents(attachUrl(next))).toEqual({ parcels: 0, accounts: [], admins: 1 });
    await next.stop();
  }, 120_000);

  it('leaves no demo data after a demo load killed halfway, and loads the demo on the next start', async () => {
    const env = { DATA_DIR: dataDir, DEMO: '1', PGLITE_ATTACH: '1', ADMIN_PASSWORD: 'first-admin-password' };
    const killed = await killWhen(env, /demo data: 40\/\d+ results/);
    expect(killed.at(-1)).toBe('exit SIGKILL');
    // The killed hub's lock is taken over; nothing of the demo was kept, so it loads again, whole.
    const inspect = await startMain({ ...env, DEMO: '0' });
    expect(await contents(attachUrl(inspect))).toEqual({ parcels: 0, accounts: [], admins: 1 });
    await inspect.stop();
    const again = await startMain(env);
    try {
      expect(again.output.join('\n')).toContain('loading the 焦作 demo data');
      expect(await contents(attachUrl(again))).toEqual({ parcels: demoParcels, accounts: DEMO_ACCOUNTS, admins: 1 });
    } finally {
      await again.stop();
    }
  }, 240_000);
}
