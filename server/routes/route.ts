// The route table's shape: each route declares its contract once; express wiring and OpenAPI both read it.
import type { Request } from 'express';
import type { Database } from '../db/database';
import type { Capabilities } from '../services/health.service';

export interface HubContext {
  db: Database;
  capabilities: Capabilities;
}

export interface RouteParam {
  name: string;
  in: 'path' | 'query';
  description: string;
  required?: boolean;
  schema?: Record<string, unknown>;
}

export interface RouteResponse {
  description: string;
  /** $id of a schema in schemas/, or an inline schema. */
  schema?: string | Record<string, unknown>;
}

export interface Route {
  method: 'get' | 'put' | 'post' | 'delete';
  /** OpenAPI form: /api/parcels/{parcelCode}. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  params?: RouteParam[];
  /** $id of the request body's schema; the body is validated before the handler runs. */
  body?: string;
  responses: Record<number, RouteResponse>;
  /** Parses, calls one service function, shapes the answer. */
  handle(req: Request & { rawBody?: Buffer }, ctx: HubContext): Promise<{ status?: number; body: unknown }>;
}
