// Issue 9 in the browser: the registrar sees a packet's decision in words (等待审核 distinct from 需要补充测绘), a split
// parcel's lineage with links both ways, and the planner sees units beyond ±3 % on both bases of the 面积误差比.
import { expectHttpError, useBrowser, screenshot } from './support/browser';
import { accept, apiAs, expectOk, freeCorner, rectangle, submit, testParcelCode, type Api } from './support/hub-data';
import type { Page } from 'playwright-core';

const browser = useBrowser();
const SUPPLY = { supplyDocumentKind: '出让合同', supplyDocumentNo: '孟土出让(2024)21号', supplyDocumentDate: '2024-12-01' };
let surveyor: Api, reviewer: Api, registrar: Api;

beforeAll(async () => {
  [surveyor, reviewer, registrar] = await Promise.all([apiAs('demo-surveyor'), apiAs('demo-reviewer'), apiAs('demo-registrar')]);
});
afterAll(async () => {
  await Promise.all([surveyor, reviewer, registrar].map((api) => api?.dispose()));
});

async function openParcel(page: Page, code: string) {
  await page.fill('input[name=q]', code);
  await page.click('form.search button');
  await page.waitForSelector(`[data-testid=parcel-panel] h2:text-is("${code}")`);
}

async function requestPacket(page: Page, registrationType: string, applicationNo: string) {
  await page.selectOption('select[name=registrationType]', registrationType);
  await page.fill('input[name=applicationNo]', applicationNo);
  await page.click('.packet button[type=submit]');
}

describe('a registration packet in the browser', () => {
  it('shows 等待审核 with the pending result for a submitted 权籍调查, distinct from 需要补充测绘 where nothing exists', async () => {
    const [pendingParcel, emptyParcel] = [testParcelCode(), testParcelCode()];
    const pending = await submit(surveyor, { stage: 'land_supply', kind: '权籍调查', parcelCode: pendingParcel, declaredAreaM2: 2000, features: rectangle(freeCorner(), 40, 50), ...SUPPLY });
    await expectOk(registrar.put(`/api/parcels/${emptyParcel}`, { data: { location: '孟州市测试路1号' } }), 201);

    const { page } = await browser.logInAs('demo-registrar');
    await openParcel(page, pendingParcel);
    await requestPacket(page, '国有建设用地使用权首次登记', 'E2E-I9-0001');
    await page.waitForSelector('[data-testid=packet-result][data-decision=awaiting_review]');
    expect(await page.textContent('[data-testid=packet-decision]')).toContain('等待审核');
    expect(await page.textContent('[data-testid=packet-requirements] li[data-state=pending]')).toContain('宗地界址');
    expect(await page.getAttribute(`[data-testid=pending-results] a[data-survey="${pending.id}"]`, 'href')).toBe(`/api/surveys/${pending.id}`);
    const awaitingColour = await page.$eval('[data-testid=packet-decision]', (el) => getComputedStyle(el).backgroundColor);
    await page.locator('[data-testid=packet-result]').scrollIntoViewIfNeeded();
    await screenshot(page, 'packet-awaiting-review');

    await page.click('[data-testid=parcel-panel] header button');
    await openParcel(page, emptyParcel);
    await requestPacket(page, '国有建设用地使用权首次登记', 'E2E-I9-0002');
    await page.waitForSelector('[data-testid=packet-result][data-decision=new_survey_required]');
    const decision = await page.textContent('[data-testid=packet-decision]');
    expect(decision).toContain('需要补充测绘');
    expect(decision).not.toContain('new_survey_required');
    expect(await page.textContent('[data-testid=packet-requirements] li[data-state=missing]')).toContain('没有审核通过的界址成果');
    expect(await page.$('[data-testid=pending-results]')).toBeNull();
    expect(await page.$eval('[data-testid=packet-decision]', (el) => getComputedStyle(el).backgroundColor)).not.toBe(awaitingColour);
    await page.locator('[data-testid=packet-result]').scrollIntoViewIfNeeded();
    await screenshot(page, 'packet-new-survey-required');
  });

  it('answers a type that does not fit the parcel in words: a collective type on a state parcel', async () => {
    const parcel = testParcelCode();
    await expectOk(registrar.put(`/api/parcels/${parcel}`, { data: { location: '孟州市测试路2号' } }), 201);
    const current = await browser.logInAs('demo-registrar');
    const { page } = current;
    expectHttpError(current, 400, '/api/registration-packets');
    await openParcel(page, parcel);
    await requestPacket(page, '集体建设用地使用权首次登记', 'E2E-I9-0003');
    await page.waitForSelector('[data-testid=packet-error]');
    const message = await page.textContent('[data-testid=packet-error]');
    expect(message).toContain('该登记类型不适用于这宗地');
    expect(message).toContain('集体建设用地使用权首次登记只适用于集体建设用地使用权');

    await page.click('header button.lang');
    await page.click('.packet button[type=submit]');
    await page.waitForSelector('[data-testid=packet-error]:has-text("does not fit")');
    expect(await page.textContent('[data-testid=packet-error]')).toContain('applies to collective construction land use right (J + B/S/X) only');
  });
});

describe('a split parcel in the browser', () => {
  let old: string, a: string, b: string;

  beforeAll(async () => {
    [old, a, b] = [testParcelCode(), testParcelCode(), testParcelCode()];
    const corner = freeCorner();
    await accept(reviewer, (await submit(surveyor, { stage: 'land_supply', kind: '权籍调查', parcelCode: old, surveyedOn: '2025-01-15', declaredAreaM2: 4000, features: rectangle(corner, 80, 50), ...SUPPLY })).id);
    for (const [code, dE] of [[a, 0], [b, 40]] as const) {
      await accept(reviewer, (await submit(surveyor, { stage: 'land_supply', kind: '权籍调查', parcelCode: code, surveyedOn: '2025-08-01', declaredAreaM2: 2000, features: rectangle(corner, 40, 50, dE), predecessorCodes: [old] })).id);
    }
    await expectOk(registrar.post('/api/parcel-lineage', { data: { kind: 'split', predecessors: [old], successors: [a, b], changeNo: '孟变更(2025)5号' } }), 201);
  });

  it('shows where a new parcel came from, links to the old one, and the old one\'s successors with links back', async () => {
    const current = await browser.logInAs('demo-registrar');
    const { page } = current;
    expectHttpError(current, 409, '/api/registration-packets');
    await openParcel(page, a);
    await page.waitForSelector('[data-testid=lineage-made-by]');
    expect(await page.textContent('[data-testid=lineage-made-by]')).toBe(`由 ${old} 分割而来（孟变更(2025)5号）`);
    expect(await page.textContent('[data-testid=timeline] [data-boundary-role=establishes]')).toBe('确立界址');
    await screenshot(page, 'lineage-made-by');

    await page.click(`[data-testid=lineage-made-by] a[data-parcel="${old}"]`);
    await page.waitForSelector('[data-testid=lineage-retired]');
    expect(await page.textContent('[data-testid=parcel-panel] h2')).toBe(old);
    expect(await page.textContent('[data-testid=lineage-retired]')).toMatch(new RegExp(`^已于 \\d{4}-\\d{2}-\\d{2} 分割为 ${a}${b}（孟变更\\(2025\\)5号）$`));
    expect(await page.textContent('[data-testid=timeline]')).toContain('供地文件号：出让合同 孟土出让(2024)21号（2024-12-01）');
    expect(await page.textContent('[data-testid=timeline] tbody tr')).toContain('审核通过');

    await requestPacket(page, '转移登记', 'E2E-I9-0004');
    await page.waitForSelector('[data-testid=packet-error]');
    expect(await page.textContent('[data-testid=packet-error]')).toContain(`宗地 ${old} 已分割为`);
    await screenshot(page, 'lineage-retired');
    await page.click(`[data-testid=packet-error] a[data-parcel="${b}"]`);
    await page.waitForSelector(`[data-testid=parcel-panel] h2:text-is("${b}")`);
    await page.waitForSelector('[data-testid=lineage-made-by]');

    await page.selectOption('select[name=registrationType]', '变更登记');
    expect(await page.getAttribute('select[name=changeKind]', 'required')).not.toBeNull();
    await page.selectOption('select[name=changeKind]', '分割');
    await page.fill('input[name=applicationNo]', 'E2E-I9-0005');
    await page.click('.packet button[type=submit]');
    await page.waitForSelector('[data-testid=packet-result][data-decision=reuse]');
    expect(await page.textContent('[data-testid=packet-decision]')).toContain('复用');
    expect(await page.textContent('[data-testid=packet-land-area]')).toContain('2000.00 ㎡');
    expect(await page.textContent('[data-testid=packet-requirements]')).toContain(`本宗地由${old}分割而来`);
    await page.locator('[data-testid=packet-result]').scrollIntoViewIfNeeded();
    await screenshot(page, 'packet-reuse-split');
  });
});

describe('pre-sale against verified unit areas', () => {
  let parcel: string;
  const unit = (n: number) => `${parcel}F0001000${n}`;

  beforeAll(async () => {
    parcel = testParcelCode();
    const area = (n: number, buildingAreaM2: number, innerAreaM2: number) => ({ unitCode: unit(n), buildingAreaM2, innerAreaM2, sharedAreaM2: Math.round((buildingAreaM2 - innerAreaM2) * 100) / 100 });
    // Unit 1: inner +2 %, building +4 %; unit 2: inner −4 %, building unchanged; unit 3: within ±3 % on both; unit 4 never verified.
    const presale = [area(1, 100, 80), area(2, 100, 80), area(3, 100, 80), area(4, 90, 72)];
    const verified = [area(1, 104, 81.6), area(2, 100, 76.8), area(3, 101, 81)];
    await accept(reviewer, (await submit(surveyor, { stage: 'presale', kind: '房产预测', parcelCode: parcel, surveyedOn: '2024-03-01', units: presale })).id);
    await accept(reviewer, (await submit(surveyor, { stage: 'completion', kind: '房产实测', parcelCode: parcel, surveyedOn: '2025-05-01', units: verified, areaPrecisionClass: 2, completionAcceptanceNo: '孟竣联验(2025)9号', completionAcceptanceDate: '2025-05-10' })).id);
  });

  it('highlights a unit beyond ±3 % on 建筑面积 and one beyond ±3 % on 套内建筑面积 only, as the headline counts them', async () => {
    const { page } = await browser.logInAs('demo-planner');
    await page.click('[data-tab=compare]');
    await page.fill('input[name=compareParcel]', parcel);
    await page.click('.compare form button');
    await page.waitForSelector('[data-testid=unit-areas]');
    const flagged = await page.$$eval('[data-testid=unit-areas] tr[data-flagged=true]', (rows) => rows.map((r) => [r.getAttribute('data-unit'), r.getAttribute('data-flagged-bases')]));
    expect(flagged).toEqual([[unit(1), 'building'], [unit(2), 'inner']]);
    expect(await page.textContent(`[data-unit="${unit(2)}"] td[data-basis=inner]`)).toBe('−4.00 %');
    expect(await page.textContent('[data-testid=flagged-count]')).toContain(`${flagged.length} 个单元`);
    await screenshot(page, 'compare-both-bases');
  });

  it('shows the registrar the verified areas registered with their rule, and names the unit missing from the 实测', async () => {
    const { page } = await browser.logInAs('demo-registrar');
    await openParcel(page, parcel);
    expect(await page.textContent('[data-testid=timeline]')).toContain('竣工验收编号：孟竣联验(2025)9号（2025-05-10）');
    await requestPacket(page, '房屋所有权首次登记', 'E2E-I9-0006');
    await page.waitForSelector('[data-testid=packet-units]');
    const rows = await page.$$eval('[data-testid=packet-units] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())));
    expect(rows).toEqual([[unit(1), '104.00', 'R6'], [unit(2), '100.00', 'R5'], [unit(3), '101.00', 'R6'], [unit(4), '—', '']]);
    expect(await page.textContent('[data-testid=packet-units-missing]')).toBe(`以下单元不在房产实测成果中：${unit(4)}`);
    await page.locator('[data-testid=packet-units]').scrollIntoViewIfNeeded();
    await screenshot(page, 'packet-units');
  });
});
