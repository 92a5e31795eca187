// The JSON Schemas in schemas/ are the single source: requests are validated against them, OpenAPI cites them.
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { badRequest } from './errors';

export const SCHEMAS_DIR = path.resolve(__dirname, '../schemas');

/** Every schema in schemas/, keyed by its $id. */
export const schemas: Record<string, Record<string, unknown>> = Object.fromEntries(
  fs
    .readdirSync(SCHEMAS_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => {
      const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, f), 'utf8'));
      return [schema.$id as string, schema];
    }),
);

/** An upload's fields: the submission's metadata without features; parcelCode and crs may come from the file. */
function uploadSchema(submission: Record<string, any>) {
  const { features: _features, ...properties } = submission.properties;
  return {
    $id: 'survey-upload',
    title: 'Survey file upload (multipart/form-data: the file in field `file`, the metadata as fields)',
    type: 'object',
    additionalProperties: false,
    required: submission.required.filter((name: string) => name !== 'parcelCode' && name !== 'crs'),
    properties,
  };
}
schemas['survey-upload'] = uploadSchema(schemas['survey-submission']);

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
for (const schema of Object.values(schemas)) ajv.addSchema(schema);

/** One readable line per schema problem, naming the field by its JSON path. */
function describe(error: ErrorObject): { field: string; message: string } {
  const field = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : '(body)';
  if (error.keyword === 'additionalProperties') {
    return { field, message: `unknown field '${(error.params as { additionalProperty: string }).additionalProperty}'` };
  }
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return { field: field === '(body)' ? missing : `${field}.${missing}`, message: 'is required' };
  }
  if (error.keyword === 'enum') return { field, message: `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
  return { field, message: error.message ?? 'is invalid' };
}

/** Checks `value` against schema `id`; returns it typed, or throws 400 `code` naming each field. */
export function validate<T>(id: string, value: unknown, code = 'BODY_INVALID'): T {
  const check = ajv.getSchema(id);
  if (!check) throw new Error(`no schema ${id}`);
  if (check(value)) return value as T;
  const problems = (check.errors ?? []).filter((e) => e.keyword !== 'if').map(describe);
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.field === p.field && q.message === p.message) === i);
  const text = unique.slice(0, 5).map((p) => `${p.field} ${p.message}`).join('; ');
  throw badRequest(code, `The request body does not match ${String(schemas[id].title ?? id)}: ${text}`, { problems: unique });
}

/** True when `value` matches schema `id` (for tests and response checks). */
export function matches(id: string, value: unknown): { ok: boolean; errors: string[] } {
  const check = ajv.getSchema(id);
  if (!check) throw new Error(`no schema ${id}`);
  const ok = check(value) as boolean;
  return { ok, errors: (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`) };
}
