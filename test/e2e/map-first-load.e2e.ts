// What the map costs on first load: one request per view (not the same box twice), every script and JSON answer
// compressed, hashed assets cacheable, well under 1 MB on the wire.
import type { Response } from 'playwright-core';
import { hubUrl, useBrowser } from './support/browser';

const browser = useBrowser();

interface Seen { path: string; type: string; encoding: string | null; cacheControl: string | null; wireBytes: number; bodyBytes: number }

it('loads the map with one features request per view, every script and JSON answer compressed, under 1 MB on the wire', async () => {
  const current = await browser.newPage();
  const { page } = current;
  const seen: Promise<Seen>[] = [];
  page.on('response', (res: Response) => seen.push((async () => {
    const sizes = await res.request().sizes();
    const headers = await res.allHeaders();
    return {
      path: new URL(res.url()).pathname + new URL(res.url()).search,
      type: headers['content-type'] ?? '',
      encoding: headers['content-encoding'] ?? null,
      cacheControl: headers['cache-control'] ?? null,
      wireBytes: sizes.responseBodySize + sizes.responseHeadersSize,
      bodyBytes: Number(headers['content-length'] ?? sizes.responseBodySize),
    };
  })()));
  await page.goto(hubUrl());
  await page.fill('input[name=username]', 'demo-registrar');
  await page.fill('input[name=password]', 'demo');
  await page.click('form.login button[type=submit]');
  await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
  await page.waitForTimeout(800); // any debounced reload of the same view would have gone out by now
  const responses = await Promise.all(seen);

  const features = responses.filter((r) => r.path.startsWith('/api/map/features'));
  expect(features).toHaveLength(1);
  expect(Number(await page.textContent('[data-testid=parcel-feature-count]'))).toBeGreaterThan(10);
  const scriptsAndJson = responses.filter((r) => /javascript|json|css/.test(r.type) && r.bodyBytes > 1024);
  expect(scriptsAndJson.length).toBeGreaterThan(0);
  expect(scriptsAndJson.filter((r) => !['br', 'gzip'].includes(r.encoding ?? '')).map((r) => r.path)).toEqual([]);
  const assets = responses.filter((r) => r.path.startsWith('/assets/'));
  expect(assets.length).toBeGreaterThan(0);
  expect(assets.every((r) => /immutable/.test(r.cacheControl ?? ''))).toBe(true);
  const total = responses.reduce((n, r) => n + r.wireBytes, 0);
  console.log(`first load: ${responses.length} requests, ${total} bytes on the wire — ${responses.map((r) => `${r.path.split('?')[0]} ${r.wireBytes}`).join(', ')}`);
  expect(total).toBeLessThan(1_000_000);
});
