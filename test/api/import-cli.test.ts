// npm run import: a folder of files into a running hub, a summary table, and the exit code a script can trust.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { txtOfPlots } from '../support/files';
import { freeCell } from '../support/fixtures';
import { ROOT } from '../support/paths';
import { issueToken } from '../../server/services/accounts.service';

let hub: TestHub;
let folder: string;
beforeAll(async () => {
  hub = await startTestHub();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'onesurvey-import-'));
});
afterAll(async () => {
  fs.rmSync(folder, { recursive: true, force: true });
  await hub.stop();
});

let token: string;
beforeAll(async () => {
  const surveyor = await hub.login(['surveyor']);
  token = (await issueToken(hub.pool, surveyor.id, 'import CLI test', ['surveyor'], null)).token;
});

function runImport(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args], { cwd: ROOT, env: { ...process.env, HUB_TOKEN: token } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const plot = (plotNo: string, hectares?: string) => {
  const [dE, dN] = freeCell();
  return { plotNo, dE, dN, hectares };
};

it('imports a folder, stores the good files whole, names the bad one and exits 1', async () => {
  const good = [freshParcelCode(), freshParcelCode(), freshParcelCode()];
  const bad = [freshParcelCode(), freshParcelCode()];
  fs.mkdirSync(path.join(folder, 'batch'));
  fs.writeFileSync(path.join(folder, 'batch', 'a.txt'), txtOfPlots([plot(good[0]), plot(good[1])]));
  fs.writeFileSync(path.join(folder, 'batch', 'b.txt'), txtOfPlots([plot(good[2])]));
  fs.writeFileSync(path.join(folder, 'batch', 'c.txt'), txtOfPlots([plot(bad[0]), plot(bad[1], '0.5000')]));
  fs.writeFileSync(path.join(folder, 'batch', 'notes.doc'), 'not a survey file');
  const run = await runImport([path.join(folder, 'batch'), '--stage', 'land_supply', '--kind', '勘测定界', '--organisation', '焦作市测试测绘有限公司', '--surveyed-on', '2025-01-15', '--hub', hub.url]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('3/3 files');
  const lines = run.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^file\s+status\s+results\s+plots\s+errors\s+warnings\s+note/);
  expect(lines.find((l) => l.includes('a.txt'))).toMatch(/ok\s+2\s+2\s+0/);
  expect(lines.find((l) => l.includes('c.txt'))).toMatch(/FAILED/);
  expect(lines.find((l) => l.includes('c.txt'))).toContain('AREA_DIFFERS_FROM_COORDINATES: c.txt, line');
  expect(lines[lines.length - 1]).toBe('2 file(s) imported, 1 failed');
  const stored = await hub.pool.query('SELECT parcel_code FROM survey_result WHERE parcel_code = ANY($1)', [[...good, ...bad]]);
  expect(stored.rows.map((r) => r.parcel_code).sort()).toEqual([...good].sort());
}, 60_000);

it('--staged takes the staged path: a summary row per file with where its per-plot findings are', async () => {
  const good = [freshParcelCode(), freshParcelCode()];
  const bad = freshParcelCode();
  fs.mkdirSync(path.join(folder, 'staged'));
  fs.writeFileSync(path.join(folder, 'staged', 'a.txt'), txtOfPlots([plot(good[0]), plot(good[1])]));
  fs.writeFileSync(path.join(folder, 'staged', 'b.txt'), txtOfPlots([plot(bad, '0.5000')]));
  const run = await runImport([path.join(folder, 'staged'), '--staged', '--stage', 'legacy', '--kind', '勘测定界', '--organisation', '焦作市测试测绘有限公司', '--surveyed-on', '2012-01-15', '--hub', hub.url]);
  expect(run.code).toBe(1);
  const lines = run.stdout.trim().split('\n');
  expect(lines.find((l) => l.includes('a.txt'))).toMatch(/ok\s+2\s+2\s+0\s+0\s+stored \(findings: http.*\/api\/imports\/[0-9a-f-]{36}\/findings\)/);
  expect(lines.find((l) => l.includes('b.txt'))).toMatch(/FAILED\s+0\s+1\s+1\s+0\s+AREA_DIFFERS_FROM_COORDINATES/);
  const stored = await hub.pool.query("SELECT parcel_code FROM survey_result WHERE parcel_code = ANY($1) AND stage = 'legacy'", [[...good, bad]]);
  expect(stored.rows.map((r) => r.parcel_code).sort()).toEqual([...good].sort());
}, 60_000);

it('exits 2 with the usage when the metadata is missing', async () => {
  const run = await runImport([folder, '--hub', hub.url]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('missing --stage, --kind, --organisation, --surveyed-on');
});
