// Suspending (挂起) and resuming submitted results: a reviewer sets a result aside with a note; it waits outside the
// review queue, cannot be decided, and comes back on resumption. Each call is one audited transaction.
import type pg from 'pg';
import { withTransaction } from '../db/database';
import { sql } from '../db/sql-files';
import { badRequest, conflict, HubError, notFound } from '../errors';
import { audit, type Actor } from './audit.service';
import { getSurvey, requireUuid, type SurveyResultView } from './surveys.service';

/** The body of POST /api/surveys/{id}/suspend and /resume (schemas/review-suspension.schema.json). */
export interface SuspensionRequest {
  note?: string;
}

/** Suspends a submitted result with a note; 409 when it is decided or already suspended. */
export async function suspendSurvey(pool: pg.Pool, rawId: string, request: SuspensionRequest, actor: Actor): Promise<SurveyResultView> {
  const id = requireUuid(rawId);
  const note = request.note?.trim();
  if (!note) throw badRequest('SUSPEND_NOTE_REQUIRED', 'a suspension needs a note saying what the result waits for');
  const by = actor.viewer?.username ?? 'hub';
  await withTransaction(pool, async (client) => {
    const { rows } = await client.query(sql('survey-suspend'), [id, new Date().toISOString(), by, note]);
    if (!rows[0]) await explainRefusal(client, id, by, 'suspend');
    else await audit(client, actor, { action: 'survey.suspend', parcelCode: rows[0].parcel_code, subjectId: id, details: { note } });
  });
  return (await getSurvey(pool, id))!;
}

/** Resumes a suspended result: it returns to the review queue; 409 when it is not suspended. */
export async function resumeSurvey(pool: pg.Pool, rawId: string, request: SuspensionRequest, actor: Actor): Promise<SurveyResultView> {
  const id = requireUuid(rawId);
  await withTransaction(pool, async (client) => {
    const { rows } = await client.query(sql('survey-resume'), [id]);
    if (!rows[0]) await explainRefusal(client, id, actor.viewer?.username ?? 'hub', 'resume');
    else {
      const { parcel_code: parcelCode, suspended_by: suspendedBy, suspend_note: suspendNote } = rows[0];
      await audit(client, actor, { action: 'survey.resume', parcelCode, subjectId: id, details: { note: request.note?.trim() || null, suspendedBy, suspendNote } });
    }
  });
  return (await getSurvey(pool, id))!;
}

/** Why a suspension or resumption changed nothing: always throws. */
async function explainRefusal(client: pg.PoolClient, id: string, by: string, what: 'suspend' | 'resume'): Promise<never> {
  const existing = (await client.query(sql('survey-decision-by-id'), [id])).rows[0];
  if (!existing) throw notFound('SURVEY_NOT_FOUND', `There is no survey result ${id}`);
  if (existing.status !== 'submitted') {
    throw conflict('SURVEY_ALREADY_DECIDED', `Survey result ${id} was already ${existing.status} by ${existing.reviewer} at ${existing.reviewed_at.toISOString()}; only a result waiting for review can be suspended or resumed`, {
      status: existing.status, reviewer: existing.reviewer, reviewedAt: existing.reviewed_at.toISOString(),
    });
  }
  if (what === 'resume') throw conflict('SURVEY_NOT_SUSPENDED', `Survey result ${id} is not suspended; it is in the review queue`);
  if (existing.suspended_at) {
    throw conflict('SURVEY_ALREADY_SUSPENDED', `Survey result ${id} was already suspended by ${existing.suspended_by} at ${existing.suspended_at.toISOString()}`, {
      suspendedBy: existing.suspended_by, suspendedAt: existing.suspended_at.toISOString(),
    });
  }
  throw new HubError(403, 'REVIEW_OWN_SUBMISSION', `${by} submitted survey result ${id} and cannot suspend it: another reviewer must (separation of duties)`);
}
