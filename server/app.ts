// The express app: JSON in, the route table wired, the built web app (or its placeholder) served, one error renderer.
import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response, type NextFunction } from 'express';
import { errorMiddleware, notFound } from './errors';
import { validate } from './schemas';
import { buildOpenApi } from './openapi';
import { attachment, type HubContext, type Route } from './routes/route';
import { healthRoutes } from './routes/health.routes';
import { parcelRoutes } from './routes/parcels.routes';
import { surveyRoutes } from './routes/surveys.routes';

const VERSION: string = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')).version;
const WEB_DIST = path.resolve(__dirname, '../web/dist');

/** Every API route; the OpenAPI document and (later) the authorization matrix are generated from it. */
export const routes: Route[] = [...healthRoutes, ...parcelRoutes, ...surveyRoutes];

const expressPath = (p: string) => p.replace(/\{(\w+)\}/g, ':$1');

export function createApp(ctx: HubContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '20mb', verify: (req, _res, buf) => ((req as Request & { rawBody?: Buffer }).rawBody = buf) }));

  const openapi = buildOpenApi(routes, VERSION);
  app.get('/api/openapi.json', (_req, res) => res.json(openapi));

  for (const route of routes) {
    app[route.method](expressPath(route.path), async (req: Request, res: Response, next: NextFunction) => {
      try {
        if (route.body && !req.is('multipart/form-data')) validate(route.body.json, req.body ?? {});
        const result = await route.handle(req, ctx);
        if ('file' in result) {
          res.status(200).type(result.file.contentType).set('Content-Disposition', attachment(result.file.fileName)).send(Buffer.from(result.file.bytes));
        } else {
          res.status(result.status ?? 200).json(result.body);
        }
      } catch (err) {
        next(err);
      }
    });
  }
  app.use('/api', (req, _res, next) => next(notFound('ROUTE_NOT_FOUND', `There is no API endpoint ${req.method} ${req.originalUrl}; see /api/openapi.json`)));

  if (fs.existsSync(WEB_DIST)) {
    app.use(express.static(WEB_DIST));
    app.get('*', (_req, res) => res.sendFile(path.join(WEB_DIST, 'index.html')));
  }
  app.use(errorMiddleware);
  return app;
}
