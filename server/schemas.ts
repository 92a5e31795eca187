// The JSON Schemas in schemas/ are the single source: requests are validated against them, OpenAPI cites them.
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
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

// verbose: errors carry their schema, so a pattern can be explained by its `x-expected` words instead of the regex
const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
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
  const expected = (error.parentSchema as { 'x-expected'?: string } | undefined)?.['x-expected'];
  if (error.keyword === 'pattern' && expected) return { field, message: `must be ${expected}` };
  if (error.keyword === 'enum') return { field, message: `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
  return { field, message: error.message ?? 'is invalid' };
}

/** Throws 400 `code` naming each field `check` complains about; `what` says what was checked ("The request body"). */
function refuse(check: ValidateFunction, what: string, title: string, code: string): never {
  const problems = (check.errors ?? []).filter((e) => e.keyword !== 'if').map(describe);
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.field === p.field && q.message === p.message) === i);
  const text = unique.slice(0, 5).map((p) => `${p.field} ${p.message}`).join('; ');
  throw badRequest(code, `${what} does not match ${title}: ${text}`, { problems: unique });
}

/** Checks `value` against schema `id`; returns it typed, or throws 400 `code` naming each field. */
export function validate<T>(id: string, value: unknown, code = 'BODY_INVALID', what = 'The request body'): T {
  const check = ajv.getSchema(id);
  if (!check) throw new Error(`no schema ${id}`);
  if (check(value)) return value as T;
  refuse(check, what, String(schemas[id].title ?? id), code);
}

/** A validator for a schema that is not in schemas/ (built from the route table, e.g. a route's query parameters). */
export function compileValidator<T>(schema: Record<string, unknown>, title: string, code: string, what: string): (value: unknown) => T {
  const check = ajv.compile(schema);
  return (value) => {
    if (check(value)) return value as T;
    refuse(check, what, title, code);
  };
}

/** True when `value` matches schema `id` (for tests and response checks). */
export function matches(id: string, value: unknown): { ok: boolean; errors: string[] } {
  const check = ajv.getSchema(id);
  if (!check) throw new Error(`no schema ${id}`);
  const ok = check(value) as boolean;
  return { ok, errors: (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`) };
}
