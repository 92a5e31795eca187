// The web app's API types are generated from the hub's OpenAPI document: a route or schema changed without
// regenerating them (npm run api:types) fails here and in npm run typecheck.
import fs from 'node:fs';
import { API_TYPES_FILE, renderApiTypes } from '../../scripts/api-types';

it("keeps web/src/api/openapi.gen.ts identical to what the hub's OpenAPI document generates today", async () => {
  const generated = await renderApiTypes();
  expect(generated).toContain('"survey-result": {');
  expect(fs.readFileSync(API_TYPES_FILE, 'utf8')).toBe(generated);
});
