// The audit log (append-only): written by the application in the transaction of what it records.
import type pg from 'pg';
import { sql } from '../db/sql-files';
import type { Viewer } from '../auth/viewer';
import type { RecordedPurpose } from '../auth/purpose';

/** Who acts, from where: a person or token behind a request, or the hub itself (demo data, migrations). */
export interface Actor {
  viewer: Viewer | null;
  clientAddress: string;
  /** Who, when there is no viewer: the hub, or the name a failed login tried. */
  name?: string;
}

export const HUB_ACTOR: Actor = { viewer: null, clientAddress: 'local' };

export interface AuditEvent {
  action:
    | 'survey.submit' | 'survey.import' | 'survey.review' | 'survey.suspend' | 'survey.resume' | 'survey.supersede' | 'packet.create'
    // Reads of coordinates or areas (R8): one row per request.
    | 'survey.export' | 'packet.read' | 'parcel.read' | 'parcel.history' | 'survey.read' | 'survey.list' | 'map.read' | 'boundary.diff' | 'comparison.read'
    // Who may do what, and registry edits.
    | 'session.login' | 'account.create' | 'token.issue' | 'token.revoke' | 'parcel.put' | 'unit.put' | 'parcel.lineage';
  parcelCode?: string;
  subjectId?: string;
  applicationNo?: string;
  purpose?: string;
  details?: Record<string, unknown>;
}

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/**
 * Records what an actor did or read, in the caller's transaction (one statement for any number of events). Events
 * come as one value or an array, never spread into arguments (an import of 120 k results passed Node's limit).
 */
export async function audit(db: Queryable, actor: Actor, event: AuditEvent | readonly AuditEvent[]): Promise<void> {
  const events: readonly AuditEvent[] = Array.isArray(event) ? event : [event as AuditEvent];
  const [name, accountId, roles, clientAddress] = actorColumns(actor);
  const ofParcel = events.filter((e) => e.parcelCode);
  const ofHub = events.filter((e) => !e.parcelCode);
  const column = <K extends keyof AuditEvent>(list: readonly AuditEvent[], key: K) => list.map((e) => e[key] ?? null);
  const details = (list: readonly AuditEvent[]) => list.map((e) => (e.details ? JSON.stringify(e.details) : null));
  // Events of one parcel live with it (audit_event); the others in the hub's chain (audit_hub_event, migration 0015).
  if (ofParcel.length) {
    await db.query(sql('audit-insert'), [
      name, accountId, roles, column(ofParcel, 'action'), column(ofParcel, 'parcelCode'), column(ofParcel, 'subjectId'),
      column(ofParcel, 'applicationNo'), column(ofParcel, 'purpose'), clientAddress, details(ofParcel),
    ]);
  }
  if (ofHub.length) {
    await db.query(sql('audit-hub-insert'), [
      name, accountId, roles, column(ofHub, 'action'), column(ofHub, 'subjectId'), column(ofHub, 'applicationNo'),
      column(ofHub, 'purpose'), clientAddress, details(ofHub),
    ]);
  }
}

/** What a read returned coordinates or areas of: one parcel (and result), or many parcels (the map, a list). */
export interface ReadTarget {
  parcelCode?: string;
  subjectId?: string;
  parcelCodes?: string[];
}

/**
 * Records one read of coordinates or areas (R8) — one row per request, however many parcels it returned: who, from
 * where, and the application and purpose, or `browsing` when the web app showed it without one.
 */
export async function auditRead(db: Queryable, actor: Actor, action: AuditEvent['action'], target: ReadTarget, why: RecordedPurpose, details: Record<string, unknown> = {}): Promise<void> {
  const many = target.parcelCodes && { parcelCodes: [...new Set(target.parcelCodes)].sort() };
  await audit(db, actor, {
    action, parcelCode: target.parcelCode, subjectId: target.subjectId, applicationNo: why.applicationNo, purpose: why.purpose,
    details: { ...details, ...many, ...(why.browsing ? { browsing: true } : {}) },
  });
}

export async function auditEvents(pool: pg.Pool, parcelCode: string | null, limit: number) {
  const { rows } = await pool.query(sql('audit-events'), [parcelCode, limit]);
  return rows.map((r) => {
    const own = parcelCode && r.action === 'survey.import' ? importOf(parcelCode, r.details) : null;
    return {
      id: r.id, at: r.at.toISOString(), actor: r.actor, roles: r.roles, action: r.action, parcelCode: r.parcel_code ?? own?.parcelCode ?? null,
      subjectId: r.subject_id ?? own?.subjectId ?? null, applicationNo: r.application_no, purpose: r.purpose, clientAddress: r.client_address,
      details: own ? own.details : r.details,
    };
  });
}

/** An import row as one parcel's history shows it: that parcel's result, not the lists of the whole import. */
function importOf(parcelCode: string, details: Record<string, any>) {
  const { parcelCodes = [], surveyIds = [], ...rest } = details ?? {};
  return { parcelCode, subjectId: surveyIds[parcelCodes.indexOf(parcelCode)] ?? null, details: rest };
}

/** The actor's columns of an audit row (name, account id, roles, client address), for statements that write one themselves. */
export const actorColumns = (actor: Actor): [string, string | null, string[], string] =>
  [actor.viewer?.username ?? actor.name ?? 'hub', actor.viewer?.accountId ?? null, actor.viewer?.roles ?? [], actor.clientAddress];
