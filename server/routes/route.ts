// The route table's shape: each route declares its contract once; express wiring and OpenAPI both read it.
import type { Request } from 'express';
import type { Database } from '../db/database';
import type { Capabilities } from '../services/health.service';
import type { Role, Viewer } from '../auth/viewer';
import type { Config } from '../config';
import type { Actor } from '../services/audit.service';
import type { ScopeRule } from '../auth/scope';
import type { ReadPurpose } from '../auth/purpose';
import type { FailureBudget } from '../auth/login-budget';

export interface HubContext {
  db: Database;
  capabilities: Capabilities;
  config: Pick<Config, 'rateLimitPerMinute' | 'trustProxy' | 'loginFailuresPerAddress' | 'unifiedRegistrationDate' | 'tiandituKey'>;
}

/** What a handler gets besides the request: the hub, and who is asking from where. */
export interface RequestContext extends HubContext {
  /** The principal (null only on public routes). */
  viewer: Viewer | null;
  clientAddress: string;
  /** Failed logins and bad tokens per address, across usernames (server/auth/login-budget.ts). */
  loginBudget: FailureBudget;
  /** A multipart request's parts, read and checked by the middleware: the fields coerced and schema-valid. */
  upload?: { fields: Record<string, unknown>; file?: { fileName: string; bytes: Buffer } };
}

/**
 * Who may call a route — every route states it, and one middleware enforces it: `public` (no login),
 * `authenticated` (any role), or the roles that may.
 */
export type Access = 'public' | 'authenticated' | readonly Role[];

export interface RouteParam {
  name: string;
  in: 'path' | 'query';
  description: string;
  required?: boolean;
  schema?: Record<string, unknown>;
  /** The code a value breaking `schema` is refused with (default QUERY_INVALID), where a stable one exists. */
  invalidCode?: string;
}

export interface RouteResponse {
  description: string;
  /** $id of a schema in schemas/, or an inline schema. */
  schema?: string | Record<string, unknown>;
}

export interface Route {
  method: 'get' | 'put' | 'post' | 'delete';
  access: Access;
  /** What object the route reads or changes, for the county scope and visibility check (auth/scope.ts). */
  scope: ScopeRule;
  /** OpenAPI form: /api/parcels/{parcelCode}. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  params?: RouteParam[];
  /**
   * $id of the request body's schema per content type. The middleware validates a JSON body, or reads a
   * multipart one (fields coerced, then validated; the file in ctx.upload) before the handler runs; a body of
   * a type the route does not name is refused with 415.
   */
  body?: { json?: string; multipart?: string };
  /**
   * The route records an application and purpose in the audit log when read (an export, a packet download):
   * a cookie session may not trigger it from another site's page (server/auth/cross-site.ts).
   */
  recordsApplication?: boolean;
  responses: Record<number, RouteResponse>;
  /** Parses, calls one service function, shapes the answer: JSON, or a file to download. */
  handle(req: Request & { rawBody?: Buffer }, ctx: RequestContext): Promise<RouteResult>;
}

export type RouteResult =
  | { status?: number; body: unknown; headers?: Record<string, string | string[]> }
  /** A JSON document the database already wrote (sent as it is, not parsed and serialised again). */
  | { status?: number; jsonText: string }
  /** A file to download — or, `inline`, to show in the browser (a printable page), still named for saving. */
  | { file: { fileName: string; contentType: string; bytes: Uint8Array }; inline?: boolean };

/** Content-Disposition for a download (or, `inline`, a page shown) whose name may be Chinese (RFC 6266 / 5987). */
export function attachment(fileName: string, inline = false): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The actor of a request, for services that write or audit. */
export const actorOf = (ctx: RequestContext): Actor => ({ viewer: ctx.viewer, clientAddress: ctx.clientAddress });

/** What a read is for, from the query (R8): recorded in the audit log with every read of coordinates or areas. */
export const purposeOf = (req: Request): ReadPurpose => ({
  applicationNo: typeof req.query.applicationNo === 'string' ? req.query.applicationNo : undefined,
  purpose: typeof req.query.purpose === 'string' ? req.query.purpose : undefined,
});

/** The query parameters of a read of coordinates or areas. */
export const purposeParams: RouteParam[] = [
  { name: 'applicationNo', in: 'query', description: 'The application (申请编号) the read is for; recorded in the audit log (required for department tokens, packet reads and a registrar\'s exports)' },
  { name: 'purpose', in: 'query', description: 'What the read is for; recorded in the audit log with applicationNo (without both, a web-app read is recorded as browsing)' },
];
