// Submitting, reading and reviewing survey results: each call is one transaction that writes all or nothing.
import crypto from 'node:crypto';
import type pg from 'pg';
import { withTransaction } from '../db/database';
import { sql } from '../db/sql-files';
import { badRequest, conflict, HubError, notFound } from '../errors';
import type { ResultSummary } from '../domain/survey-result';
import { SEE_ALL, visibilityOf, type Visibility } from '../auth/viewer';
import { requirePurpose, type ReadPurpose } from '../auth/purpose';
import { audit, auditRead, type Actor } from './audit.service';
import { boundaryRoleOnAcceptance } from './boundary.service';
import { requireNotRetired } from './lineage.service';
import { resultById, resultGeometry, unitAreasOf, type StoredBoundaryPoint, type UnitAreas } from './survey-store';

/** A result with its geometry, boundary points and unit areas (GET /api/surveys/{id}). */
export interface SurveyResultView extends ResultSummary {
  geometry: unknown;
  geometry4490: unknown;
  boundaryPoints: StoredBoundaryPoint[];
  unitAreas: UnitAreas[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Today's date in China (UTC+8), YYYY-MM-DD: survey dates are written in local days. */
export const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export function requireUuid(id: string): string {
  if (!UUID.test(id)) throw badRequest('SURVEY_ID_INVALID', `'${id}' is not a survey result id (a UUID such as 3f2c…-…)`);
  return id.toLowerCase();
}

/** One result with its geometry; undefined when there is none with that id the viewer may see. */
export async function getSurvey(pool: pg.Pool, rawId: string, visibility: Visibility = SEE_ALL): Promise<SurveyResultView | undefined> {
  const id = requireUuid(rawId);
  const summary = await resultById(pool, id, visibility);
  if (!summary) return undefined;
  const [geometry, unitAreas] = await Promise.all([resultGeometry(pool, summary.parcelCode, id), unitAreasOf(pool, summary.parcelCode, id)]);
  return { ...summary, ...geometry, unitAreas };
}

/** GET /api/surveys/{id}: the result if the actor may see it (undefined otherwise), the read recorded (R8). */
export async function readSurvey(pool: pg.Pool, rawId: string, actor: Actor, why: ReadPurpose): Promise<SurveyResultView | undefined> {
  const recorded = requirePurpose(actor.viewer, 'view', why);
  const survey = await getSurvey(pool, rawId, actor.viewer ? visibilityOf(actor.viewer) : SEE_ALL);
  if (survey) await auditRead(pool, actor, 'survey.read', { parcelCode: survey.parcelCode, subjectId: survey.id }, recorded);
  return survey;
}

export interface ReviewDecision {
  decision: 'accept' | 'reject';
  note?: string;
}

/**
 * Accepts or rejects a submitted result, once: of two concurrent decisions exactly one wins (the
 * conditional UPDATE), the other gets 409. Accepting a correction marks the result it supersedes. Nobody decides a
 * result they submitted (403 REVIEW_OWN_SUBMISSION), whatever roles they hold.
 */
export async function reviewSurvey(pool: pg.Pool, rawId: string, decision: ReviewDecision, actor: Actor): Promise<SurveyResultView> {
  const id = requireUuid(rawId);
  // an explicit decision only: nothing missing or unknown is read as a rejection
  if (decision.decision !== 'accept' && decision.decision !== 'reject') throw badRequest('REVIEW_DECISION_REQUIRED', "state the decision: 'accept' or 'reject'");
  const status = decision.decision === 'accept' ? 'accepted' : 'rejected';
  await withTransaction(pool, async (client) => {
    const target = (await client.query(sql('survey-decision-by-id'), [id])).rows[0];
    if (!target) throw notFound('SURVEY_NOT_FOUND', `There is no survey result ${id}`);
    // Which boundary the parcel has depends on the order of acceptances: one decision per parcel at a time.
    await client.query(sql('parcel-lock'), [target.parcel_code]);
    // A retired parcel's state is closed: what was pending on it when it was split or merged can only be returned.
    if (status === 'accepted') await requireNotRetired(client, [target.parcel_code]);
    const role = status === 'accepted' && target.status === 'submitted' ? await boundaryRoleOnAcceptance(client, target.parcel_code, id) : { role: null, of: null };
    const { rows } = await client.query(sql('survey-review'), [id, status, reviewerName(actor), decision.note ?? null, actor.viewer?.username ?? null, role.role, role.of]);
    if (!rows[0]) {
      const existing = (await client.query(sql('survey-decision-by-id'), [id])).rows[0];
      if (existing.status === 'submitted' && existing.suspended_at) {
        throw conflict('SURVEY_SUSPENDED', `Survey result ${id} was suspended (挂起) by ${existing.suspended_by} at ${existing.suspended_at.toISOString()}; resume it before deciding it`, {
          suspendedBy: existing.suspended_by, suspendedAt: existing.suspended_at.toISOString(),
        });
      }
      if (existing.status === 'submitted') {
        throw new HubError(403, 'REVIEW_OWN_SUBMISSION', `${existing.submitted_by} submitted survey result ${id} and cannot decide it: another reviewer must (separation of duties)`);
      }
      throw conflict('SURVEY_ALREADY_DECIDED', `Survey result ${id} was already ${existing.status} by ${existing.reviewer} at ${existing.reviewed_at.toISOString()}; a decision is final`, {
        status: existing.status,
        reviewer: existing.reviewer,
        reviewedAt: existing.reviewed_at.toISOString(),
      });
    }
    const { parcel_code: parcelCode, supersedes } = rows[0];
    await audit(client, actor, { action: 'survey.review', parcelCode, subjectId: id, details: { decision: status, note: decision.note ?? null, boundaryRole: role.role, boundaryOf: role.of } });
    // A correction of an accepted result replaces it; one of a returned result only names it (it stays returned).
    if (status === 'accepted' && supersedes && (await client.query(sql('survey-decision-by-id'), [supersedes])).rows[0]?.status === 'accepted') {
      const marked = await client.query(sql('survey-supersede'), [parcelCode, supersedes, id]);
      if (!marked.rows[0]) throw conflict('SUPERSEDES_ALREADY_SUPERSEDED', `Survey result ${id} supersedes ${supersedes}, which another accepted result already superseded; reject this one or submit a correction of the newer result`);
      await audit(client, actor, { action: 'survey.supersede', parcelCode, subjectId: supersedes, details: { supersededBy: id } });
    }
  });
  return (await getSurvey(pool, id))!;
}

/** The name a decision is signed with: the reviewer's account (the hub itself for demo data). */
const reviewerName = (actor: Actor) => actor.viewer?.username ?? 'hub';

/** SHA-256 hex of the bytes a submission arrived as. */
export const sha256 = (bytes: Uint8Array | string) => crypto.createHash('sha256').update(bytes).digest('hex');
