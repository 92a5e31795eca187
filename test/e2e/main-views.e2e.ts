// Each main view in Chinese and in English: an axe-core scan (axe-core from npm, run in the page) finds no serious or
// critical violation, and the view is photographed for the README (test/e2e/screenshots/view-<name>-<lang>.png).
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { hubUrl, useBrowser, screenshot, type E2eBrowser } from './support/browser';

const browser = useBrowser();
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PARCEL = '410802003012GB00103'; // a demo parcel with results of several stages and units

/** The serious and critical violations axe finds on the page, each with the first elements it names. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE); // evaluated, not a <script>: the hub's CSP allows no inline script
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => `${v.id}: ${v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')).join(' | ')}`);
  });
}

/** Logs in (switching to English for `en`) and opens the view. */
async function open(b: E2eBrowser, username: string, lang: 'zh' | 'en', show: (page: Page) => Promise<void>): Promise<Page> {
  const { page } = await b.logInAs(username);
  page.setDefaultTimeout(60_000);
  if (lang === 'en') {
    await page.click('.app-header .lang');
    await page.waitForSelector('html[lang=en]', { state: 'attached' });
  }
  await show(page);
  return page;
}

const VIEWS: Record<string, [string, (page: Page) => Promise<void>]> = {
  find: ['demo-registrar', async (page) => {
    await page.fill('input[name=q]', PARCEL);
    await page.click('form.search button');
    await page.waitForSelector(`[data-testid=parcel-panel] h2:text-is("${PARCEL}")`);
  }],
  upload: ['demo-surveyor', async (page) => {
    await page.click('[data-tab=upload]');
    await page.setInputFiles('input[type=file][name=file]', require.resolve('../fixtures/txt/sample-gbk-crlf.txt'));
    await page.fill('input[name=parcelCode]', '410802003012GB00025');
    await page.click('[data-testid=validate]');
    await page.waitForSelector('[data-testid=quality-report]');
  }],
  review: ['demo-reviewer', async (page) => {
    await page.click('[data-tab=review]');
    await page.waitForSelector('[data-testid=review-queue], .review .hint, .review p', { state: 'attached' });
  }],
  compare: ['demo-planner', async (page) => {
    await page.click('[data-tab=compare]');
    await page.fill('input[name=compareParcel]', PARCEL);
    await page.click('.compare form button');
    await page.waitForSelector('[data-testid=ratio-chart] rect', { state: 'attached' });
  }],
};

describe.each(['zh', 'en'] as const)('the main views in %s', (lang) => {
  it('the login page has no serious accessibility violation', async () => {
    const { page } = await browser.newPage();
    await page.context().clearCookies(); // logged out, whichever test ran before in this context
    await page.addInitScript(() => localStorage.removeItem('onesurvey.loggedIn'));
    if (lang === 'en') await page.addInitScript(() => localStorage.setItem('locale', 'en'));
    await page.goto(hubUrl());
    await page.waitForSelector('form.login');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `view-login-${lang}`);
  }, 240_000);

  it.each(Object.keys(VIEWS))('the %s view has no serious accessibility violation', async (name) => {
    const [username, show] = VIEWS[name];
    const page = await open(browser, username, lang, show);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `view-${name}-${lang}`);
  }, 240_000);
});
