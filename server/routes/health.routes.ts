// GET /api/health: which engine, which PostGIS, what it can do, and the basemaps the web app may offer.
import type { Route } from './route';

export const healthRoutes: Route[] = [
  {
    method: 'get',
    path: '/api/health',
    access: 'public',
    scope: 'none',
    operationId: 'getHealth',
    summary: 'Engine (pglite | postgresql), PostgreSQL and PostGIS versions, detected capabilities, the 天地图 browser key when configured',
    tag: 'system',
    responses: { 200: { description: 'The hub is serving', schema: 'health' } },
    async handle(_req, ctx) {
      await ctx.db.pool.query('SELECT 1');
      return { body: { status: 'ok', ...ctx.capabilities, tiandituKey: ctx.config.tiandituKey ?? null } };
    },
  },
];
