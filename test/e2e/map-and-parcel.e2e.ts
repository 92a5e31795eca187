// The map with the demo data, and finding a parcel.
import { useBrowser, screenshot } from './support/browser';

const browser = useBrowser();


describe('the map', () => {
  it('loads with the demo data drawn and the map ready', async () => {
    const current = await browser.logInAs('demo-registrar');
    const { page } = current;
    const count = Number(await page.textContent('[data-testid=parcel-feature-count]'));
    expect(count).toBeGreaterThan(10);
    await page.mouse.move(900, 450);
    await page.waitForSelector('[data-testid=readout]');
    expect(await page.textContent('[data-testid=readout]')).toMatch(/X（北）\s*\d{7}\.\d{3}\s+Y（东）\s*38\d{6}\.\d{3}.*EPSG:4526/);
    await screenshot(page, 'map-loaded');
  });

  it('finds a parcel by its code, shows its timeline and 界址点, and zooms the map to its boundary', async () => {
    const current = await browser.logInAs('demo-registrar');
    const { page } = current;
    expect(await page.textContent('.ol-scale-line-inner')).toMatch(/km$/); // the whole demo set
    await page.fill('input[name=q]', '410802003012GB00103');
    await page.click('form.search button');
    await page.waitForSelector('[data-testid=parcel-panel] [data-testid=timeline] tbody tr');
    await page.waitForSelector('[data-testid=boundary-points] tbody tr');
    const timeline = await page.textContent('[data-testid=timeline]');
    expect(timeline).toContain('房产预测');
    const points = await page.textContent('[data-testid=boundary-points]');
    expect(points).toContain('J1');
    expect(points).toContain('3901393.744');
    await page.waitForSelector('[data-testid=map][data-fitted="parcel:410802003012GB00103"]');
    expect(await page.textContent('.ol-scale-line-inner')).toMatch(/^\d+ m$/); // the parcel, about 120 m × 100 m
    await screenshot(page, 'parcel-found');
  });

  it('speaks English when asked: tabs, layers, the parcel and the coordinate read-out in its zone', async () => {
    const current = await browser.logInAs('demo-registrar');
    const { page } = current;
    await page.click('header button.lang');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.$$eval('nav.tabs button', (tabs) => tabs.map((b) => b.textContent))).toEqual(['Find', 'Compare areas']);
    expect(await page.textContent('.layer-switcher')).toMatch(/Layers.*Land supply.*Parcel boundaries/);
    expect(await page.textContent('header')).toContain('registrar');
    await page.mouse.move(900, 450);
    await page.waitForSelector('[data-testid=readout]');
    expect(await page.textContent('[data-testid=readout]')).toMatch(/^X \(north\) \d{7}\.\d{3}\s+Y \(east\) 38\d{6}\.\d{3}\s+· EPSG:4526 \(zone 38\)/);
    await page.fill('input[name=q]', '410802003012GB00103');
    await page.click('form.search button');
    await page.waitForSelector('[data-testid=boundary-points] tbody tr');
    expect(await page.textContent('[data-testid=parcel-panel]')).toMatch(/Results by stage.*Current boundary.*Boundary points.*Areas by stage.*Registration packet/s);
    expect(await page.textContent('select[name=registrationType] option:checked')).toBe('First registration: state-owned construction land use right');
    await page.waitForSelector('[data-testid=map][data-fitted="parcel:410802003012GB00103"]');
  });
});
