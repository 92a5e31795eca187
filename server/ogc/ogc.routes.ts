// OGC API – Features and Tiles under /ogc: each handler parses, calls one service function and shapes the answer
// (JSON, GeoJSON or HTML). The same access rules as /api: a session or bearer token (401 without), the viewer's
// visibility and county scope in every query, reads audited with applicationNo/purpose from the query (R8).
import express, { type NextFunction, type Request, type Response } from 'express';
import { notFound } from '../errors';
import { admit, retryAfter, type Gate } from '../http/front-door';
import { checkQuery } from '../http/query-params';
import { actorOf, attachment, purposeOf, type HubContext, type RequestContext, type Route } from '../routes/route';
import { collectionById, COLLECTIONS, type CollectionDef } from './collections';
import { apiDefinition, collectionDocument, collectionsDocument, CONFORMANCE, landingPage, Linker } from './documents';
import { exportItems, readItem, readItems } from './features.service';
import { renderHtml } from './html';
import { tileRoutes } from './tiles.routes';

const CARRIED = ['applicationNo', 'purpose'];

type Handler = (req: Request, res: Response, ctx: RequestContext, linker: Linker) => Promise<void>;

/** Whether the client asked for HTML: f=html, or a browser's Accept without f=json. */
export function wantsHtml(req: Request): boolean {
  if (req.query.f === 'html') return true;
  if (req.query.f === 'json') return false;
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') && !/application\/(geo\+)?json/.test(accept);
}

function send(req: Request, res: Response, title: string, doc: Record<string, any>, type = 'application/json') {
  if (wantsHtml(req)) res.type('text/html').send(renderHtml(title, doc));
  else res.type(type).send(JSON.stringify(doc));
}

/**
 * The OGC API as the front door sees it: any logged-in role (what each may see is decided per collection), reads that
 * record an application; every query value a single printable string (the collections check their own parameters).
 */
const OGC_ROUTE: Pick<Route, 'method' | 'path' | 'params' | 'access' | 'recordsApplication'> = { method: 'get', path: '/ogc', access: 'authenticated', recordsApplication: true, params: [] };

const collectionOf = (req: Request): CollectionDef => {
  const c = collectionById(req.params.collectionId);
  if (!c) throw notFound('COLLECTION_NOT_FOUND', `There is no collection ${req.params.collectionId}; the collections are ${COLLECTIONS.map((x) => x.id).join(', ')}`);
  return c;
};

/** The OGC API router, mounted at /ogc. */
export function ogcRouter(hub: HubContext, gate: Gate): express.Router {
  const router = express.Router();
  const wrap = (handler: Handler) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      // The /api front door: its reads record an application (R8), so a cross-site link may not make them.
      const { viewer, address } = await admit(req, gate, OGC_ROUTE);
      checkQuery(OGC_ROUTE, req.query);
      const carried = Object.fromEntries(CARRIED.filter((k) => typeof req.query[k] === 'string').map((k) => [k, req.query[k] as string]));
      await handler(req, res, { ...hub, viewer, clientAddress: address, loginBudget: gate.budget }, new Linker(`${req.protocol}://${req.get('host')}`, carried));
    } catch (err) {
      retryAfter(res, err);
      next(err);
    }
  };

  router.get('/', wrap(async (req, res, _ctx, l) => send(req, res, 'OneSurvey Hub', landingPage(l))));
  router.get('/conformance', wrap(async (req, res) => send(req, res, 'Conformance', { title: 'Conformance', conformsTo: CONFORMANCE })));
  router.get('/api', wrap(async (_req, res, _ctx, l) => void res.type('application/vnd.oai.openapi+json;version=3.0').send(JSON.stringify(apiDefinition(l)))));
  router.get('/collections', wrap(async (req, res, _ctx, l) => send(req, res, 'Collections', { title: 'Collections', ...collectionsDocument(l) })));
  router.get('/collections/:collectionId', wrap(async (req, res, _ctx, l) => {
    const c = collectionOf(req);
    send(req, res, c.title, collectionDocument(l, c));
  }));
  router.get('/collections/:collectionId/items', wrap(async (req, res, ctx, l) => {
    const c = collectionOf(req);
    if (req.query.f === 'gpkg' || req.query.f === 'shp') {
      const file = await exportItems(ctx.db.pool, c, req.query as Record<string, unknown>, req.query.f, actorOf(ctx), purposeOf(req));
      res.status(200).type(file.contentType).set('Content-Disposition', attachment(file.fileName)).send(Buffer.from(file.bytes));
      return;
    }
    const page = await readItems(ctx.db.pool, c, req.query as Record<string, unknown>, actorOf(ctx), purposeOf(req));
    const params = Object.fromEntries(Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'cursor'));
    const here = (extra: Record<string, string | undefined>) => l.href(`/collections/${c.id}/items`, { ...params, ...extra });
    res.set('Content-Crs', `<${page.crs.uri}>`);
    send(req, res, c.title, {
      type: 'FeatureCollection',
      title: c.title,
      timeStamp: new Date().toISOString(),
      ...(page.numberMatched !== undefined ? { numberMatched: page.numberMatched } : {}),
      ...(page.numberMatchedEstimated ? { numberMatchedEstimated: true } : {}),
      numberReturned: page.features.length,
      links: [
        { href: here({ cursor: req.query.cursor as string | undefined, f: undefined }), rel: 'self', type: 'application/geo+json' },
        { href: here({ cursor: req.query.cursor as string | undefined, f: 'html' }), rel: 'alternate', type: 'text/html' },
        ...(page.next ? [{ href: here({ cursor: page.next, f: wantsHtml(req) ? 'html' : undefined }), rel: 'next', type: wantsHtml(req) ? 'text/html' : 'application/geo+json', title: 'Next page' }] : []),
        { href: l.href(`/collections/${c.id}`), rel: 'collection', type: 'application/json' },
      ],
      features: page.features,
    }, 'application/geo+json');
  }));
  router.get('/collections/:collectionId/items/:featureId', wrap(async (req, res, ctx, l) => {
    const c = collectionOf(req);
    const { feature, crs } = await readItem(ctx.db.pool, c, req.params.featureId, req.query as Record<string, unknown>, actorOf(ctx), purposeOf(req));
    res.set('Content-Crs', `<${crs.uri}>`);
    send(req, res, `${c.title} ${feature.id}`, {
      ...feature,
      links: [
        { href: l.href(`/collections/${c.id}/items/${encodeURIComponent(String(feature.id))}`), rel: 'self', type: 'application/geo+json' },
        { href: l.href(`/collections/${c.id}`), rel: 'collection', type: 'application/json' },
      ],
    }, 'application/geo+json');
  }));
  tileRoutes(router, wrap);
  // Everything else under the base path is a JSON 404, never the web app.
  router.use((req, _res, next) => next(notFound('ROUTE_NOT_FOUND', `There is no OGC API resource ${req.method} ${req.originalUrl}; start at /ogc/`)));
  return router;
}

export type OgcWrap = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => Promise<void>;
