// The county scope and visibility of the object a request names, checked in one place for every route (reads and
// writes alike) before the body is validated or anything is looked up for the handler.
import type { Request } from 'express';
import type pg from 'pg';
import { sql } from '../db/sql-files';
import { HubError, notFound } from '../errors';
import { inCounty, visibilityOf, type Viewer } from './viewer';

/**
 * What a route's object is, so its scope can be checked before the handler runs:
 * - `{ parcelIn }`: a 宗地代码 (or a 不动产单元号, whose first 19 characters are its parcel) in the path, the query or
 *   the JSON body; outside the viewer's counties a read (GET) answers 404 PARCEL_NOT_FOUND, as for a parcel that does
 *   not exist, and a write 403 COUNTY_OUT_OF_SCOPE naming the counties (the code is the caller's own input, so
 *   neither reveals anything; the intake checks the parcels of an uploaded file again once it has read them).
 * - `{ idOf }`: a result or packet by id; outside the viewer's counties, or a result it may not see → 404, the
 *   answer for an id that does not exist.
 * - `{ parcelListsIn }`: JSON body fields holding lists of 宗地代码 (a lineage event): every one must lie in the
 *   viewer's counties (403 COUNTY_OUT_OF_SCOPE naming those outside).
 * - `'listing'`: many objects; every query of it filters by the viewer's visibility.
 * - `'none'`: no parcel data (session, accounts, health).
 */
export type ScopeRule = { parcelIn: 'path' | 'query' | 'body' } | { parcelListsIn: string[] } | { idOf: 'survey' | 'packet' } | 'listing' | 'none';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** The parcel code a request names in `where` (a unit code counts by its parcel), if any. */
function namedParcel(req: Request, where: 'path' | 'query' | 'body'): string | undefined {
  const source: Record<string, unknown> = where === 'path' ? req.params : where === 'query' ? (req.query as Record<string, unknown>) : req.is('application/json') ? (req.body ?? {}) : {};
  return text(source.parcelCode) ?? text(source.unitCode)?.slice(0, 19);
}

/** 403 unless the viewer works on the county of every parcel code. */
export function requireCounties(viewer: Viewer, parcelCodes: string[]): void {
  const outside = parcelCodes.filter((code) => !inCounty(viewer, code));
  if (outside.length) {
    throw new HubError(403, 'COUNTY_OUT_OF_SCOPE', `${viewer.username} works on counties ${viewer.countyCodes!.join(', ')} only; ${outside.slice(0, 5).join(', ')} ${outside.length > 1 ? 'are' : 'is'} outside`);
  }
}

/** Throws 403/404 when the request's object lies outside what the viewer may see or change. */
export async function requireScope(pool: pg.Pool, rule: ScopeRule, req: Request, viewer: Viewer | null): Promise<void> {
  if (!viewer || rule === 'listing' || rule === 'none') return;
  if ('parcelListsIn' in rule) {
    const body: Record<string, unknown> = req.is('application/json') ? (req.body ?? {}) : {};
    const codes = rule.parcelListsIn.flatMap((field) => (Array.isArray(body[field]) ? body[field] : [])).filter((c): c is string => typeof c === 'string');
    requireCounties(viewer, codes);
    return;
  }
  if ('parcelIn' in rule) {
    const code = namedParcel(req, rule.parcelIn);
    if (code === undefined || inCounty(viewer, code)) return;
    if (req.method === 'GET') throw notFound('PARCEL_NOT_FOUND', `Parcel ${code} is not registered in the hub`);
    requireCounties(viewer, [code]);
    return;
  }
  const id = req.params.id;
  if (!UUID.test(id ?? '')) return; // the handler answers 400 naming the id
  if (rule.idOf === 'packet') {
    const { rows } = await pool.query(sql('packet-scope'), [id]);
    if (rows[0] && !inCounty(viewer, rows[0].parcel_code)) throw notFound('PACKET_NOT_FOUND', `There is no registration packet ${id.toLowerCase()}`);
    return;
  }
  const { rows } = await pool.query(sql('survey-scope'), [id]);
  const row = rows[0];
  const { organisation } = visibilityOf(viewer);
  if (row && (!inCounty(viewer, row.parcel_code) || (organisation !== null && row.status !== 'accepted' && row.organisation !== organisation))) {
    throw notFound('SURVEY_NOT_FOUND', `There is no survey result ${id.toLowerCase()}`);
  }
}
