// The express app: security headers, JSON in, the route table wired (principal, rate limit, cross-site rule, access,
// query and body checked before a handler runs), the built web app (or its placeholder) served, one error renderer.
import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response, type NextFunction } from 'express';
import compression from 'compression';
import { errorMiddleware, notFound } from './errors';
import { requireScope } from './auth/scope';
import { RateLimiter } from './auth/rate-limit';
import { FailureBudget } from './auth/login-budget';
import { admit, retryAfter, type Gate } from './http/front-door';
import { securityHeaders } from './http/security-headers';
import { checkQuery } from './http/query-params';
import { checkBody } from './http/request-body';
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
import { referenceRoutes } from './routes/reference.routes';
import { ogcRouter } from './ogc/ogc.routes';
import { OGC_BASE } from './ogc/documents';

const VERSION: string = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')).version;
const WEB_DIST = path.resolve(__dirname, '../web/dist');

/** Every API route; the OpenAPI document and (later) the authorization matrix are generated from it. */
export const routes: Route[] = [...healthRoutes, ...sessionRoutes, ...parcelRoutes, ...surveyRoutes, ...comparisonRoutes, ...packetRoutes, ...mapRoutes, ...accountRoutes, ...referenceRoutes];
let openapi: unknown;
routes.push({
  method: 'get', path: '/api/openapi.json', access: 'authenticated', scope: 'none', operationId: 'getOpenApi', tag: 'system',
  summary: 'This API described (OpenAPI 3.1, generated from the route table and schemas/)', responses: { 200: { description: 'The document' } },
  handle: async () => ({ body: (openapi ??= buildOpenApi(routes, VERSION)) }),
});

const expressPath = (p: string) => p.replace(/\{(\w+)\}/g, ':$1');

/** Where the built web app is served from (tests point it elsewhere). */
export interface AppOptions {
  webDist?: string;
}

export function createApp(ctx: HubContext, options: AppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (ctx.config.trustProxy) app.set('trust proxy', 1);
  app.use(securityHeaders);
  // brotli (quality 4) or gzip on every compressible answer over 1 kB: JSON, the app's JS, CSS and HTML.
  app.use(compression());
  app.use(express.json({ limit: '20mb', verify: (req, _res, buf) => ((req as Request & { rawBody?: Buffer }).rawBody = buf) }));
  const limiter = new RateLimiter(ctx.config.rateLimitPerMinute);
  const loginBudget = new FailureBudget(ctx.config.loginFailuresPerAddress);
  const gate: Gate = { db: ctx.db, budget: loginBudget, limiter };

  for (const route of routes) {
    if (!route.access || !route.scope) throw new Error(`route ${route.method.toUpperCase()} ${route.path} states no access or scope rule`);
    app[route.method](expressPath(route.path), async (req: Request, res: Response, next: NextFunction) => {
      try {
        const { viewer, address } = await admit(req, gate, route);
        // Scope first: outside it, any request about the object is "not found" (or "not yours"), whatever else is wrong.
        await requireScope(ctx.db.pool, route.scope, req, viewer);
        checkQuery(route, req.query);
        const upload = await checkBody(req, route);
        const result = await route.handle(req, { ...ctx, viewer, clientAddress: address, loginBudget, upload });
        if ('jsonText' in result) {
          res.status(result.status ?? 200).type('application/json').send(result.jsonText);
        } else if ('file' in result) {
          res.status(200).type(result.file.contentType).set('Content-Disposition', attachment(result.file.fileName, result.inline)).send(Buffer.from(result.file.bytes));
        } else {
          if (result.headers) res.set(result.headers);
          res.status(result.status ?? 200).json(result.body);
        }
      } catch (err) {
        retryAfter(res, err);
        next(err);
      }
    });
  }
  // Every other /api path, whatever the method or depth, is a JSON 404 — never the web app's page.
  app.all(['/api', '/api/*'], (req, _res, next) => next(notFound('ROUTE_NOT_FOUND', `There is no API endpoint ${req.method} ${req.path}; see /api/openapi.json`)));
  // OGC API – Features and Tiles (server/ogc/): its own router, JSON 404s under its base path.
  app.use(OGC_BASE, ogcRouter(ctx, gate));

  const webDist = options.webDist ?? WEB_DIST;
  if (fs.existsSync(webDist)) {
    // Built assets carry a content hash in their names: cached for a year; index.html is asked for again each time.
    app.use(express.static(webDist, { setHeaders: (res, file) => res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache') }));
    app.get('*', (_req, res) => res.sendFile(path.join(webDist, 'index.html'), { cacheControl: false, headers: { 'Cache-Control': 'no-cache' } }));
  }
  app.use(errorMiddleware);
  return app;
}
