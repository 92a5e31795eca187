// The audit log (append-only): written by the application in the transaction of what it records.
import type pg from 'pg';
import { sql } from '../db/sql-files';
import type { Viewer } from '../auth/viewer';

/** Who acts, from where: a person or token behind a request, or the hub itself (demo data, migrations). */
export interface Actor {
  viewer: Viewer | null;
  clientAddress: string;
}

export const HUB_ACTOR: Actor = { viewer: null, clientAddress: 'local' };

export interface AuditEvent {
  action: 'survey.submit' | 'survey.review' | 'survey.supersede' | 'survey.export' | 'packet.create' | 'packet.read' | 'parcel.lineage';
  parcelCode?: string;
  subjectId?: string;
  applicationNo?: string;
  purpose?: string;
  details?: Record<string, unknown>;
}

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/** Records what an actor did or read, in the caller's transaction (one statement for any number of events). */
export async function audit(db: Queryable, actor: Actor, ...events: AuditEvent[]): Promise<void> {
  if (!events.length) return;
  await db.query(sql('audit-insert'), [
    actor.viewer?.username ?? 'hub', actor.viewer?.accountId ?? null, actor.viewer?.roles ?? [],
    events.map((e) => e.action), events.map((e) => e.parcelCode ?? null), events.map((e) => e.subjectId ?? null),
    events.map((e) => e.applicationNo ?? null), events.map((e) => e.purpose ?? null), actor.clientAddress,
    events.map((e) => (e.details ? JSON.stringify(e.details) : null)),
  ]);
}

export async function auditEvents(pool: pg.Pool, parcelCode: string | null, limit: number) {
  const { rows } = await pool.query(sql('audit-events'), [parcelCode, limit]);
  return rows.map((r) => ({
    id: r.id, at: r.at.toISOString(), actor: r.actor, roles: r.roles, action: r.action, parcelCode: r.parcel_code,
    subjectId: r.subject_id, applicationNo: r.application_no, purpose: r.purpose, clientAddress: r.client_address, details: r.details,
  }));
}
