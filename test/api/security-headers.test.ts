// Security headers on every answer, and unknown /api paths answered as JSON 404s — never with the web app's page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { startTestHub, testConfig, type TestHub } from '../support/test-hub';
import { rawRequest, type RawAnswer } from '../support/raw-http';
import { createApp } from '../../server/app';
import { detectCapabilities } from '../../server/services/health.service';

let hub: TestHub;
/** The same app serving a stand-in web app, so the fallback to index.html is live. */
let withWebApp: { url: string; server: http.Server; dir: string };
const PAGE = '<!doctype html><title>web app</title>';
/** A built script as Vite names it: its content hash in the name. */
const ASSET = 'index-Dk3x9QzA.js';

beforeAll(async () => {
  hub = await startTestHub();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onesurvey-webdist-'));
  fs.writeFileSync(path.join(dir, 'index.html'), PAGE);
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', ASSET), `export const parcels = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `410802003012GB${String(i).padStart(5, '0')}`))};`);
  const db = { pool: hub.pool, engine: hub.engine, url: '', role: null, serveAsAppRole: async () => 'not needed: the stand-in shares the test hub\'s pool', close: async () => undefined };
  const app = createApp({ db, capabilities: await detectCapabilities(hub.pool, hub.engine), config: testConfig() }, { webDist: dir });
  const server = await new Promise<http.Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  withWebApp = { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server, dir };
});
afterAll(async () => {
  await new Promise((resolve) => withWebApp?.server.close(resolve));
  if (withWebApp) fs.rmSync(withWebApp.dir, { recursive: true, force: true });
  await hub?.stop();
});

function expectSecurityHeaders(res: RawAnswer) {
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  const csp = String(res.headers['content-security-policy']);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe/);
}

describe('security headers', () => {
  it.each([
    ['an API answer', 'GET', '/api/health', {}],
    ['an error', 'GET', '/api/parcels', {}],
    ['a 404', 'DELETE', '/api/nothing/here', {}],
    ['a refused body', 'POST', '/api/session', { 'content-type': 'application/json' }],
  ])('are on %s', async (_what, method, p, headers) => {
    const res = await rawRequest(hub.url, { method, path: p, headers, body: method === 'POST' ? Buffer.from('{') : undefined });
    expectSecurityHeaders(res);
  });

  it('are on the web app page and its client-side routes', async () => {
    expectSecurityHeaders(await rawRequest(withWebApp.url, { method: 'GET', path: '/' }));
    expectSecurityHeaders(await rawRequest(withWebApp.url, { method: 'GET', path: '/parcels/410883001001GB90001' }));
  });
});

describe('unknown API paths', () => {
  const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
  const paths = ['/api', '/api/', '/api/nope', '/api/parcels/410883001001GB90001/units/x/y', '/api/surveys/x/y/z/export', '/API/health/x', '/api/index.html', '/api/../api/nope'];

  it.each(methods)('answer %s with a JSON 404 ROUTE_NOT_FOUND at any depth, never the web app page', async (method) => {
    for (const p of paths) {
      const res = await rawRequest(withWebApp.url, { method, path: p });
      expect([method, p, res.status]).toEqual([method, p, 404]);
      expect(res.text).not.toContain('web app');
      if (method !== 'HEAD') expect([p, JSON.parse(res.text).code]).toEqual([p, 'ROUTE_NOT_FOUND']);
    }
  });

  it('still serve the web app page outside /api', async () => {
    const res = await rawRequest(withWebApp.url, { method: 'GET', path: '/apiary' });
    expect([res.status, res.text]).toEqual([200, PAGE]);
  });
});

describe('the web app as delivered', () => {
  it('serves hashed assets cacheable for a year and compressed', async () => {
    const res = await rawRequest(withWebApp.url, { method: 'GET', path: `/assets/${ASSET}`, headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(['br', 'gzip']).toContain(res.headers['content-encoding']);
  });

  it('asks for the page again every time, at / and at a client-side route alike', async () => {
    for (const p of ['/', '/index.html', '/parcels/410883001001GB90001']) {
      const res = await rawRequest(withWebApp.url, { method: 'GET', path: p });
      expect([p, res.status, res.headers['cache-control']]).toEqual([p, 200, 'no-cache']);
    }
  });
});
