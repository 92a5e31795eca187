// Health, the OpenAPI document and unknown routes.
import { routes } from '../../server/app';
import { schemas } from '../../server/schemas';
import { expectSchema, expectedEngine, startTestHub, type TestHub } from '../support/test-hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.stop());

it('reports the engine under test and its PostGIS version', async () => {
  const res = await hub.request('GET', '/api/health');
  expect(res.status).toBe(200);
  expectSchema('health', res.body);
  expect(res.body.engine).toBe(expectedEngine);
  expect(res.body.postgisVersion).toMatch(/^3\.\d+/);
  const { rows } = await hub.pool.query('SELECT postgis_lib_version() AS v');
  expect(res.body.postgisVersion).toBe(rows[0].v);
});

it('describes every route of the route table in /api/openapi.json, citing the schemas in schemas/', async () => {
  const res = await hub.request('GET', '/api/openapi.json');
  expect(res.status).toBe(200);
  expect(res.body.openapi).toBe('3.1.0');
  for (const route of routes) expect(res.body.paths[route.path][route.method].operationId).toBe(route.operationId);
  const refs = JSON.stringify(res.body.paths).match(/#\/components\/schemas\/[\w-]+/g) ?? [];
  for (const ref of refs) expect(Object.keys(schemas)).toContain(ref.split('/').pop());
  expect(Object.keys(res.body.components.schemas).sort()).toEqual(Object.keys(schemas).sort());
});

it('answers an unknown API path with a JSON 404', async () => {
  const res = await hub.request('GET', '/api/nothing-here');
  expect(res.status).toBe(404);
  expectSchema('error', res.body);
});
