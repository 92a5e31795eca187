// The upload view on the map: 测绘事项 offered per stage, the uploaded plot drawn, and a swapped-XY finding shown at its
// corrected reading — the map keeps working after it (no error, it still draws).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { hubUrl, useBrowser, screenshot } from './support/browser';

const PARCEL = '410802003012GB00025'; // 解放区, where the DOMAIN.md sample plot lies
const SAMPLE = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../fixtures/sample-plot-4526.geojson'), 'utf8'));
const browser = useBrowser();
/** Each test logs in and checks a file: minutes on a loaded shared machine. */
const SLOW = 240_000;
let dir: string;

/** The sample plot with J3 written north-first (X and Y swapped): corrected, it reads X 3899260.000, Y 38430860.000. */
function swappedGeoJson(): string {
  const plot = structuredClone(SAMPLE);
  const ring = plot.features[0].geometry.coordinates[0];
  ring[2] = [ring[2][1], ring[2][0]];
  return JSON.stringify(plot);
}

async function validate(page: Page, file: string, stage = 'land_supply', kind = '权籍调查') {
  page.setDefaultTimeout(60_000); // checking a file is the hub's heaviest request: the shared test machine may be slow
  await page.click('[data-tab=upload]');
  await page.setInputFiles('input[type=file][name=file]', file);
  await page.selectOption('select[name=stage]', stage);
  await page.selectOption('select[name=kind]', kind);
  await page.fill('input[name=parcelCode]', PARCEL);
  await page.selectOption('select[name=crs]', 'EPSG:4526');
  await page.click('[data-testid=validate]');
  await page.waitForSelector('[data-testid=quality-report]');
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onesurvey-e2e-upload-'));
  fs.writeFileSync(path.join(dir, 'swapped.geojson'), swappedGeoJson());
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the upload view', () => {
  it('offers the survey kinds of the chosen stage only, from the hub\'s list', async () => {
    const { page } = await browser.logInAs('demo-surveyor');
    await page.click('[data-tab=upload]');
    await page.waitForSelector('select[name=kind] option[value=勘测定界]', { state: 'attached' });
    const kinds = () => page.$$eval('select[name=kind] option', (options) => options.map((o) => (o as HTMLOptionElement).value));
    const table = (await (await page.request.get(`${hubUrl()}/api/survey-kinds`)).json()).items as { code: string; stages: string[] }[];
    expect(await kinds()).toEqual(table.filter((k) => k.stages.includes('land_supply')).map((k) => k.code));
    expect(await kinds()).toEqual(expect.arrayContaining(['勘测定界', '权籍调查', '出让合同', '划拨决定书']));
    await page.selectOption('select[name=stage]', 'presale');
    expect(await kinds()).toEqual(['房产预测']);
    expect(await page.inputValue('select[name=kind]')).toBe('房产预测');
    expect(await page.textContent('[data-testid=organisation]')).toContain('焦作市');
  }, SLOW);

  it('shows a swapped-XY finding on the map at its corrected reading, and the map keeps drawing', async () => {
    const { page } = await browser.logInAs('demo-surveyor');
    await validate(page, path.join(dir, 'swapped.geojson'));
    const finding = page.locator('[data-testid=finding]', { hasText: 'J3' });
    expect(await finding.textContent()).toContain('疑似颠倒');
    expect(await finding.locator('[data-testid=suggestion]').textContent()).toContain('将点 J3 改为 X 3899260.000，Y 38430860.000');
    await page.waitForSelector('[data-testid=finding-markers][data-count="1"]', { state: 'attached' });
    await finding.locator('button').click({ timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid=map]')?.getAttribute('data-focused') === '3899260.000,38430860.000', null, { timeout: 60_000 });
    // the map still answers: the pointer over its centre reads the corrected point's neighbourhood (X 38992…, Y 384308…)
    const box = (await page.locator('[data-testid=map]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    expect(await page.textContent('[data-testid=readout]')).toMatch(/X（北）389926\d\.\d{3}\s+Y（东）3843086\d\.\d{3}/);
    await screenshot(page, 'upload-swapped-finding');
  }, SLOW);

  it('draws the uploaded plot on the map under the findings', async () => {
    const { page } = await browser.logInAs('demo-surveyor');
    await validate(page, path.resolve(__dirname, '../fixtures/txt/sample-gbk-crlf.txt'));
    await page.waitForSelector('[data-testid=uploaded-plots][data-count="1"]', { state: 'attached' });
    await screenshot(page, 'upload-plot-drawn');
  }, SLOW);
});
