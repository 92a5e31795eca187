// Parcel lineage (宗地沿革): a split or merge — a 变更 backed by the accepted 权籍调查 of each new parcel — links the new
// 宗地代码 to its predecessors and retires the old ones, in one transaction with its audit rows. Append-only.
import crypto from 'node:crypto';
import type pg from 'pg';
import { withTransaction } from '../db/database';
import { sql } from '../db/sql-files';
import { badRequest, conflict, HubError } from '../errors';
import { currentBoundaryResult } from '../domain/survey-result';
import { SEE_ALL } from '../auth/viewer';
import { audit, type Actor } from './audit.service';
import { requireParcelCode } from './parcels.service';
import { resultsOfParcel } from './survey-store';
import type { Lineage } from '../domain/reuse.rules';

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export interface LineageRequest {
  kind: 'split' | 'merge';
  predecessors: string[];
  successors: string[];
  /** The 变更 application or decision the split/merge was made under. */
  changeNo: string;
}

/** A new parcel may extend past its predecessors by digitising noise only: 1 m² plus 0.1 % of its area. */
const OUTSIDE_ALLOWANCE = (areaM2: number) => 1 + areaM2 * 0.001;

export interface Retirement { eventId: string; kind: 'split' | 'merge'; successorCodes: string[]; changeNo: string; recordedBy: string; retiredAt: string }

/** Maps a row of parcel-retirements.sql (timestamps as Date or ISO text). */
export const toRetirement = (r: Record<string, any>): Retirement => ({
  eventId: r.event_id, kind: r.kind, successorCodes: r.successor_codes, changeNo: r.change_no, recordedBy: r.recorded_by, retiredAt: new Date(r.retired_at).toISOString(),
});

/** Maps a row of parcel-lineage-of.sql (timestamps as Date or ISO text). */
export const toLineage = (r: Record<string, any>): Lineage & { recordedBy: string } => ({
  eventId: r.event_id, kind: r.kind, predecessorCodes: r.predecessor_codes, surveyId: r.survey_id, changeNo: r.change_no, recordedBy: r.recorded_by, recordedAt: new Date(r.recorded_at).toISOString(),
});

/** The retirements among `codes`, by code. */
export async function retirementsOf(db: Queryable, codes: string[]): Promise<Map<string, Retirement>> {
  const { rows } = await db.query(sql('parcel-retirements'), [codes]);
  return new Map(rows.map((r) => [r.parcel_code, toRetirement(r)]));
}

/** How `code` came to be: the split or merge that made it, if any. */
export async function lineageOf(db: Queryable, code: string): Promise<(Lineage & { recordedBy: string }) | null> {
  const { rows } = await db.query(sql('parcel-lineage-of'), [code]);
  return rows[0] ? toLineage(rows[0]) : null;
}

/** 409 naming where the parcel went, when it was retired. */
export function refuseRetired(code: string, r: Retirement | undefined): void {
  if (!r) return;
  throw conflict('PARCEL_RETIRED', `parcel ${code} was retired by a ${r.kind} (${r.changeNo}) and takes nothing new; it continues as ${r.successorCodes.join(', ')}`, { parcelCode: code, ...r });
}

/** 409 when any of `codes` was retired, naming where each went. */
export async function requireNotRetired(db: Queryable, codes: string[]): Promise<void> {
  const [first] = await retirementsOf(db, codes);
  if (first) refuseRetired(...first);
}

/** The shape of the event: a split makes ≥ 2 parcels of one, a merge one of ≥ 2; codes valid, distinct, new ≠ old. */
function checkShape(req: LineageRequest): void {
  for (const code of [...req.predecessors, ...req.successors]) requireParcelCode(code);
  const all = [...req.predecessors, ...req.successors];
  if (new Set(all).size !== all.length) throw badRequest('LINEAGE_CODES_REPEATED', 'a 宗地代码 appears twice: the new parcels take new codes, different from their predecessors and from each other');
  if (req.kind === 'split' && (req.predecessors.length !== 1 || req.successors.length < 2)) {
    throw badRequest('LINEAGE_SHAPE', `a split (分割) makes two or more new parcels of one: got ${req.predecessors.length} predecessor(s) and ${req.successors.length} new parcel(s)`);
  }
  if (req.kind === 'merge' && (req.predecessors.length < 2 || req.successors.length !== 1)) {
    throw badRequest('LINEAGE_SHAPE', `a merge (合并) makes one new parcel of two or more: got ${req.predecessors.length} predecessor(s) and ${req.successors.length} new parcel(s)`);
  }
}

/**
 * Records a split or merge: every predecessor has a boundary in force; every new parcel's boundary was established by
 * an accepted 权籍调查 and lies within the predecessors; nothing is retired twice. Returns the event.
 */
export async function recordLineage(pool: pg.Pool, req: LineageRequest, actor: Actor) {
  checkShape(req);
  const codes = [...req.predecessors, ...req.successors];
  return withTransaction(pool, async (client) => {
    // One parcel at a time, in code order (no deadlock between two events; a lock of many parcels in one statement
    // is refused on a distributed table).
    const locked = new Set<string>();
    for (const code of [...new Set(codes)].sort()) for (const r of (await client.query(sql('parcel-lock'), [code])).rows) locked.add(r.parcel_code);
    const unknown = codes.filter((c) => !locked.has(c));
    if (unknown.length) throw new HubError(404, 'PARCEL_NOT_FOUND', `parcel ${unknown.join(', ')} is not registered in the hub: a new parcel exists once its 权籍调查 is submitted`);
    await requireNotRetired(client, codes);
    const boundaries = new Map<string, string>();
    for (const code of codes) {
      const results = await resultsOfParcel(client, code, SEE_ALL);
      const established = currentBoundaryResult(results);
      const isNew = req.successors.includes(code);
      if (!established) throw badRequest('LINEAGE_NO_BOUNDARY', `parcel ${code} has no accepted boundary: ${isNew ? 'its 权籍调查 must be accepted' : 'a predecessor needs its boundary in force'} before the ${req.kind} is recorded`);
      if (isNew && established.family !== 'cadastral') throw badRequest('LINEAGE_NEEDS_CADASTRAL_SURVEY', `new parcel ${code}'s boundary comes from a ${established.kind}: a ${req.kind} is backed by an accepted 权籍调查 of the new parcel`);
      if (isNew && (await lineageOf(client, code))) throw conflict('LINEAGE_EXISTS', `parcel ${code} was already made by a split or merge`);
      boundaries.set(code, established.id);
    }
    const ids = (list: string[]) => list.map((c) => boundaries.get(c)!);
    const { rows } = await client.query(sql('lineage-geometry'), [req.predecessors, ids(req.predecessors), req.successors, ids(req.successors)]);
    const outside = rows.find((r) => r.outside_m2 > OUTSIDE_ALLOWANCE(r.area_m2));
    if (outside) {
      throw badRequest('LINEAGE_OUTSIDE_PREDECESSORS', `new parcel ${outside.parcel_code} lies ${Number(outside.outside_m2).toFixed(2)} m² outside ${req.predecessors.join(', ')}: a ${req.kind} divides or joins the predecessors' land, it does not add to it`);
    }
    const eventId = crypto.randomUUID();
    const recordedBy = actor.viewer?.username ?? 'hub';
    const inserted = await client.query(sql('lineage-insert'), [req.successors, ids(req.successors), eventId, req.kind, req.predecessors, req.changeNo, recordedBy]);
    const details = { kind: req.kind, predecessors: req.predecessors, successors: req.successors, changeNo: req.changeNo };
    await audit(client, actor, codes.map((parcelCode) => ({ action: 'parcel.lineage' as const, parcelCode, subjectId: eventId, details })));
    return { eventId, ...details, recordedBy, recordedAt: inserted.rows[0].recorded_at.toISOString() as string };
  });
}
