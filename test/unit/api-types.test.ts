// The web app's API types are generated from the hub's OpenAPI document: a route or schema changed without
// regenerating them (npm run api:types) fails here and in npm run typecheck; its hand-kept lists match the hub's.
import fs from 'node:fs';
import { API_TYPES_FILE, renderApiTypes } from '../../scripts/api-types';
import { EXPORT_FORMATS as WEB_EXPORT_FORMATS, LIST_STATUSES as WEB_LIST_STATUSES } from '../../web/src/api/types';
import { EXPORT_FORMATS } from '../../server/services/export.service';
import { LIST_STATUSES } from '../../server/services/map.service';
import tasksZh from '../../web/src/i18n/tasks.zh-CN';
import tasksEn from '../../web/src/i18n/tasks.en';

it("keeps web/src/api/openapi.gen.ts identical to what the hub's OpenAPI document generates today", async () => {
  const generated = await renderApiTypes();
  expect(generated).toContain('"survey-result": {');
  expect(fs.readFileSync(API_TYPES_FILE, 'utf8')).toBe(generated);
});

describe("the web app's lists of values", () => {
  it("offer exactly the hub's export formats and result lists", () => {
    expect([...WEB_EXPORT_FORMATS]).toEqual([...EXPORT_FORMATS]);
    expect([...WEB_LIST_STATUSES]).toEqual([...LIST_STATUSES]);
  });

  it('have every task-list text in both languages', () => {
    const keys = (tree: object, prefix = ''): string[] => Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`])).sort();
    expect(keys(tasksEn)).toEqual(keys(tasksZh));
  });
});
