// A survey result's way through the hub in the browser: checked, submitted, accepted, used for a packet;
// and the pre-sale vs verified comparison of a parcel with flagged units.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeExchangeTxt } from '../../server/formats/txt-exchange.format';
import { useBrowser, screenshot, type E2ePage } from './support/browser';

const PARCEL = '410802003012GB00025'; // 解放区, where the DOMAIN.md sample plot lies
const browser = useBrowser();
let dir: string;

/** The sample plot with J3 and J4 swapped: the outer ring crosses itself (a finding with a position). */
function bowtieTxt(): Uint8Array {
  const point = (pointNo: string, x: number, y: number) => ({ pointNo, x, y, xText: x.toFixed(3), yText: y.toFixed(3) });
  const points = [point('J1', 3899300, 38430800), point('J2', 3899300, 38430860), point('J3', 3899260, 38430800), point('J4', 3899260, 38430860)];
  return writeExchangeTxt({
    epsg: 4526,
    header: { 数据产生单位: '焦作市覃怀测绘有限公司', 数据产生日期: '2025-01-15' },
    plots: [{ plotNo: '1', name: '地块', use: '住宅用地', parts: [{ partNo: 1, rings: [{ ringNo: 1, closed: true, points }] }], declaredArea: { value: 0.24, unit: '公顷', inferred: false, m2: 2400 } }],
  } as Parameters<typeof writeExchangeTxt>[0]);
}

async function fillUpload(page: E2ePage['page'], file: string, supply?: { no: string; date: string }) {
  await page.click('[data-tab=upload]');
  await page.setInputFiles('input[type=file][name=file]', file);
  await page.fill('input[name=parcelCode]', PARCEL);
  await page.selectOption('select[name=kind]', '权籍调查');
  await page.fill('input[name=surveyedOn]', '2025-01-15');
  if (supply) {
    // The supply procedure the 权籍调查 was used for (R2), offered for a cadastral survey of the land-supply stage.
    await page.selectOption('select[name=supplyDocumentKind]', '出让合同');
    await page.fill('input[name=supplyDocumentNo]', supply.no);
    await page.fill('input[name=supplyDocumentDate]', supply.date);
  }
  await page.click('[data-testid=validate]');
  await page.waitForSelector('[data-testid=quality-report]');
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onesurvey-e2e-files-'));
  fs.writeFileSync(path.join(dir, 'bowtie.txt'), bowtieTxt());
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a survey result in the browser', () => {
  it('shows the finding of a TXT whose ring crosses itself on the map, and does not let it be submitted', async () => {
    const current = await browser.logInAs('demo-surveyor');
    const { page } = current;
    await fillUpload(page, path.join(dir, 'bowtie.txt'));
    expect(await page.textContent('[data-testid=finding]')).toContain('自相交');
    expect(await page.getAttribute('[data-testid=finding-markers]', 'data-count')).toBe('1');
    expect(await page.isDisabled('[data-testid=submit]')).toBe(true);
    await page.click('[data-testid=finding] button');
    await page.waitForTimeout(600);
    expect(await page.textContent('[data-testid=report-verdict]')).toContain('存在错误');
    await screenshot(page, 'upload-finding-on-map');
  });

  it('submits a clean TXT as the surveyor organisation, with the supply document it was used for', async () => {
    const current = await browser.logInAs('demo-surveyor');
    const { page } = current;
    expect(await page.$('select[name=supplyDocumentKind]')).toBeNull(); // not before the stage and kind call for it
    await fillUpload(page, path.resolve(__dirname, '../fixtures/txt/sample-gbk-crlf.txt'), { no: '焦土出让(2024)17号', date: '2024-12-01' });
    expect(await page.textContent('[data-testid=report-verdict]')).toContain('质检通过');
    await page.click('[data-testid=submit]');
    await page.waitForSelector('[data-testid=submitted]');
    expect(await page.textContent('[data-testid=submitted]')).toContain('2300');
    await screenshot(page, 'upload-submitted');
  });

  it('lets the reviewer accept it', async () => {
    const current = await browser.logInAs('demo-reviewer');
    const { page } = current;
    await page.click('[data-tab=review]');
    await page.click(`[data-testid=review-queue] a[data-parcel="${PARCEL}"]`);
    await page.waitForSelector('[data-testid=review-detail] [data-testid=diff-note], [data-testid=review-detail] [data-testid=boundary-diff]');
    await screenshot(page, 'review-detail');
    await page.click('[data-testid=accept]');
    await page.waitForSelector('[data-testid=review-queue]');
    expect(await page.$(`[data-testid=review-queue] a[data-parcel="${PARCEL}"]`)).toBeNull();
  });

  it('lets the registrar generate a registration packet from it, citing the supply procedure (R2)', async () => {
    const current = await browser.logInAs('demo-registrar');
    const { page } = current;
    await page.fill('input[name=q]', PARCEL);
    await page.click('form.search button');
    await page.waitForSelector('[data-testid=boundary-points] tbody tr');
    expect(await page.textContent('[data-testid=boundary-points]')).toContain('38430800.000');
    await page.fill('input[name=applicationNo]', 'E2E-2025-0001');
    await page.click('.packet button[type=submit]');
    await page.waitForSelector('[data-testid=packet-result]');
    const packet = await page.textContent('[data-testid=packet-result]');
    expect(await page.getAttribute('[data-testid=packet-result]', 'data-decision')).toBe('reuse');
    expect(await page.textContent('[data-testid=packet-decision]')).toContain('复用');
    expect(packet).toContain('2300.00 ㎡');
    expect(await page.textContent('[data-testid=packet-boundary]')).toContain('焦土出让(2024)17号');
    expect(await page.textContent('[data-testid=timeline]')).toContain('供地文件号：出让合同 焦土出让(2024)17号（2024-12-01）');
    expect(await page.$$('[data-testid=packet-result] .downloads a')).toHaveLength(5);
    await screenshot(page, 'packet');
  });
});

describe('the area comparison', () => {
  it('highlights the units whose area error ratio is beyond ±3 %', async () => {
    const current = await browser.logInAs('demo-planner');
    const { page } = current;
    await page.click('[data-tab=compare]');
    await page.fill('input[name=compareParcel]', '410802003012GB00103');
    await page.click('.compare form button');
    await page.waitForSelector('[data-testid=unit-areas]');
    const flagged = await page.$$eval('[data-testid=unit-areas] tr[data-flagged=true]', (rows) => rows.map((r) => r.textContent));
    expect(flagged.join(' ')).toMatch(/\+3\.6\d %/);
    expect(flagged.join(' ')).toMatch(/\+4\.3\d %/);
    await page.waitForSelector('[data-testid=ratio-chart] rect');
    await screenshot(page, 'compare');
  });
});
