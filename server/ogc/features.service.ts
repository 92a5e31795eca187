// Reads of the OGC collections: one page of features (keyset paging), one feature, the count a page reports; every
// read of coordinates or areas is audited as the hub's other reads are (R8).
import type pg from 'pg';
import { sql } from '../db/sql-files';
import { badRequest, notFound } from '../errors';
import { featuresLayer, gisCrs, gisFile, type GisFile, type GisFormat } from './gis-export.service';
import { requirePurpose, type ReadPurpose } from '../auth/purpose';
import { SEE_ALL, visibilityOf } from '../auth/viewer';
import { auditRead, type Actor } from '../services/audit.service';
import type { CollectionDef, ItemQuery } from './collections';
import { encodeCursor, MAX_LIMIT, parseItemQuery } from './item-query';
import type { OutputCrs } from './ogc-crs';

/** Up to this many matches are counted exactly; beyond, numberMatched is the planner's estimate. */
export const COUNT_CAP = 10_000;

type Row = Record<string, any>;

function feature(collection: CollectionDef, row: Row) {
  return {
    type: 'Feature' as const,
    id: collection.id_(row),
    geometry: row.geometry ? JSON.parse(row.geometry) : null,
    properties: collection.properties(row),
  };
}

/** How many features match (without the cursor): exact up to COUNT_CAP, else estimated. */
async function countMatched(pool: pg.Pool, collection: CollectionDef, query: ItemQuery): Promise<{ n: number; estimated: boolean }> {
  const text = sql(collection.sqlName);
  const { rows } = await pool.query(sql('ogc-count').replace('/*ROWS*/', text), collection.params({ ...query, limit: COUNT_CAP + 1 }));
  if (rows[0].n <= COUNT_CAP) return { n: rows[0].n, estimated: false };
  // Beyond the cap: the planner's row estimate of the same query without a limit.
  const plan = await pool.query(`EXPLAIN (FORMAT JSON) ${text}`, collection.params({ ...query, limit: null as unknown as number }));
  return { n: Math.round(plan.rows[0]['QUERY PLAN'][0].Plan['Plan Rows']), estimated: true };
}

export interface ItemsPage {
  features: ReturnType<typeof feature>[];
  next: string | null;
  numberMatched?: number;
  numberMatchedEstimated?: boolean;
  crs: OutputCrs;
  limit: number;
}

/** One page of a collection's features as the actor may see them, with the cursor of the next page. */
export async function readItems(
  pool: pg.Pool, collection: CollectionDef, raw: Record<string, unknown>, actor: Actor, why: ReadPurpose, options: { forFile?: boolean } = {},
): Promise<ItemsPage> {
  // A file (GeoPackage, shapefile) is an export (R8) and stores x = easting/longitude whatever the CRS's axis order.
  const recorded = requirePurpose(actor.viewer, options.forFile ? 'export' : 'view', why);
  const parsed = parseItemQuery(collection, raw, actor.viewer ? visibilityOf(actor.viewer) : SEE_ALL);
  const { crs } = parsed;
  const query = options.forFile ? { ...parsed.query, flip: false, limit: MAX_LIMIT } : parsed.query;
  const [{ rows }, count] = await Promise.all([
    pool.query(sql(collection.sqlName), collection.params({ ...query, limit: query.limit + 1 })),
    query.cursor ? undefined : countMatched(pool, collection, query),
  ]);
  const page = rows.slice(0, query.limit);
  if (page.length) {
    await auditRead(pool, actor, options.forFile ? 'survey.export' : 'map.read', { parcelCodes: page.map((r) => r.parcel_code) }, recorded, { ogc: collection.id, ...(raw.bbox ? { bbox: raw.bbox } : {}), ...(options.forFile ? { format: raw.f } : {}) });
  }
  return {
    features: page.map((r) => feature(collection, r)),
    next: rows.length > query.limit ? encodeCursor(collection.cursorOf(page[page.length - 1])) : null,
    ...(count ? { numberMatched: count.n, ...(count.estimated ? { numberMatchedEstimated: true } : {}) } : {}),
    crs,
    limit: query.limit,
  };
}

/** One feature by its id, or 404 FEATURE_NOT_FOUND (also for one the actor may not see). */
export async function readItem(pool: pg.Pool, collection: CollectionDef, featureId: string, raw: Record<string, unknown>, actor: Actor, why: ReadPurpose) {
  const recorded = requirePurpose(actor.viewer, 'view', why);
  const { query, crs } = parseItemQuery(collection, { crs: raw.crs }, actor.viewer ? visibilityOf(actor.viewer) : SEE_ALL);
  const wellFormed = collection.id !== 'results' || /^[0-9a-f-]{36}$/i.test(featureId);
  const ok = wellFormed && (collection.id !== 'boundary-points' || /^[0-9a-f-]{36}\.\d+\.\d+\.\d+$/i.test(featureId));
  const { rows } = ok ? await pool.query(sql(collection.sqlName), collection.params({ ...query, featureId, limit: 1 })) : { rows: [] };
  if (!rows[0]) throw notFound('FEATURE_NOT_FOUND', `collection ${collection.id} has no feature ${featureId}`);
  await auditRead(pool, actor, 'map.read', { parcelCode: rows[0].parcel_code, subjectId: collection.id === 'results' ? featureId : undefined }, recorded, { ogc: collection.id, featureId });
  return { feature: feature(collection, rows[0]), crs };
}

/**
 * The features one items request selects (bbox, filters, crs; at most MAX_LIMIT) as a GeoPackage or zipped shapefile
 * in the requested CRS (default CRS84 → EPSG:4490 lon/lat); 400 EXPORT_TOO_LARGE beyond one page.
 */
export async function exportItems(pool: pg.Pool, collection: CollectionDef, raw: Record<string, unknown>, format: GisFormat, actor: Actor, why: ReadPurpose): Promise<GisFile> {
  if (!collection.geometryType) throw badRequest('EXPORT_NO_GEOMETRY', `collection ${collection.id} has no geometry: read it as GeoJSON (f=json)`);
  const page = await readItems(pool, collection, { ...raw, cursor: undefined }, actor, why, { forFile: true });
  if (page.next) throw badRequest('EXPORT_TOO_LARGE', `more than ${MAX_LIMIT} features match: narrow the bbox or filters of the export`);
  const layer = featuresLayer(collection.id.replace(/-/g, '_'), collection.geometryType === 'Point' ? 'POINT' : 'MULTIPOLYGON', page.features);
  return gisFile(format, `${collection.id}-${new Date().toISOString().slice(0, 10)}`, [layer], await gisCrs(pool, page.crs.epsg));
}
