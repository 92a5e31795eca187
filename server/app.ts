// The express app: JSON in, the route table wired, the built web app (or its placeholder) served, one error renderer.
import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response, type NextFunction } from 'express';
import { errorMiddleware, HubError, notFound } from './errors';
import { authorize, clientAddress, cookie, resolveViewer, SESSION_COOKIE } from './auth/access';
import { requireScope } from './auth/scope';
import { RateLimiter } from './auth/rate-limit';
import { validate } from './schemas';
import { buildOpenApi } from './openapi';
import { attachment, type HubContext, type Route } from './routes/route';
import { healthRoutes } from './routes/health.routes';
import { parcelRoutes } from './routes/parcels.routes';
import { surveyRoutes } from './routes/surveys.routes';
import { sessionRoutes } from './routes/session.routes';
import { accountRoutes } from './routes/accounts.routes';
import { comparisonRoutes } from './routes/comparisons.routes';
import { packetRoutes } from './routes/packets.routes';
import { mapRoutes } from './routes/map.routes';
import { ogcRouter } from './ogc/ogc.routes';
import { OGC_BASE } from './ogc/documents';

const VERSION: string = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')).version;
const WEB_DIST = path.resolve(__dirname, '../web/dist');

/** Every API route; the OpenAPI document and (later) the authorization matrix are generated from it. */
export const routes: Route[] = [...healthRoutes, ...sessionRoutes, ...parcelRoutes, ...surveyRoutes, ...comparisonRoutes, ...packetRoutes, ...mapRoutes, ...accountRoutes];
let openapi: unknown;
routes.push({
  method: 'get', path: '/api/openapi.json', access: 'authenticated', scope: 'none', operationId: 'getOpenApi', tag: 'system',
  summary: 'This API described (OpenAPI 3.1, generated from the route table and schemas/)', responses: { 200: { description: 'The document' } },
  handle: async () => ({ body: (openapi ??= buildOpenApi(routes, VERSION)) }),
});

const expressPath = (p: string) => p.replace(/\{(\w+)\}/g, ':$1');

export function createApp(ctx: HubContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (ctx.config.trustProxy) app.set('trust proxy', 1);
  app.use(express.json({ limit: '20mb', verify: (req, _res, buf) => ((req as Request & { rawBody?: Buffer }).rawBody = buf) }));
  const limiter = new RateLimiter(ctx.config.rateLimitPerMinute);

  for (const route of routes) {
    if (!route.access || !route.scope) throw new Error(`route ${route.method.toUpperCase()} ${route.path} states no access or scope rule`);
    app[route.method](expressPath(route.path), async (req: Request, res: Response, next: NextFunction) => {
      try {
        const viewer = await resolveViewer(ctx.db.pool, req);
        const address = clientAddress(req);
        const wait = limiter.take(viewer ? `account:${viewer.accountId}` : `address:${address}`);
        if (wait) {
          res.set('Retry-After', String(wait));
          throw new HubError(429, 'RATE_LIMITED', `Too many requests: try again in ${wait} s`);
        }
        authorize(route.access, viewer, cookie(req, SESSION_COOKIE) !== undefined);
        await requireScope(ctx.db.pool, route.scope, req, viewer);
        if (route.body && !req.is('multipart/form-data')) validate(route.body.json, req.body ?? {});
        const result = await route.handle(req, { ...ctx, viewer, clientAddress: address });
        if ('file' in result) {
          res.status(200).type(result.file.contentType).set('Content-Disposition', attachment(result.file.fileName)).send(Buffer.from(result.file.bytes));
        } else {
          if (result.headers) res.set(result.headers);
          res.status(result.status ?? 200).json(result.body);
        }
      } catch (err) {
        next(err);
      }
    });
  }
  app.use('/api', (req, _res, next) => next(notFound('ROUTE_NOT_FOUND', `There is no API endpoint ${req.method} ${req.originalUrl}; see /api/openapi.json`)));
  // OGC API – Features and Tiles (server/ogc/): its own router, JSON 404s under its base path.
  app.use(OGC_BASE, ogcRouter(ctx, limiter));

  if (fs.existsSync(WEB_DIST)) {
    app.use(express.static(WEB_DIST));
    app.get('*', (_req, res) => res.sendFile(path.join(WEB_DIST, 'index.html')));
  }
  app.use(errorMiddleware);
  return app;
}
