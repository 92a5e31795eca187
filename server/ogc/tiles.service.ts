// Vector tiles (WebMercatorQuad, Mapbox Vector Tile 2.1) of the parcels and results collections: encoded by PostGIS
// (ST_AsMVT) where it can, else by the hub from the same rows (geojson-vt + vt-pbf, the embedded engine). Each tile's
// ETag is the digest of what it shows (ogc-tile-state.sql); the cache serves a tile only under the ETag it was
// encoded for, so no one sees a stale tile after a decision.
import crypto from 'node:crypto';
import type pg from 'pg';
import geojsonvt from 'geojson-vt';
import vtpbf from 'vt-pbf';
import { sql } from '../db/sql-files';
import { badRequest, notFound } from '../errors';
import { requirePurpose, type ReadPurpose } from '../auth/purpose';
import { SEE_ALL, visibilityOf } from '../auth/viewer';
import { auditRead, type Actor } from '../services/audit.service';
import type { Capabilities } from '../services/health.service';
import type { CollectionDef } from './collections';
import type { TileCache } from './tile-cache';

export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;
/** The deepest zoom served: a parcel's corner is a few cm at z22. */
export const MAX_ZOOM = 22;

/** z/x/y of WebMercatorQuad, or 400 TILE_INVALID / 404 TILE_NOT_FOUND. */
export function parseTile(z: string, x: string, y: string): { z: number; x: number; y: number } {
  if (![z, x, y].every((v) => /^\d{1,8}$/.test(v))) throw badRequest('TILE_INVALID', `tile ${z}/${x}/${y} must be three whole numbers: zoom/column/row`);
  const [zz, xx, yy] = [Number(z), Number(x), Number(y)];
  if (zz > MAX_ZOOM || xx >= 2 ** zz || yy >= 2 ** zz) throw notFound('TILE_NOT_FOUND', `WebMercatorQuad has no tile ${z}/${x}/${y} (zoom 0–${MAX_ZOOM}, column and row below 2^zoom)`);
  return { z: zz, x: xx, y: yy };
}

const rowsOf = (collection: CollectionDef, wrapper: string) => sql(wrapper).replace('/*ROWS*/', sql(`ogc-tile-${collection.id}`));

/** The tile encoded in the hub from lon/lat GeoJSON rows: what ST_AsMVT would encode, for an engine without it. */
export function encodeTile(layer: string, features: { props: Record<string, unknown>; geometry: string }[], z: number, x: number, y: number): Buffer {
  if (!features.length) return Buffer.alloc(0);
  const index = geojsonvt(
    { type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', properties: f.props, geometry: JSON.parse(f.geometry) })) } as never,
    { maxZoom: z, indexMaxZoom: z, indexMaxPoints: 0, extent: TILE_EXTENT, buffer: TILE_BUFFER, tolerance: 0 },
  );
  const tile = index.getTile(z, x, y);
  if (!tile || !tile.features.length) return Buffer.alloc(0);
  return Buffer.from(vtpbf.fromGeojsonVt({ [layer]: tile }, { version: 2, extent: TILE_EXTENT }));
}

export interface TileAnswer {
  etag: string;
  /** Undefined when the client's If-None-Match already names the ETag (304). */
  bytes?: Buffer;
}

/**
 * A tile of `collection` as the actor may see it: its ETag, and its bytes unless `ifNoneMatch` names that ETag.
 * Every tile served with content is audited as a map read listing its parcels (R8).
 */
export async function readTile(
  db: { pool: pg.Pool; capabilities: Capabilities; cache: TileCache }, collection: CollectionDef, tile: { z: number; x: number; y: number },
  actor: Actor, why: ReadPurpose, ifNoneMatch: string | undefined,
): Promise<TileAnswer> {
  const recorded = requirePurpose(actor.viewer, 'view', why);
  const visibility = actor.viewer ? visibilityOf(actor.viewer) : SEE_ALL;
  const params = [tile.z, tile.x, tile.y, TILE_BUFFER / TILE_EXTENT, visibility.organisation, visibility.countyCodes];
  const state = (await db.pool.query(rowsOf(collection, 'ogc-tile-state'), params)).rows[0];
  const encoder = db.capabilities.mvt ? 'postgis' : 'hub';
  const etag = `"${crypto.createHash('sha256').update(`${collection.id}/${tile.z}/${tile.x}/${tile.y}/${encoder}/${state.digest}`).digest('base64url').slice(0, 27)}"`;
  if (ifNoneMatch && ifNoneMatch.split(',').map((s) => s.trim().replace(/^W\//, '')).includes(etag)) return { etag };
  const key = `${collection.id}/${tile.z}/${tile.x}/${tile.y}/${visibility.organisation ?? '*'}/${visibility.countyCodes?.join('+') ?? '*'}`;
  let bytes = db.cache.get(key, etag);
  if (!bytes) {
    if (db.capabilities.mvt) {
      const { rows } = await db.pool.query(rowsOf(collection, 'ogc-tile-mvt'), [...params, collection.id]);
      bytes = Buffer.from(rows[0]?.tile ?? []);
    } else {
      const { rows } = await db.pool.query(rowsOf(collection, 'ogc-tile-geojson'), params);
      bytes = encodeTile(collection.id, rows, tile.z, tile.x, tile.y);
    }
    db.cache.set(key, { etag, bytes });
  }
  if (state.parcel_codes.length) await auditRead(db.pool, actor, 'map.read', { parcelCodes: state.parcel_codes }, recorded, { ogc: collection.id, tile: `${tile.z}/${tile.x}/${tile.y}` });
  return { etag, bytes };
}
