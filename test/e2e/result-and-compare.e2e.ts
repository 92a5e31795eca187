// Finding a parcel by its map label, opening one result from the timeline (metadata, geometry on the map, 界址点 with
// 圈号, every export format), and the planner's comparison chart with its scale, units and the legal text once.
import { hubUrl, useBrowser, screenshot } from './support/browser';

const OCTAGON = '410802003012GB00108'; // 建设西路35号 in the demo data: an accepted 权籍调查, J1–J8
const PRESALE = '410802003012GB00103'; // the demo parcel with pre-sale and verified unit areas, two units beyond ±3 %
const browser = useBrowser();

describe('the find panel', () => {
  it('finds a parcel by the label the map shows, and closes it when a later search finds nothing', async () => {
    const current = await browser.logInAs('demo-registrar');
    const { page } = current;
    await page.fill('input[name=q]', 'GB00108');
    await page.click('form.search button');
    await page.waitForSelector(`[data-testid=parcel-panel] h2:text("${OCTAGON}"), .results a:text("${OCTAGON}")`);
    if (await page.$('.results')) await page.click(`.results a:text("${OCTAGON}")`);
    await page.waitForSelector('[data-testid=parcel-panel] [data-testid=timeline]');

    await page.fill('input[name=q]', '410802003012GB99998');
    await page.click('form.search button');
    await page.waitForSelector('[data-testid=parcel-panel]', { state: 'detached' });
    expect(await page.textContent('.find')).toContain('没有找到符合条件的宗地');
  });
});

describe('a timeline row', () => {
  it('opens that result: its metadata, its geometry on the map, its 界址点 with 圈号 and its files in every format', async () => {
    const current = await browser.logInAs('demo-registrar');
    const { page } = current;
    await page.fill('input[name=q]', OCTAGON);
    await page.click('form.search button');
    const row = '[data-testid=timeline] tr.accepted';
    await page.waitForSelector(row);
    const id = await page.getAttribute(row, 'data-survey');
    await page.click(row);
    await page.waitForSelector(`[data-testid=result-view][data-survey="${id}"] [data-testid=boundary-points]`);
    await page.waitForSelector(`[data-testid=map][data-fitted="result:${id}"]`);
    expect(await page.textContent('[data-testid=result-status]')).toMatch(/审核通过|已被替代/);
    expect(await page.textContent('[data-testid=boundary-points] thead')).toContain('圈号');
    expect(await page.$$eval('[data-testid=boundary-points] tbody tr', (rows) => rows.map((r) => r.children[0].textContent))).toEqual(Array(8).fill('1'));

    // A registrar's download names its application (R8); then every format the hub writes is offered and answers.
    expect(await page.$$('[data-testid=result-downloads] a')).toHaveLength(0);
    await page.fill('input[name=exportApplicationNo]', 'E2E-RESULT-0001');
    const links = await page.$$eval('[data-testid=result-downloads] a', (as) => as.map((a) => [a.getAttribute('data-format'), a.getAttribute('href')] as [string, string]));
    expect(links.map(([format]) => format)).toEqual(['txt', 'geojson', 'csv', 'dxf', 'gpkg', 'shp']);
    for (const [format, href] of links) {
      const res = await page.request.get(new URL(href, hubUrl()).href);
      expect([format, res.status()]).toEqual([format, 200]);
    }
    await screenshot(page, 'result-view');
    await page.click('[data-testid=result-view] header button');
    await page.waitForSelector('[data-testid=parcel-panel]');
  });
});

describe("a planner's comparison chart", () => {
  it('has a % scale, the units, both bases and the limit; the legal text is written once; the map shows the parcel', async () => {
    const current = await browser.logInAs('demo-planner');
    const { page } = current;
    await page.click('[data-tab=compare]');
    await page.fill('input[name=compareParcel]', PRESALE);
    await page.click('.compare form button');
    await page.waitForSelector('[data-testid=ratio-chart] rect');
    expect(await page.textContent('[data-testid=chart-y-title]')).toBe('面积误差比（%）');
    expect(await page.textContent('[data-testid=chart-x-title]')).toBe('不动产单元');
    const ticks = await page.$$eval('[data-testid=chart-tick]', (ts) => ts.map((t) => t.textContent));
    expect(ticks).toEqual(expect.arrayContaining(['+3%', '0%', '-3%']));
    const rows = await page.$$('[data-testid=unit-areas] tr[data-unit]');
    expect(await page.$$('[data-testid=chart-unit]')).toHaveLength(rows.length);
    expect(new Set(await page.$$eval('[data-testid=ratio-chart] rect', (rs) => rs.map((r) => r.getAttribute('data-basis'))))).toEqual(new Set(['building', 'inner']));
    // every unit flagged on either basis is highlighted, and its bar is red
    const flaggedRows = await page.$$eval('[data-testid=unit-areas] tr[data-flagged=true]', (rs) => rs.map((r) => r.getAttribute('data-unit')));
    const redBars = await page.$$eval('[data-testid=ratio-chart] rect[data-flagged=true]', (rs) => rs.map((r) => r.getAttribute('data-unit')));
    expect(new Set(redBars)).toEqual(new Set(flaggedRows));
    expect(flaggedRows.length).toBeGreaterThanOrEqual(2);
    const legal = await page.textContent('[data-testid=legal-text]');
    const page_text = await page.textContent('.compare');
    expect(page_text!.split('买受人有权退房').length - 1).toBe(legal!.split('买受人有权退房').length - 1);
    expect(legal!.split('买受人有权退房').length - 1).toBe(1);
    await page.waitForSelector(`[data-testid=map][data-fitted="compare:${PRESALE}"]`);
    await screenshot(page, 'compare-chart');
  });
});

