// SIGTERM as systemd sends it: the hub stops accepting, finishes the request in flight, closes its workers and database, exits 0.
import { startMain, type MainProcess } from '../support/main-process';
import { freshParcelCode } from '../support/test-hub';
import { uploadFields } from '../support/files';
import { largeTxt } from '../support/large-files';

/** A hub on the suite's database, with the admin's session. */
async function startWithSession(env: Record<string, string> = {}): Promise<MainProcess & { cookie: string }> {
  const hub = await startMain({ DATABASE_URL: process.env.HUB_TEST_DB!, DEMO: '0', RATE_LIMIT: '0', ADMIN_PASSWORD: 'test-admin-password', ...env });
  const res = await fetch(`${hub.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'test-admin-password' }) });
  if (res.status !== 200) throw new Error(`login of admin answered ${res.status}`);
  return { ...hub, cookie: res.headers.get('set-cookie')!.split(';')[0] };
}

/** Starts validating a 10 MB TXT (several seconds of checks) and resolves once the hub has taken it in. */
async function slowValidation(hub: MainProcess & { cookie: string }): Promise<{ response: Promise<Response> }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(uploadFields(freshParcelCode()))) form.append(name, String(value));
  form.append('file', new Blob([Buffer.from(largeTxt(10))]), 'large.txt');
  const response = fetch(`${hub.url}/api/surveys/validate`, { method: 'POST', body: form, headers: { cookie: hub.cookie } });
  await new Promise((resolve) => setTimeout(resolve, 700));
  return { response };
}

it('finishes a validation in flight when SIGTERM arrives, refuses new connections meanwhile, and exits 0', async () => {
  const hub = await startWithSession();
  const { response } = await slowValidation(hub);
  hub.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 200));
  await expect(fetch(`${hub.url}/api/health`)).rejects.toThrow();
  const res = await response;
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ file: 'large.txt', format: 'txt' });
  expect(await hub.exited).toBe(0);
  expect(hub.output.join('\n')).toMatch(/SIGTERM: finishing the requests in flight \(up to 30 s\), then stopping…\n\[hub\] stopped$/);
}, 120_000);

it('cuts a request still running when the grace period ends, and still exits 0', async () => {
  const hub = await startWithSession({ SHUTDOWN_GRACE_SECONDS: '0' });
  const { response } = await slowValidation(hub);
  hub.child.kill('SIGTERM');
  await expect(response).rejects.toThrow();
  expect(await hub.exited).toBe(0);
}, 120_000);
