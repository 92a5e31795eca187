// Parcels and units: registering them by code, the parcel read (timeline, current boundary, areas), and search.
import type pg from 'pg';
import { sql } from '../db/sql-files';
import { withTransaction } from '../db/database';
import { badRequest, HubError, notFound } from '../errors';
import { parseParcelCode, parseUnitCode, type ParcelCode } from '../domain/parcel-code';
import { areasPerStage, currentBoundaryResult, groupByStage } from '../domain/survey-result';
import { lineageOf, retirementsOf, type Retirement } from './lineage.service';
import { CHINA_TIME_ZONE, endOfChinaDay, parcelHistory, parseCalendarDate, resultsAsOf } from '../domain/history';
import { resultGeometry, resultsOfParcel } from './survey-store';
import { parcelFacts } from './parcel-facts';
import { seesRegistration, SEE_ALL, visibilityOf, writingOrganisation, type Visibility } from '../auth/viewer';
import type { ReadPurpose } from '../auth/purpose';
import { requirePurpose } from '../auth/purpose';
import { audit, auditRead, HUB_ACTOR, type Actor } from './audit.service';

/** Parses a 宗地代码 from a path or body, or throws 400 naming the wrong part. */
export function requireParcelCode(code: string): ParcelCode {
  const parsed = parseParcelCode(code);
  if (!parsed.ok) {
    throw badRequest('PARCEL_CODE_INVALID', `宗地代码 '${code}': ${parsed.problems.map((p) => p.message).join('; ')}`, { problems: parsed.problems });
  }
  return parsed.value;
}

export interface DescriptiveFields {
  location?: string | null;
  landUse?: string | null;
  rightType?: string | null;
}

/** Creates the parcel or updates the fields given; `created` says which. Recorded in the audit log. */
export async function putParcel(pool: pg.Pool, code: string, fields: DescriptiveFields, actor: Actor = HUB_ACTOR): Promise<{ created: boolean }> {
  requireParcelCode(code);
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query(sql('parcel-upsert'), [
      code, fields.location ?? null, fields.landUse ?? null, fields.rightType ?? null,
      'location' in fields, 'landUse' in fields, 'rightType' in fields,
    ]);
    await audit(client, actor, { action: 'parcel.put', parcelCode: code, details: { created: rows[0].created, fields } });
    return { created: rows[0].created };
  });
}

export interface UnitFields {
  location?: string | null;
  use?: string | null;
  floor?: string | null;
}

/**
 * Registers a unit by its 不动产单元号 (creating its parcel from the first 19 characters if needed), or updates its
 * 坐落/用途/楼层. A registrar or admin may change any unit (of its counties: the access layer checked); a surveyor
 * registers units for its organisation and changes only those (403 UNIT_NOT_YOURS). Recorded in the audit log.
 */
export async function putUnit(pool: pg.Pool, unitCode: string, fields: UnitFields, actor: Actor = HUB_ACTOR): Promise<{ created: boolean }> {
  const parsed = parseUnitCode(unitCode);
  if (!parsed.ok) {
    throw badRequest('UNIT_CODE_INVALID', `不动产单元号 '${unitCode}': ${parsed.problems.map((p) => p.message).join('; ')}`, { problems: parsed.problems });
  }
  const parcelCode = parsed.value.parcel.code;
  const organisation = writingOrganisation(actor.viewer);
  return withTransaction(pool, async (client) => {
    await client.query(sql('parcel-ensure'), [[parcelCode], organisation]);
    const { rows } = await client.query(sql('unit-upsert'), [
      parcelCode, unitCode, fields.location ?? null, fields.use ?? null, fields.floor ?? null,
      'location' in fields, 'use' in fields, 'floor' in fields, organisation,
    ]);
    if (!rows[0]) {
      throw new HubError(403, 'UNIT_NOT_YOURS', `unit ${unitCode} was not registered by ${organisation}: a surveyor changes only its own organisation's units; ask a registrar to correct it`);
    }
    await audit(client, actor, { action: 'unit.put', parcelCode, details: { unitCode, created: rows[0].created, fields } });
    return { created: rows[0].created };
  });
}

/** Parses `asOf` (YYYY-MM-DD, a day in China) or throws 400 naming it. */
export function requireAsOfDate(text: string): string {
  if (!parseCalendarDate(text)) throw badRequest('AS_OF_INVALID', `asOf '${text}' is not a date: give a calendar day as YYYY-MM-DD (a day in China, UTC+8), e.g. 2025-03-01`);
  return text;
}

/**
 * The parcel's row and parsed code, or 404 when it is not registered, outside the viewer's counties, or registered
 * by another organisation's unreviewed submission (the same answer for all three).
 */
export async function requireVisibleParcel(pool: pg.Pool, code: string, visibility: Visibility) {
  const parsed = requireParcelCode(code);
  const { rows } = await pool.query(sql('parcel-by-code'), [code]);
  const row = rows[0];
  requireVisible(parsed, row && { hasAccepted: row.has_accepted, organisation: row.organisation }, visibility);
  return { parsed, row };
}

/** 404 PARCEL_NOT_FOUND unless the parcel exists and the visibility lets it through (see requireVisibleParcel). */
function requireVisible(parsed: ParcelCode, row: { hasAccepted: boolean; organisation: string | null } | undefined, visibility: Visibility): void {
  if (!row || (visibility.countyCodes && !visibility.countyCodes.includes(parsed.countyCode)) || (!row.hasAccepted && !seesRegistration(visibility, row.organisation))) {
    throw notFound('PARCEL_NOT_FOUND', `Parcel ${parsed.code} is not registered in the hub`);
  }
}

/**
 * The parcel with its units, every result (the viewer may see) grouped by stage and as a timeline, its current
 * boundary and areas per stage. With `asOf` (YYYY-MM-DD): as it stood at the end of that day in China (UTC+8) —
 * results submitted by then, decisions and supersessions taken by then, the current boundary and areas from those.
 */
export async function getParcel(pool: pg.Pool, code: string, visibility: Visibility = SEE_ALL, asOf?: string) {
  const cutoff = asOf === undefined ? undefined : endOfChinaDay(requireAsOfDate(asOf));
  const parsed = requireParcelCode(code);
  // One round trip for everything; a boundary of the past (asOf) is not among the current ones and is read apart.
  const facts = await parcelFacts(pool, code, visibility);
  requireVisible(parsed, facts?.parcel, visibility);
  const { parcel: p, units, lineage, retirement } = facts!;
  const results = cutoff === undefined ? facts!.results : resultsAsOf(facts!.results, cutoff);
  const boundary = currentBoundaryResult(results);
  const boundaryGeometry = boundary && (facts!.boundary(boundary.id) ?? (await resultGeometry(pool, code, boundary.id)));
  return {
    parcel: {
      parcelCode: parsed.code,
      county: parsed.county,
      location: p.location,
      landUse: p.landUse,
      rightType: p.rightType,
      ownership: parsed.ownershipName,
      rightTypeCode: parsed.rightTypeName,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    },
    units,
    timeline: results,
    resultsByStage: groupByStage(results),
    currentBoundary: boundary
      ? {
          surveyId: boundary.id,
          stage: boundary.stage,
          kind: boundary.kind,
          organisation: boundary.organisation,
          surveyedOn: boundary.surveyedOn,
          crs: boundary.crs,
          precisionClass: boundary.precisionClass,
          planeAreaM2: boundary.planeAreaM2,
          ...boundaryGeometry,
        }
      : null,
    areasByStage: areasPerStage(results),
    lineage: lineageAsOf(lineage, retirement, cutoff),
    ...(asOf === undefined ? {} : { asOf: { date: asOf, timeZone: CHINA_TIME_ZONE, through: new Date(cutoff!).toISOString() } }),
  };
}

/**
 * Lineage as it stood at `cutoff` (epoch ms; none: now): a split or merge counts once recorded; before a parcel was
 * made, its land lay in its predecessors (`landThenIn`), whose own reads and history show that time.
 */
function lineageAsOf(madeBy: Awaited<ReturnType<typeof lineageOf>>, retired: Retirement | null, cutoff?: number) {
  const by = (iso: string) => cutoff === undefined || Date.parse(iso) <= cutoff;
  return {
    madeBy: madeBy && by(madeBy.recordedAt) ? madeBy : null,
    retired: retired && by(retired.retiredAt) ? retired : null,
    landThenIn: madeBy && !by(madeBy.recordedAt) ? madeBy.predecessorCodes : null,
  };
}

/**
 * The accepted boundaries and areas of a parcel over time: each accepted result in order of acceptance, and per stage
 * (and for the boundary) the periods during which each result was the current one.
 */
export async function getParcelHistory(pool: pg.Pool, code: string, visibility: Visibility = SEE_ALL) {
  await requireVisibleParcel(pool, code, visibility);
  const [results, madeBy, retired] = await Promise.all([resultsOfParcel(pool, code, visibility), lineageOf(pool, code), retirementsOf(pool, [code])]);
  return { parcelCode: code, ...parcelHistory(results), lineage: { madeBy, retired: retired.get(code) ?? null } };
}

/** GET /api/parcels/{code}: the parcel as the actor may see it, the read recorded with its purpose (R8). */
export async function readParcel(pool: pg.Pool, code: string, actor: Actor, why: ReadPurpose, asOf?: string) {
  const recorded = requirePurpose(actor.viewer, 'view', why);
  const parcel = await getParcel(pool, code, actor.viewer ? visibilityOf(actor.viewer) : SEE_ALL, asOf);
  await auditRead(pool, actor, 'parcel.read', { parcelCode: code, subjectId: parcel.currentBoundary?.surveyId }, recorded, asOf ? { asOf } : {});
  return parcel;
}

/** GET /api/parcels/{code}/history: accepted boundaries and areas over time, the read recorded (R8). */
/**
 * Registers or updates a parcel and answers it as read back: that answer shows coordinates, so it is a read recorded as
 * one (R8), its application and purpose checked before anything is written.
 */
export async function putAndReadParcel(pool: pg.Pool, code: string, fields: DescriptiveFields, actor: Actor, why: ReadPurpose) {
  requirePurpose(actor.viewer, 'view', why);
  const { created } = await putParcel(pool, code, fields, actor);
  return { created, parcel: await readParcel(pool, code, actor, why) };
}

export async function readParcelHistory(pool: pg.Pool, code: string, actor: Actor, why: ReadPurpose) {
  const recorded = requirePurpose(actor.viewer, 'view', why);
  const history = await getParcelHistory(pool, code, actor.viewer ? visibilityOf(actor.viewer) : SEE_ALL);
  await auditRead(pool, actor, 'parcel.history', { parcelCode: code }, recorded);
  return history;
}

export interface ParcelQuery {
  q?: string;
  bbox?: string;
  limit?: string;
  offset?: string;
}

/** Parses `minLon,minLat,maxLon,maxLat` (EPSG:4490) or throws 400. */
export function parseBbox(text: string): [number, number, number, number] {
  const parts = text.split(',').map((s) => Number(s.trim()));
  const [minLon, minLat, maxLon, maxLat] = parts;
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)) || minLon >= maxLon || minLat >= maxLat || minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) {
    throw badRequest('BBOX_INVALID', `bbox '${text}' must be minLon,minLat,maxLon,maxLat in degrees (EPSG:4490), e.g. 113.1,35.1,113.4,35.3`);
  }
  return [minLon, minLat, maxLon, maxLat];
}

function parseCount(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) > max) throw badRequest('QUERY_INVALID', `${name} must be a whole number from 0 to ${max}`);
  return Number(text);
}

/**
 * A box up to this many square degrees (≈ 2 km × 2 km at 35°N) is searched from the spatial index; a larger one walks
 * the parcels in code order, which finds a page quickly where parcels are dense (the whole city on one screen).
 */
export const SMALL_BOX_DEG2 = 0.0004;

/** Which plan a search takes (parcels-search-in-box.sql or parcels-search.sql). */
export function searchQueryFor(bbox: (number | null)[]): 'parcels-search-in-box' | 'parcels-search' {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  return minLon !== null && (maxLon! - minLon) * (maxLat! - minLat!) <= SMALL_BOX_DEG2 ? 'parcels-search-in-box' : 'parcels-search';
}

/**
 * The map's label of a parcel, as typed into the search: the 权属/权利类型 letters and the 5-digit 宗地顺序号 (GB00112),
 * or the sequence alone (00112); undefined for any other text.
 */
export function parcelLabelQuery(text: string): { sequence: string; letters: string | null } | undefined {
  const m = /^([GJZ][A-HSWXY])?(\d{5})$/i.exec(text);
  return m ? { sequence: m[2], letters: m[1]?.toUpperCase() ?? null } : undefined;
}

/** Searches parcels by code prefix (宗地代码 or 不动产单元号), by the map's label (GB00112, 00112) or 坐落 text, and by map bbox. */
export async function searchParcels(pool: pg.Pool, query: ParcelQuery, visibility: Visibility = SEE_ALL) {
  const text = query.q?.trim() || null;
  // A 不动产单元号 finds its parcel; LIKE wildcards in the text are taken literally.
  const pattern = text && (text.length === 28 ? text.slice(0, 19) : text).replace(/[\\%_]/g, (c) => `\\${c}`);
  const bbox = query.bbox ? parseBbox(query.bbox) : [null, null, null, null];
  const limit = parseCount('limit', query.limit, 50, 1000);
  const offset = parseCount('offset', query.offset, 0, 1_000_000);
  const label = text ? parcelLabelQuery(text) : undefined;
  const { rows } = label
    ? await pool.query(sql('parcels-by-sequence'), [label.sequence, ...bbox, limit, offset, visibility.organisation, visibility.countyCodes, label.letters])
    : await pool.query(sql(searchQueryFor(bbox)), [pattern, ...bbox, limit, offset, visibility.organisation, visibility.countyCodes]);
  return {
    items: rows.map((r) => ({
      parcelCode: r.parcel_code,
      countyCode: r.county_code,
      location: r.location,
      landUse: r.land_use,
      rightType: r.right_type,
      resultCount: r.result_count,
      acceptedCount: r.accepted_count,
      stages: r.stages?.filter(Boolean) ?? [],
      bbox4490: r.min_lon === null ? null : [r.min_lon, r.min_lat, r.max_lon, r.max_lat],
    })),
    limit,
    offset,
  };
}
