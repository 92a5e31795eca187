// A hostile page on another port of the same machine (same site, another origin) attacks a logged-in reviewer:
// an auto-submitted form and a no-cors fetch, each carrying the reviewer's cookie. The hub refuses both; nothing changes.
import http from 'node:http';
import { useBrowser, hubUrl } from './support/browser';

const browser = useBrowser();
let attacker: http.Server;
let attackerUrl: string;
/** The page the attacker's server serves: set by each test before it is opened. */
let attackPage = '';

beforeAll(async () => {
  attacker = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(attackPage));
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as { port: number }).port}/`;
});
afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

describe('a page of another origin', () => {
  it('cannot make a logged-in reviewer reject a result with an auto-submitted form or a fetch', async () => {
    const { page } = await browser.logInAs('demo-reviewer');
    const queue = (await (await page.request.get(`${hubUrl()}/api/surveys?status=submitted`)).json()).items as { id: string }[];
    expect(queue.length).toBeGreaterThan(1);
    const [formTarget, fetchTarget] = queue.slice(-2).map((r) => r.id);

    // The attacker's page opens in the reviewer's browser, in a tab of the same session (so with the hub's cookie).
    const attack = await page.context().newPage();
    const sent: import('playwright-core').Request[] = [];
    attack.on('request', (r) => { if (r.url().startsWith(hubUrl())) sent.push(r); });

    attackPage = `<!doctype html><body>
      <form id=f method=post enctype=multipart/form-data action="${hubUrl()}/api/surveys/${formTarget}/review">
        <input name=decision value=reject><input name=note value="forged by another page"></form>
      <script>
        const body = new FormData(); body.append('decision', 'reject'); body.append('note', 'forged by fetch');
        fetch('${hubUrl()}/api/surveys/${fetchTarget}/review', { method: 'POST', mode: 'no-cors', credentials: 'include', body })
          .finally(() => document.getElementById('f').submit());
      </script></body>`;
    await attack.goto(attackerUrl);
    await attack.waitForURL(`${hubUrl()}/api/surveys/${formTarget}/review`);
    const refusal = JSON.parse((await attack.textContent('body')) ?? '{}');
    expect(refusal.code).toBe('CROSS_SITE_REQUEST');
    // both were sent to the hub (the fetch's answer is opaque to the page: what it did shows in the stored status below)
    expect(sent.map((r) => `${r.method()} ${new URL(r.url()).pathname}`).sort()).toEqual([`POST /api/surveys/${fetchTarget}/review`, `POST /api/surveys/${formTarget}/review`].sort());
    expect(await sent.find((r) => r.url().includes(formTarget))!.response().then((r) => r?.status())).toBe(403);
    await attack.close();

    for (const id of [formTarget, fetchTarget]) {
      const stored = await (await page.request.get(`${hubUrl()}/api/surveys/${id}`)).json();
      expect([id, stored.status]).toEqual([id, 'submitted']);
    }
  });

  it('cannot make a logged-in registrar export under a forged application number by a link', async () => {
    const { page } = await browser.logInAs('demo-registrar');
    const [result] = (await (await page.request.get(`${hubUrl()}/api/surveys?status=accepted`)).json()).items as { id: string }[];
    const forged = `FORGED-${Date.now()}`;
    const attack = await page.context().newPage();
    attackPage = `<!doctype html><a id=l href="${hubUrl()}/api/surveys/${result.id}/export?format=geojson&applicationNo=${forged}&purpose=x">map</a>
      <script>document.getElementById('l').click()</script>`;
    const answered = attack.waitForResponse((r) => r.url().includes(forged));
    await attack.goto(attackerUrl);
    expect((await answered).status()).toBe(403);
    await attack.close();
    // the admin's view of the audit log holds no row with the forged number (read through the API's own page session)
    const log = await (await page.request.get(`${hubUrl()}/api/access-log?parcelCode=${(await (await page.request.get(`${hubUrl()}/api/surveys/${result.id}`)).json()).parcelCode}`)).json();
    expect(JSON.stringify(log)).not.toContain(forged);
  });
});
