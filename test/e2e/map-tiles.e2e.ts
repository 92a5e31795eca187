// The map at city zoom draws every result of the demo city from vector tiles, styled by stage and status; a decision
// reaches the tiles the page shows without reloading it.
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import type { Response } from 'playwright-core';
import { useBrowser, screenshot } from './support/browser';
import { apiAs, freeCorner, rectangle, submit, testParcelCode } from './support/hub-data';

const browser = useBrowser();

/** Waits until `read()` returns `want` (or fails naming what it last saw). */
async function until<T>(read: () => T, want: T, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (read() !== want) {
    if (Date.now() > end) throw new Error(`waited ${timeoutMs} ms for ${String(want)}, last saw ${String(read())}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The results each tile response carried: survey id → status, and the zoom of every tile. */
function watchTiles(page: import('playwright-core').Page) {
  const statuses = new Map<string, string>();
  const parcels = new Set<string>();
  const zooms = new Set<number>();
  page.on('response', async (r: Response) => {
    const m = /\/ogc\/collections\/results\/tiles\/WebMercatorQuad\/(\d+)\/\d+\/\d+/.exec(r.url());
    if (!m || r.status() !== 200) return;
    zooms.add(Number(m[1]));
    const body = await r.body().catch(() => null); // the page may close before a late tile arrives
    if (!body) return;
    const layer = new VectorTile(new Pbf(body)).layers.results;
    for (let i = 0; layer && i < layer.length; i++) {
      const p = layer.feature(i).properties;
      statuses.set(String(p.surveyId), String(p.status));
      parcels.add(String(p.parcelCode));
    }
  });
  return { statuses, parcels, zooms };
}

it('draws the whole demo city from tiles at city zoom, and a decision changes the tile seen without a reload', async () => {
  const surveyor = await apiAs('demo-surveyor');
  const submitted = await submit(surveyor, { stage: 'land_supply', kind: '权籍调查', parcelCode: testParcelCode(), features: rectangle(freeCorner(), 60, 40) });
  const current = await browser.logInAs('demo-reviewer');
  const { page } = current;
  const tiles = watchTiles(page);
  await page.evaluate(() => window.dispatchEvent(new Event('hub:data-changed'))); // the tiles as the page holds them, fetched again
  await until(() => tiles.statuses.get(submitted.id), 'submitted');
  expect([...tiles.zooms].every((z) => z >= 10 && z <= 13)).toBe(true);
  expect(tiles.parcels.size).toBeGreaterThan(20);
  await screenshot(page, 'map-tiles-city');

  // The reviewer decides in this page's session; the tiles refetch and carry the decision.
  const answer = await page.evaluate(async (id) => {
    const r = await fetch(`/api/surveys/${id}/review`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ decision: 'accept', note: '符合要求' }) });
    window.dispatchEvent(new Event('hub:data-changed'));
    return r.status;
  }, submitted.id);
  expect(answer).toBe(200);
  await until(() => tiles.statuses.get(submitted.id), 'accepted');
});
