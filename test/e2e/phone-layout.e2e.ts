// At 390 × 844 (a phone): the map comes first and is visible, the panel is a bottom sheet, and every main control can be
// reached — nothing covers the Find form, not even the layer panel opened; the map takes the keyboard focus.
import type { Page } from 'playwright-core';
import { useBrowser, screenshot } from './support/browser';

const browser = useBrowser();
const PHONE = { width: 390, height: 844 };

/** Whether a click at the control's centre lands on it (nothing covers it), after scrolling it into view. */
async function reachable(page: Page, selector: string): Promise<boolean> {
  const control = page.locator(selector).first();
  await control.scrollIntoViewIfNeeded();
  return control.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return r.width > 0 && r.height > 0 && r.bottom <= innerHeight && r.right <= innerWidth && !!hit && (hit === el || el.contains(hit) || hit.contains(el));
  });
}

it('shows the map first with a width, the panel below it, and every main control reachable', async () => {
  const { page } = await browser.logInAs('demo-admin', PHONE);
  page.setDefaultTimeout(60_000);
  const map = (await page.locator('[data-testid=map]').boundingBox())!;
  const side = (await page.locator('aside.side').boundingBox())!;
  expect(map.width).toBeGreaterThan(300);
  expect(map.height).toBeGreaterThan(200);
  expect(map.y).toBeLessThan(side.y);
  await page.click('.layer-switcher summary'); // the layer panel opened must not cover Find
  const controls = ['input[name=q]', 'form.search button', '[data-tab=find]', '[data-tab=upload]', '[data-tab=review]', '[data-tab=compare]',
    '.layer-switcher summary', 'select[name=basemap]', '.measure button', '[data-testid=logout]', '.app-header .lang', '[data-testid=sheet-toggle]'];
  const blocked: string[] = [];
  for (const c of controls) if (!(await reachable(page, c))) blocked.push(c);
  expect(blocked).toEqual([]);
  await screenshot(page, 'phone-find-zh');
  await page.click('[data-testid=sheet-toggle]');
  expect(await page.getAttribute('[data-testid=sheet-toggle]', 'aria-expanded')).toBe('true');
  expect((await page.locator('[data-testid=map]').boundingBox())!.height).toBeGreaterThan(100);
}, 240_000);

it('lets the keyboard reach the map: tabbing from the search box arrives on it', async () => {
  const { page } = await browser.logInAs('demo-surveyor', PHONE);
  await page.focus('input[name=q]');
  let onMap = false;
  for (let i = 0; i < 40 && !onMap; i++) {
    await page.keyboard.press('Tab');
    onMap = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'map');
  }
  expect(onMap).toBe(true);
}, 240_000);
