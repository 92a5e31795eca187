// Vector tiles in the shape of OGC API – Tiles (tilesets of a collection, WebMercatorQuad, MVT tiles with ETags).
import type express from 'express';
import { notFound } from '../errors';
import { actorOf, purposeOf } from '../routes/route';
import { collectionById, COLLECTIONS } from './collections';
import type { Linker } from './documents';
import type { OgcWrap } from './ogc.routes';
import { MAX_ZOOM, parseTile, readTile } from './tiles.service';
import { TileCache } from './tile-cache';

const WEB_MERCATOR_QUAD = 'http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad';
export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';
/** The most encoded tile bytes the hub keeps in memory. */
export const TILE_CACHE_BYTES = 64 * 1024 * 1024;

const tiledCollection = (id: string) => {
  const c = collectionById(id);
  if (!c || !c.tiles) throw notFound('TILESET_NOT_FOUND', `There are no vector tiles of ${id}; tiled collections: ${COLLECTIONS.filter((x) => x.tiles).map((x) => x.id).join(', ')}`);
  return c;
};

function tileset(l: Linker, id: string) {
  return {
    title: `${id} — WebMercatorQuad vector tiles`,
    dataType: 'vector',
    crs: 'http://www.opengis.net/def/crs/EPSG/0/3857',
    tileMatrixSetURI: WEB_MERCATOR_QUAD,
    tileMatrixSetLimits: [{ tileMatrix: '0' }, { tileMatrix: String(MAX_ZOOM) }],
    layers: [{ id, dataType: 'vector', geometryType: 'polygons' }],
    links: [
      { href: l.href(`/collections/${id}/tiles/WebMercatorQuad`), rel: 'self', type: 'application/json' },
      { href: l.href('/tileMatrixSets/WebMercatorQuad'), rel: 'http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme', type: 'application/json' },
      { href: l.href(`/collections/${id}/tiles/WebMercatorQuad/{tileMatrix}/{tileCol}/{tileRow}`).replace(/%7B/g, '{').replace(/%7D/g, '}'), rel: 'item', type: MVT_TYPE, templated: true },
    ],
  };
}

/** Adds the tile resources to the OGC router. */
export function tileRoutes(router: express.Router, wrap: OgcWrap): void {
  const cache = new TileCache(TILE_CACHE_BYTES);
  router.get('/tileMatrixSets/WebMercatorQuad', wrap(async (_req, res) => void res.json({ id: 'WebMercatorQuad', uri: WEB_MERCATOR_QUAD, crs: 'http://www.opengis.net/def/crs/EPSG/0/3857' })));
  router.get('/collections/:collectionId/tiles', wrap(async (req, res, _ctx, l) => {
    const c = tiledCollection(req.params.collectionId);
    res.json({ links: [{ href: l.href(`/collections/${c.id}/tiles`), rel: 'self', type: 'application/json' }], tilesets: [tileset(l, c.id)] });
  }));
  router.get('/collections/:collectionId/tiles/WebMercatorQuad', wrap(async (req, res, _ctx, l) => void res.json(tileset(l, tiledCollection(req.params.collectionId).id))));
  router.get('/collections/:collectionId/tiles/WebMercatorQuad/:z/:x/:y', wrap(async (req, res, ctx) => {
    const c = tiledCollection(req.params.collectionId);
    const tile = parseTile(req.params.z, req.params.x, req.params.y);
    const answer = await readTile({ pool: ctx.db.pool, capabilities: ctx.capabilities, cache }, c, tile, actorOf(ctx), purposeOf(req), req.headers['if-none-match']);
    // private: a tile shows what this viewer may see; no-cache: revalidate with If-None-Match on every use.
    res.set({ ETag: answer.etag, 'Cache-Control': 'private, no-cache', Vary: 'Cookie, Authorization' });
    if (!answer.bytes) res.status(304).end();
    else res.status(200).type(MVT_TYPE).send(answer.bytes);
  }));
}
