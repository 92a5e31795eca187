// Query parameters checked against the route table before a handler runs, as bodies are: one string per name
// (never `q[]=` arrays or `a[b]=` objects), no control characters, and each declared parameter's own schema.
import { compileValidator } from '../schemas';
import { HubError } from '../errors';
import type { Route, RouteParam } from '../routes/route';

/** Any query value: a single string of printable characters (NUL and other control characters are refused). */
export const QUERY_TEXT = { type: 'string', maxLength: 2000, pattern: '^[^\\u0000-\\u001f\\u007f]*$', 'x-expected': 'text without control characters (no NUL, tab or line break)' } as const;

/** Reusable parameter schemas (query values are strings: numbers are checked as digits). */
export const QUERY_SCHEMAS = {
  count: (max: number) => ({ type: 'string', pattern: '^[0-9]{1,9}$', 'x-expected': `a whole number from 0 to ${max}` }),
  oneOf: (...values: string[]) => ({ enum: values }),
  uuid: { type: 'string', format: 'uuid' },
  date: { type: 'string', format: 'date' },
  bbox: { type: 'string', pattern: '^\\s*-?[0-9.]+(\\s*,\\s*-?[0-9.]+){3}\\s*$', 'x-expected': 'four numbers minLon,minLat,maxLon,maxLat' },
} as const;

type Check = (query: unknown) => Record<string, string>;
const checks = new WeakMap<object, Check>();

/** A required parameter's absence is left to the service, which names it with its own code (BBOX_REQUIRED…). */
function schemaOf(params: RouteParam[]) {
  const query = params.filter((p) => p.in === 'query');
  return {
    type: 'object',
    properties: Object.fromEntries(query.map((p) => [p.name, { allOf: [QUERY_TEXT, p.schema ?? {}] }])),
    // Names the route does not declare are ignored by it; they still must be single, printable strings.
    additionalProperties: QUERY_TEXT,
  };
}

/** The route's query, checked: 400 QUERY_INVALID (or the one parameter's invalidCode) naming each parameter that is wrong. */
export function checkQuery(route: Pick<Route, 'method' | 'path' | 'params'>, query: unknown): Record<string, string> {
  let check = checks.get(route);
  if (!check) {
    check = compileValidator(schemaOf(route.params ?? []), `the query parameters of ${route.method.toUpperCase()} ${route.path}`, 'QUERY_INVALID', 'The query string');
    checks.set(route, check);
  }
  try {
    return check(query);
  } catch (err) {
    const problems = err instanceof HubError ? (err.details as { problems?: { field: string }[] } | undefined)?.problems ?? [] : [];
    const codes = new Set(problems.map((p) => route.params?.find((q) => q.in === 'query' && q.name === p.field.split('.')[0])?.invalidCode));
    const [code] = [...codes];
    if (err instanceof HubError && codes.size === 1 && code) throw new HubError(err.status, code, err.message, err.details);
    throw err;
  }
}
