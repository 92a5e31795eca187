// A request's body checked against its route before the handler runs: JSON against the route's JSON schema, a
// multipart upload read (fields coerced, then against the route's multipart schema), anything else refused with 415.
import type { Request } from 'express';
import { HubError } from '../errors';
import { validate } from '../schemas';
import { coerceFields, parseMultipart } from '../routes/multipart';
import type { RequestContext, Route } from '../routes/route';

const unsupported = (route: Route, sent: string) => {
  const takes = [route.body?.json && 'application/json', route.body?.multipart && "multipart/form-data (the file in field 'file')"].filter(Boolean).join(' or ');
  return new HubError(415, 'BODY_TYPE_UNSUPPORTED', `${route.method.toUpperCase()} ${route.path} takes ${takes}, not ${sent}`);
};

/**
 * The path of the first text holding NUL (U+0000), which PostgreSQL cannot store in text: refused here, before any
 * query, with the field named. Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findNul(value: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path || '(body)';
    } else if (v && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        if (key.includes('\u0000')) return `${path}${path ? '.' : ''}(a field name)`;
        stack.push([child, path ? `${path}.${key}` : key]);
      }
    }
  }
  return undefined;
}

const refuseNul = (field: string | undefined) => {
  if (field) throw new HubError(400, 'TEXT_INVALID_CHARACTER', `${field} contains the NUL character (U+0000), which the hub cannot store; remove it`);
};

/** Validates a JSON body in place, or reads and validates a multipart one; returns the upload (if multipart). */
export async function checkBody(req: Request, route: Route): Promise<RequestContext['upload']> {
  if (!route.body) return undefined;
  if (req.is('multipart/form-data')) {
    if (!route.body.multipart) throw unsupported(route, 'multipart/form-data');
    const { fields, file } = await parseMultipart(req);
    refuseNul(findNul(fields) ?? (file?.fileName.includes('\u0000') ? 'the file name' : undefined));
    return { fields: validate(route.body.multipart, coerceFields(fields), 'BODY_INVALID', "The upload's fields"), file };
  }
  // req.is: null without a body, false for a body of another type (text/plain, a url-encoded form…)
  if (req.is('application/json') === false) throw unsupported(route, req.get('content-type') || 'a body without a Content-Type');
  if (!route.body.json) throw unsupported(route, req.is('application/json') ? 'application/json' : 'an empty body');
  refuseNul(findNul(req.body));
  validate(route.body.json, req.body ?? {});
  return undefined;
}
