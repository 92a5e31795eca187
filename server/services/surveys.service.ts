// Submitting, reading and reviewing survey results: each call is one transaction that writes all or nothing.
import crypto from 'node:crypto';
import type pg from 'pg';
import { withTransaction } from '../db/database';
import { sql } from '../db/sql-files';
import { badRequest, conflict, notFound } from '../errors';
import { checkSubmission, type SurveyDraft, type SurveySubmission } from '../domain/survey-submission';
import type { ResultSummary } from '../domain/survey-result';
import { resultById, resultGeometry, surveyKinds, unitAreasOf, type StoredBoundaryPoint, type UnitAreas } from './survey-store';

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

function requireUuid(id: string): string {
  if (!UUID.test(id)) throw badRequest('SURVEY_ID_INVALID', `'${id}' is not a survey result id (a UUID such as 3f2c…-…)`);
  return id.toLowerCase();
}

/**
 * Checks and stores a submission (already schema-valid). `source` is the SHA-256 of the bytes received.
 * Creates the parcel and units from their codes where they do not exist yet.
 */
export async function submitSurvey(pool: pg.Pool, submission: SurveySubmission, sourceSha256: string): Promise<SurveyResultView> {
  const kinds = await surveyKinds(pool);
  const checked = checkSubmission(submission, kinds, chinaToday());
  if (!checked.ok) throw badRequest(checked.problem.code, checked.problem.message, checked.problem.details);
  const draft = checked.value;
  const geoJson = draft.geometry ? JSON.stringify(draft.geometry.geometry) : null;
  if (geoJson) await requireValidGeometry(pool, geoJson, draft.crs.epsg);

  const id = await withTransaction(pool, async (client) => {
    await client.query(sql('parcel-ensure'), [submission.parcelCode]);
    if (submission.supersedes) await requireSupersedable(client, submission.parcelCode, requireUuid(submission.supersedes));
    const inserted = await client.query(sql('survey-insert'), [
      submission.parcelCode, submission.stage, submission.kind, submission.organisation, submission.surveyedOn,
      draft.crs.epsg, submission.precisionClass, submission.sourceFileName ?? null, sourceSha256,
      geoJson, submission.declaredAreaM2 ?? null, submission.declaredBuildingAreaM2 ?? null,
      submission.supersedes?.toLowerCase() ?? null, submission.submittedBy ?? null,
    ]);
    const surveyId: string = inserted.rows[0].id;
    await insertDetails(client, draft, surveyId);
    return surveyId;
  });
  return (await getSurvey(pool, id))!;
}

async function requireValidGeometry(pool: pg.Pool, geoJson: string, epsg: number): Promise<void> {
  const { rows } = await pool.query(sql('geometry-validity'), [geoJson, epsg]);
  const verdict = rows[0];
  if (verdict.valid) return;
  const at = verdict.x_north === null ? '' : ` at X ${verdict.x_north.toFixed(3)}, Y ${verdict.y_east.toFixed(3)}`;
  throw badRequest('GEOMETRY_INVALID', `The geometry is not a valid polygon: ${verdict.reason}${at} (PostGIS ST_IsValidDetail). Check the ring order and the points near that position.`, {
    reason: verdict.reason,
    location: verdict.x_north === null ? null : { x: verdict.x_north, y: verdict.y_east },
  });
}

async function requireSupersedable(client: pg.PoolClient, parcelCode: string, id: string): Promise<void> {
  const { rows } = await client.query(sql('supersede-target'), [parcelCode, id]);
  if (!rows[0]) throw badRequest('SUPERSEDES_NOT_FOUND', `supersedes ${id}: parcel ${parcelCode} has no such result`);
  if (rows[0].status !== 'accepted') throw badRequest('SUPERSEDES_NOT_ACCEPTED', `supersedes ${id}: that result is ${rows[0].status}; only an accepted result can be superseded`);
  if (rows[0].superseded_by) throw conflict('SUPERSEDES_ALREADY_SUPERSEDED', `supersedes ${id}: that result was already superseded by ${rows[0].superseded_by}`);
}

async function insertDetails(client: pg.PoolClient, draft: SurveyDraft, surveyId: string): Promise<void> {
  const { parcelCode, units } = draft.submission;
  if (draft.geometry) {
    const cols: [number[], number[], number[], string[], string[], string[]] = [[], [], [], [], [], []];
    for (const part of draft.geometry.parts) {
      for (const ring of part.rings) {
        ring.points.forEach((p, i) => {
          cols[0].push(part.partNo); cols[1].push(ring.ringNo); cols[2].push(i + 1);
          cols[3].push(p.pointNo); cols[4].push(String(p.x)); cols[5].push(String(p.y));
        });
      }
    }
    await client.query(sql('boundary-points-insert'), [parcelCode, surveyId, ...cols]);
  }
  if (units?.length) {
    await client.query(sql('unit-ensure'), [parcelCode, units.map((u) => u.unitCode)]);
    await client.query(sql('unit-areas-insert'), [
      parcelCode, surveyId, units.map((u) => u.unitCode), units.map((u) => u.buildingAreaM2),
      units.map((u) => u.innerAreaM2 ?? null), units.map((u) => u.sharedAreaM2 ?? null),
    ]);
  }
}

/** One result with its geometry; undefined when there is none with that id. */
export async function getSurvey(pool: pg.Pool, rawId: string): Promise<SurveyResultView | undefined> {
  const id = requireUuid(rawId);
  const summary = await resultById(pool, id);
  if (!summary) return undefined;
  const [geometry, unitAreas] = await Promise.all([resultGeometry(pool, summary.parcelCode, id), unitAreasOf(pool, summary.parcelCode, id)]);
  return { ...summary, ...geometry, unitAreas };
}

export interface ReviewDecision {
  decision: 'accept' | 'reject';
  note?: string;
  reviewer?: string;
}

/**
 * Accepts or rejects a submitted result, once: of two concurrent decisions exactly one wins (the
 * conditional UPDATE), the other gets 409. Accepting a correction marks the result it supersedes.
 */
export async function reviewSurvey(pool: pg.Pool, rawId: string, decision: ReviewDecision): Promise<SurveyResultView> {
  const id = requireUuid(rawId);
  const status = decision.decision === 'accept' ? 'accepted' : 'rejected';
  await withTransaction(pool, async (client) => {
    const { rows } = await client.query(sql('survey-review'), [id, status, decision.reviewer ?? 'reviewer', decision.note ?? null]);
    if (!rows[0]) {
      const existing = (await client.query(sql('survey-decision-by-id'), [id])).rows[0];
      if (!existing) throw notFound('SURVEY_NOT_FOUND', `There is no survey result ${id}`);
      throw conflict('SURVEY_ALREADY_DECIDED', `Survey result ${id} was already ${existing.status} by ${existing.reviewer} at ${existing.reviewed_at.toISOString()}; a decision is final`, {
        status: existing.status,
        reviewer: existing.reviewer,
        reviewedAt: existing.reviewed_at.toISOString(),
      });
    }
    const { parcel_code: parcelCode, supersedes } = rows[0];
    if (status === 'accepted' && supersedes) {
      const marked = await client.query(sql('survey-supersede'), [parcelCode, supersedes, id]);
      if (!marked.rows[0]) throw conflict('SUPERSEDES_ALREADY_SUPERSEDED', `Survey result ${id} supersedes ${supersedes}, which another accepted result already superseded; reject this one or submit a correction of the newer result`);
    }
  });
  return (await getSurvey(pool, id))!;
}

/** SHA-256 hex of the bytes a submission arrived as. */
export const sha256 = (bytes: Buffer | string) => crypto.createHash('sha256').update(bytes).digest('hex');
