// Chromium for the browser tests: one browser per test file, a fresh context per log-in, pages that record every console
// error and page error (a test fails on any), log-in through the login page, screenshots under test/e2e/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const hubUrl = () => {
  const url = process.env.HUB_E2E_URL;
  if (!url) throw new Error('HUB_E2E_URL is not set: run through jest -c jest.e2e.config.js');
  return url;
};

const SCREENSHOTS = path.resolve(__dirname, '../screenshots');

export interface E2ePage {
  page: Page;
  /** Console errors and page errors seen so far. */
  problems: string[];
  /** Error answers the test provokes on purpose (status and path): the browser's console line for them is no problem. */
  expectedErrors: { status: number; path: string }[];
}

/** Tells the page that a `status` answer from `path` is what the test asks for (Chromium logs every 4xx it loads). */
export function expectHttpError(p: E2ePage, status: number, path: string): void {
  p.expectedErrors.push({ status, path });
}

const LOAD_FAILED = /^Failed to load resource: the server responded with a status of (\d{3})/;

export class E2eBrowser {
  private browser!: Browser;
  private context!: BrowserContext;
  /** The pages opened since the last check, whose console errors fail the test. */
  private opened: E2ePage[] = [];

  async start(): Promise<void> {
    this.browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    await this.newContext();
  }

  /** A fresh context: no cookies, no local storage; 1400 × 900 unless a viewport (e.g. a phone's) is given. */
  private async newContext(viewport = { width: 1400, height: 900 }): Promise<void> {
    await this.context?.close();
    this.context = await this.browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  }

  async stop(): Promise<void> {
    await this.context?.close();
    await this.browser?.close();
  }

  async newPage(): Promise<E2ePage> {
    const page = await this.context.newPage();
    const problems: string[] = [];
    const expectedErrors: E2ePage['expectedErrors'] = [];
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const status = LOAD_FAILED.exec(m.text())?.[1];
      const url = m.location().url ?? '';
      if (status && expectedErrors.some((e) => e.status === Number(status) && new URL(url, hubUrl()).pathname === e.path)) return;
      problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.setDefaultTimeout(20_000);
    const opened = { page, problems, expectedErrors };
    this.opened.push(opened);
    return opened;
  }

  /** Closes the pages opened since the last call; returns their console and page errors. */
  async closePages(): Promise<string[]> {
    const pages = this.opened.splice(0);
    await Promise.all(pages.map((p) => p.page.close()));
    return pages.flatMap((p) => p.problems);
  }

  /** A fresh page logged in as `username` (through the login form), showing the map; at `viewport` when given. */
  async logInAs(username: string, viewport?: { width: number; height: number }): Promise<E2ePage> {
    await this.newContext(viewport);
    const p = await this.newPage();
    await p.page.goto(hubUrl());
    await p.page.fill('input[name=username]', username);
    await p.page.fill('input[name=password]', 'demo');
    await p.page.click('form.login button[type=submit]');
    await p.page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
    return p;
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** A browser for one test file: started before its tests, stopped after; any browser error fails the test it happened in. */
export function useBrowser(): E2eBrowser {
  const browser = new E2eBrowser();
  beforeAll(() => browser.start());
  afterAll(() => browser.stop());
  afterEach(async () => expect(await browser.closePages()).toEqual([]));
  return browser;
}
