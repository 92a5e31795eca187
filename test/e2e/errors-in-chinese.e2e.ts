// The Chinese UI never shows an English sentence when something goes wrong: each error a user can meet is forced —
// a wrong password, a file refused by the checks, a malformed parcel code, a result someone else decided meanwhile,
// a note left out — and every alert reads in Chinese.
import type { Page } from 'playwright-core';
import { expectHttpError, hubUrl, useBrowser } from './support/browser';
import { apiAs, expectOk, freeCorner, rectangle, submit, testParcelCode } from './support/hub-data';

const browser = useBrowser();
/** Three English words in a row: a sentence that was not translated. */
const ENGLISH = /[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}/;

/** The alert now shown, once it says something; it must be Chinese. */
async function alertText(page: Page, scope = ''): Promise<string> {
  const selector = `${scope} [role=alert]`.trim();
  await page.waitForFunction((s) => [...document.querySelectorAll(s)].some((e) => (e.textContent ?? '').trim().length > 0), selector);
  const texts = await page.$$eval(selector, (es) => es.map((e) => (e.textContent ?? '').trim()).filter(Boolean));
  for (const text of texts) {
    expect([text, /[\u4e00-\u9fff]/.test(text)]).toEqual([text, true]);
    expect([text, ENGLISH.test(text)]).toEqual([text, false]);
  }
  return texts.join(' ');
}

describe('errors in the Chinese UI', () => {
  it('says a wrong password in Chinese', async () => {
    const current = await browser.newPage();
    const { page } = current;
    expectHttpError(current, 401, '/api/session');
    await page.goto(hubUrl());
    await page.fill('input[name=username]', 'demo-surveyor');
    await page.fill('input[name=password]', 'not-the-password');
    await page.click('form.login button[type=submit]');
    expect(await alertText(page, 'form.login')).toContain('用户名或密码错误');
  });

  it('says why an upload is refused in Chinese: no file, a malformed parcel code, a ring that is not closed', async () => {
    const current = await browser.logInAs('demo-surveyor');
    const { page } = current;
    await page.click('[data-tab=upload]');
    await page.fill('input[name=parcelCode]', 'ABC');
    await page.click('[data-testid=validate]');
    expect(await alertText(page, '.upload')).toContain('请先选择');

    expectHttpError(current, 400, '/api/surveys/validate');
    const open = 'J1,3899300.000,38430800.000\nJ2,3899300.000,38430860.000\nJ3,3899260.000,38430860.000\n';
    await page.setInputFiles('input[type=file][name=file]', { name: 'open.csv', mimeType: 'text/csv', buffer: Buffer.from(`点号,X,Y\n${open}`) });
    await page.selectOption('select[name=crs]', 'EPSG:4526');
    const answered = page.waitForResponse((r) => r.url().includes('/api/surveys/validate'));
    await page.click('[data-testid=validate]');
    // refused as a request (an alert) or judged in the report: Chinese either way
    if ((await answered).status() === 400) await alertText(page, '.upload');
    await page.fill('input[name=parcelCode]', testParcelCode());
    await page.click('[data-testid=validate]');
    await page.waitForSelector('[data-testid=quality-report] [data-testid=finding]');
    const findings = await page.$$eval('[data-testid=quality-report] [data-testid=finding]', (fs) => fs.map((f) => f.textContent ?? ''));
    expect(findings.filter((f) => ENGLISH.test(f.replace(/[\w.-]+\.csv/g, '')))).toEqual([]);
  });

  it('says a malformed parcel code in the comparison in Chinese', async () => {
    const current = await browser.logInAs('demo-planner');
    const { page } = current;
    expectHttpError(current, 400, '/api/comparisons/areas');
    await page.click('[data-tab=compare]');
    await page.fill('input[name=compareParcel]', '4108XX');
    await page.click('.compare form button');
    await alertText(page, '.compare');
  });

  it('says in Chinese that a note is needed, and that someone else decided the result meanwhile', async () => {
    const surveyor = await apiAs('demo-surveyor');
    const admin = await apiAs('demo-admin');
    const parcelCode = testParcelCode();
    const { id } = await submit(surveyor, { stage: 'land_supply', kind: '权籍调查', parcelCode, features: rectangle(freeCorner(), 40, 30) });
    const current = await browser.logInAs('demo-reviewer');
    const { page } = current;
    await page.click('[data-tab=review]');
    await page.click(`[data-testid=review-queue] a[data-parcel="${parcelCode}"]`);
    await page.waitForSelector('[data-testid=reject]');
    await page.click('[data-testid=reject]');
    expect(await alertText(page, '[data-testid=review-detail]')).toContain('审核意见');
    await page.click('[data-testid=suspend]');
    expect(await alertText(page, '[data-testid=review-detail]')).toContain('挂起');

    await expectOk(admin.post(`/api/surveys/${id}/review`, { data: { decision: 'accept' } }));
    expectHttpError(current, 409, `/api/surveys/${id}/review`);
    await page.click('[data-testid=accept]');
    expect(await alertText(page, '[data-testid=review-detail]')).toContain('已经被其他人审核');
    await surveyor.dispose();
    await admin.dispose();
  });
});
