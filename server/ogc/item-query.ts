// Parses the query of …/items (OGC API – Features Part 1 and 2) into the typed ItemQuery of a collection: pure.
import { badRequest } from '../errors';
import { STAGES } from '../domain/survey-result';
import type { Visibility } from '../auth/viewer';
import type { CollectionDef, ItemQuery } from './collections';
import { bboxIn4490, parseCrs, type OutputCrs } from './ogc-crs';

/** Items per page when `limit` is not given, and the most one page returns. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

const STATUSES = ['submitted', 'accepted', 'rejected'];
const PARCEL_CODE = /^[0-9]{12}[GJZ][A-Z][0-9]{5}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const one = (query: Record<string, unknown>, name: string): string | undefined => {
  const v = query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badRequest('QUERY_INVALID', `${name} is given more than once`);
  return v;
};

/** An instant or date (RFC 3339) as ISO text, or 400 naming the parameter. */
function instant(name: string, text: string): string {
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(t)) throw badRequest('DATETIME_INVALID', `${name} '${text}' must be an RFC 3339 date or date-time, e.g. 2026-05-01 or 2026-05-01T08:00:00Z`);
  return new Date(t).toISOString();
}

/** `datetime`: an instant, or an interval a/b with open ends `..` (an instant matches that moment; a date that day). */
export function parseDatetime(text: string): { from: string | null; to: string | null } {
  const parts = text.split('/');
  if (parts.length === 1) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      const from = instant('datetime', text);
      return { from, to: new Date(Date.parse(from) + 86_400_000 - 1).toISOString() };
    }
    const at = instant('datetime', text);
    return { from: at, to: at };
  }
  if (parts.length !== 2) throw badRequest('DATETIME_INVALID', `datetime '${text}' must be an instant or an interval start/end ('..' for an open end)`);
  const end = (p: string, name: string) => (p === '..' || p === '' ? null : instant(name, p));
  const from = end(parts[0], 'datetime start');
  const to = end(parts[1], 'datetime end');
  if (from && to && from > to) throw badRequest('DATETIME_INVALID', `datetime '${text}' ends before it starts`);
  return { from, to };
}

/** The keyset cursor of a `next` link: the sort key of the last feature returned, as base64url JSON. */
export const encodeCursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeCursor(text: string): unknown[] {
  try {
    const key = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length) return key;
  } catch {
    /* answered below */
  }
  throw badRequest('CURSOR_INVALID', 'cursor is not one the hub gave in a next link; start again from the first page');
}

export interface ParsedItems {
  query: ItemQuery;
  crs: OutputCrs;
}

/** The item query of `collection` from the request's query string, as `visibility` allows. */
export function parseItemQuery(collection: CollectionDef, raw: Record<string, unknown>, visibility: Visibility): ParsedItems {
  const crs = parseCrs(one(raw, 'crs'), 'crs');
  const bboxText = one(raw, 'bbox');
  if (bboxText !== undefined && !collection.geometryType) throw badRequest('BBOX_NOT_APPLICABLE', `collection ${collection.id} has no geometry: filter it by parcelCode instead of bbox`);
  const bbox = bboxText === undefined ? null : bboxIn4490(bboxText, parseCrs(one(raw, 'bbox-crs'), 'bbox-crs'));
  const limitText = one(raw, 'limit');
  if (limitText !== undefined && (!/^\d+$/.test(limitText) || Number(limitText) < 1)) throw badRequest('LIMIT_INVALID', `limit must be a whole number from 1 (default ${DEFAULT_LIMIT}, larger values are cut to ${MAX_LIMIT})`);
  const allowed = (name: ItemQueryFilter) => {
    const v = one(raw, name);
    if (v !== undefined && !collection.filters.includes(name)) throw badRequest('FILTER_NOT_APPLICABLE', `collection ${collection.id} cannot be filtered by ${name}; it takes ${collection.filters.join(', ')}`);
    return v === '' ? undefined : v;
  };
  const parcelCode = allowed('parcelCode');
  if (parcelCode !== undefined && !PARCEL_CODE.test(parcelCode)) throw badRequest('PARCEL_CODE_INVALID', `parcelCode '${parcelCode}' is not a 19-character 宗地代码`);
  const stage = allowed('stage');
  if (stage !== undefined && !(STAGES as readonly string[]).includes(stage)) throw badRequest('STAGE_UNKNOWN', `stage must be one of ${STAGES.join(', ')}`);
  const status = allowed('status');
  if (status !== undefined && !STATUSES.includes(status)) throw badRequest('STATUS_UNKNOWN', `status must be one of ${STATUSES.join(', ')}`);
  const surveyId = allowed('surveyId');
  if (surveyId !== undefined && !UUID.test(surveyId)) throw badRequest('SURVEY_ID_INVALID', `surveyId '${surveyId}' is not a result id (uuid)`);
  const datetime = allowed('datetime');
  const asOf = allowed('asOf');
  const cursor = one(raw, 'cursor');
  return {
    crs,
    query: {
      bbox, countyCodes: visibility.countyCodes, organisation: visibility.organisation, epsg: crs.epsg, flip: crs.flip,
      cursor: cursor ? decodeCursor(cursor) : null, limit: Math.min(Number(limitText ?? DEFAULT_LIMIT), MAX_LIMIT),
      ...(datetime ? parseDatetime(datetime) : { from: null, to: null }),
      parcelCode: parcelCode ?? null, stage: stage ?? null, status: status ?? null, surveyId: surveyId ?? null, featureId: null,
      asOf: asOf ? instant('asOf', asOf) : null,
    },
  };
}

type ItemQueryFilter = CollectionDef['filters'][number];
