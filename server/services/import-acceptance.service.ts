// Bulk acceptance of one import run (a legacy load, R1): a reviewer accepts the results it stored in one statement
// through the guards, audited once; what cannot be decided in bulk is left for review one by one.
import type pg from 'pg';
import { withTransaction } from '../db/database';
import { sql } from '../db/sql-files';
import { HubError, notFound } from '../errors';
import { requireCounties } from '../auth/scope';
import { audit, type Actor } from './audit.service';

export interface ImportAcceptance {
  importId: string;
  accepted: number;
  leftForReview: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Accepts import run `rawId`'s submitted results (see import-accept.sql for which); 404 for a run that stored nothing. */
export async function acceptImportRun(pool: pg.Pool, rawId: string, note: string | undefined, actor: Actor): Promise<ImportAcceptance> {
  const id = UUID.test(rawId) ? rawId.toLowerCase() : null;
  return withTransaction(pool, async (client) => {
    const run = id ? (await client.query(sql('import-run-by-id'), [id])).rows[0] : undefined;
    if (!run || run.dry_run || !run.results_stored) throw notFound('IMPORT_NOT_FOUND', `There is no import ${rawId} that stored results`);
    const reviewer = actor.viewer?.username ?? 'hub';
    if (actor.viewer && run.actor === actor.viewer.username) {
      throw new HubError(403, 'REVIEW_OWN_SUBMISSION', `${run.actor} imported ${run.file_name} and cannot decide its results: another reviewer must (separation of duties)`);
    }
    if (actor.viewer) requireCounties(actor.viewer, [...new Set<string>(run.parcel_codes)]);
    await client.query(sql('import-parcels-lock'), [id]);
    const { rows } = await client.query(sql('import-accept'), [id, reviewer, actor.viewer?.username ?? null, note ?? null]);
    await audit(client, actor, {
      action: 'survey.review',
      details: { importId: id, file: run.file_name, decision: 'accepted', bulk: true, boundaryRole: 'establishes', results: rows.length, parcelCodes: rows.map((r) => r.parcel_code), surveyIds: rows.map((r) => r.id) },
    });
    return { importId: id!, accepted: rows.length, leftForReview: run.results_stored - rows.length };
  });
}
