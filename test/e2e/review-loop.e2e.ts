// The review loop in the browser: a returned result's note read in 我的成果 and corrected; a reviewer's queue that stays
// true through three decisions (the map reloading after each); a result suspended (挂起) and resumed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { writeExchangeTxt } from '../../server/formats/txt-exchange.format';
import { useBrowser, screenshot } from './support/browser';
import { apiAs, expectOk, freeCorner, rectangle, submit, testParcelCode, type Api } from './support/hub-data';

const browser = useBrowser();
let surveyor: Api;
let reviewer: Api;
let dir: string;

/** A 40 × 30 m rectangle J1–J4 from a north-west corner as an exchange TXT in EPSG:4526. */
function rectangleTxt([e, n]: [number, number]): Uint8Array {
  const point = (pointNo: string, x: number, y: number) => ({ pointNo, x, y, xText: x.toFixed(3), yText: y.toFixed(3) });
  const points = [point('J1', n, e), point('J2', n, e + 40), point('J3', n - 30, e + 40), point('J4', n - 30, e)];
  return writeExchangeTxt({
    epsg: 4526,
    header: { 数据产生单位: '焦作市覃怀测绘有限公司', 数据产生日期: '2025-06-01' },
    plots: [{ plotNo: '1', name: '地块', use: '住宅用地', parts: [{ partNo: 1, rings: [{ ringNo: 1, closed: true, points }] }], declaredArea: { value: 0.12, unit: '公顷', inferred: false, m2: 1200 } }],
  } as Parameters<typeof writeExchangeTxt>[0]);
}

/** A fresh land-supply result of the demo surveyor's organisation, waiting for review. */
async function pending(corner = freeCorner()) {
  const parcelCode = testParcelCode();
  const { id } = await submit(surveyor, { stage: 'land_supply', kind: '权籍调查', parcelCode, features: rectangle(corner, 40, 30) });
  return { id, parcelCode, corner };
}

/** Opens a result of the reviewer's list shown, by its parcel. */
async function openInList(page: Page, parcelCode: string) {
  await page.click(`[data-testid=review-queue] a[data-parcel="${parcelCode}"]`);
  await page.waitForSelector('[data-testid=review-detail] [data-testid=accept], [data-testid=review-detail] [data-testid=resume]');
}

beforeAll(async () => {
  surveyor = await apiAs('demo-surveyor');
  reviewer = await apiAs('demo-reviewer');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onesurvey-e2e-loop-'));
});
afterAll(async () => {
  await surveyor?.dispose();
  await reviewer?.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a returned result', () => {
  it("shows the surveyor the reviewer's note, and its correction supersedes it", async () => {
    const returned = await pending();
    await expectOk(reviewer.post(`/api/surveys/${returned.id}/review`, { data: { decision: 'reject', note: '界址点J2坐标有误，请复测' } }));
    const file = path.join(dir, 'correction.txt');
    fs.writeFileSync(file, rectangleTxt(returned.corner));

    const { page } = await browser.logInAs('demo-surveyor');
    await page.click('[data-tab=mine]');
    const row = `[data-testid=mine-list] li[data-survey="${returned.id}"]`;
    await page.waitForSelector(`${row} [data-testid=review-note]`);
    expect(await page.textContent(`${row} [data-testid=review-note]`)).toContain('界址点J2坐标有误，请复测');
    await screenshot(page, 'mine-returned');
    await page.click(`${row} [data-testid=correct]`);
    await page.waitForSelector('[data-testid=correcting]');
    expect(await page.inputValue('input[name=parcelCode]')).toBe(returned.parcelCode);
    await page.waitForSelector('select[name=kind] option[value=权籍调查]', { state: 'attached' }); // the stage's 测绘事项 loaded
    expect(await page.inputValue('select[name=kind]')).toBe('权籍调查');
    await page.setInputFiles('input[type=file][name=file]', file);
    await page.click('[data-testid=validate]');
    await page.waitForSelector('[data-testid=report-verdict]');
    await page.click('[data-testid=submit]');
    await page.waitForSelector('[data-testid=submitted]');

    const { items } = await expectOk<{ items: { id: string; supersedes: string | null; status: string }[] }>(surveyor.get('/api/surveys?status=submitted&own=1'));
    const correction = items.find((i) => i.supersedes === returned.id);
    expect(correction).toBeDefined();
    await page.click('[data-tab=mine]');
    await page.waitForSelector(`[data-testid=mine-list] li[data-survey="${correction!.id}"]`);
  });
});

describe("a reviewer's queue", () => {
  it('stays true after three decisions, the map reloading after each', async () => {
    const results = [await pending(), await pending(), await pending()];
    const { page } = await browser.logInAs('demo-reviewer');
    await page.click('[data-tab=review]');
    await page.waitForSelector('[data-testid=review-queue]');
    const decisions: Array<[string, string | null]> = [['accept', null], ['reject', '面积与出让合同不符'], ['suspend', '等待规划核实']];
    for (const [i, [action, note]] of decisions.entries()) {
      await openInList(page, results[i].parcelCode);
      if (note) await page.fill('[data-testid=review-detail] textarea[name=note]', note);
      const mapReload = page.waitForResponse((r) => r.url().includes('/api/map/features') && r.ok());
      await page.click(`[data-testid=${action}]`);
      await mapReload;
      await page.waitForSelector('[data-testid=review-queue]');
      const shown = await page.$$eval('[data-testid=review-queue] a[data-parcel]', (links) => links.map((a) => a.getAttribute('data-parcel')));
      expect(shown.filter((code) => results.slice(0, i + 1).some((r) => r.parcelCode === code))).toEqual([]);
      expect(shown.filter((code) => results.slice(i + 1).some((r) => r.parcelCode === code))).toHaveLength(2 - i);
    }
    await screenshot(page, 'review-queue-after-decisions');
    // The hub agrees: none of the three waits in the queue any more.
    const { items } = await expectOk<{ items: { id: string }[] }>(reviewer.get('/api/surveys?status=submitted'));
    expect(items.filter((item) => results.some((r) => r.id === item.id))).toEqual([]);
  });
});

describe('a suspended result', () => {
  it('leaves the queue for the 挂起 list with its note, and comes back when resumed', async () => {
    const waiting = await pending();
    const { page } = await browser.logInAs('demo-reviewer');
    await page.click('[data-tab=review]');
    await page.waitForSelector('[data-testid=review-queue]');
    await openInList(page, waiting.parcelCode);
    await page.fill('[data-testid=review-detail] textarea[name=note]', '缺少出让合同扫描件');
    await page.click('[data-testid=suspend]');
    await page.waitForSelector(`[data-testid=review-queue] a[data-parcel="${waiting.parcelCode}"]`, { state: 'detached' });

    await page.click('[data-review-view=suspended]');
    const row = `[data-review-list=suspended] li[data-survey="${waiting.id}"]`;
    await page.waitForSelector(row);
    expect(await page.textContent(`${row} [data-testid=suspension-note]`)).toContain('缺少出让合同扫描件');
    await screenshot(page, 'review-suspended');
    await openInList(page, waiting.parcelCode);
    expect(await page.textContent('[data-testid=suspended-note]')).toContain('缺少出让合同扫描件');
    expect(await page.$('[data-testid=accept]')).toBeNull();
    await page.click('[data-testid=resume]');
    await page.waitForSelector(row, { state: 'detached' });

    await page.click('[data-review-view=submitted]');
    await page.waitForSelector(`[data-review-list=submitted] li[data-survey="${waiting.id}"]`);
  });
});
