// The web app's API types are generated from the hub's OpenAPI document: a route or schema changed without
// regenerating them (npm run api:types) fails here and in npm run typecheck; its hand-kept lists match the hub's.
import fs from 'node:fs';
import { API_TYPES_FILE, renderApiTypes } from '../../scripts/api-types';

it("keeps web/src/api/openapi.gen.ts identical to what the hub's OpenAPI document generates today", async () => {
  const generated = await renderApiTypes();
  expect(generated).toContain('"survey-result": {');
  expect(fs.readFileSync(API_TYPES_FILE, 'utf8')).toBe(generated);
});

describe("the web app's lists of values", () => {
  it("offer exactly the hub's export formats and result lists", async () => {
    const web = await import('../../web/src/api/types');
    const { EXPORT_FORMATS } = await import('../../server/services/export.service');
    const { LIST_STATUSES } = await import('../../server/services/map.service');
    expect([...web.EXPORT_FORMATS]).toEqual([...EXPORT_FORMATS]);
    expect([...web.LIST_STATUSES]).toEqual([...LIST_STATUSES]);
  });

  it('have every task-list text in both languages', async () => {
    const keys = (tree: object, prefix = ''): string[] => Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`])).sort();
    const zh = (await import('../../web/src/i18n/tasks.zh-CN')).default;
    const en = (await import('../../web/src/i18n/tasks.en')).default;
    expect(keys(en)).toEqual(keys(zh));
  });
});
