// A registrar prints the packet: the printed page shows the 宗地图 with 边长, areas to 0.01 m², the decision in words,
// and no internal id; the browser's print-to-PDF makes an A4 PDF of it.
import { useBrowser, screenshot } from './support/browser';
import { accept, apiAs, freeCorner, rectangle, submit, testParcelCode, type Api } from './support/hub-data';

const browser = useBrowser();
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const SUPPLY = { supplyDocumentKind: '出让合同', supplyDocumentNo: '孟土出让(2024)33号', supplyDocumentDate: '2024-12-01' };
let surveyor: Api, reviewer: Api;

beforeAll(async () => {
  [surveyor, reviewer] = await Promise.all([apiAs('demo-surveyor'), apiAs('demo-reviewer')]);
});
afterAll(async () => {
  await Promise.all([surveyor, reviewer].map((api) => api?.dispose()));
});

it('prints the packet of a parcel whose 权籍调查 is reused: sketch, 边长, areas to 0.01 m², no UUID', async () => {
  const parcelCode = testParcelCode();
  // 60 m east–west × 40 m north–south: 2400.00 m², sides 60.00 and 40.00
  const result = await submit(surveyor, { stage: 'land_supply', kind: '权籍调查', parcelCode, declaredAreaM2: 2400, features: rectangle(freeCorner(), 60, 40), ...SUPPLY });
  await accept(reviewer, result.id);

  const { page } = await browser.logInAs('demo-registrar');
  page.setDefaultTimeout(60_000);
  await page.fill('input[name=q]', parcelCode);
  await page.click('form.search button');
  await page.waitForSelector(`[data-testid=parcel-panel] h2:text-is("${parcelCode}")`);
  await page.selectOption('select[name=registrationType]', '国有建设用地使用权首次登记');
  await page.fill('input[name=applicationNo]', 'E2E-PRINT-0001');
  await page.click('.packet button[type=submit]');
  await page.waitForSelector('[data-testid=packet-result][data-decision=reuse]');

  const [printed] = await Promise.all([page.waitForEvent('popup'), page.click('[data-testid=packet-print]')]);
  await printed.waitForSelector('svg.parcel-sketch');
  const text = (await printed.textContent('body'))!;
  expect(await printed.$$eval('svg.parcel-sketch text.side', (els) => els.map((e) => e.textContent))).toEqual(['60.00', '40.00', '60.00', '40.00']);
  expect(await printed.$$eval('svg.parcel-sketch text.pt', (els) => els.map((e) => e.textContent))).toEqual(['J1', 'J2', 'J3', 'J4']);
  expect(text).toContain('2400.00 m²');
  expect(await printed.textContent('[data-testid=printed-decision]')).toContain('复用');
  expect(text).toContain('（北京时间 UTC+8）');
  expect(await printed.content()).not.toMatch(UUID);
  await printed.emulateMedia({ media: 'print' });
  await screenshot(printed, 'print-packet');
  const pdf = await printed.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
}, 240_000);
