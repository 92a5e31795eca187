// What the map and the review queue read: results as GeoJSON features by bbox, and results by status.
import type pg from 'pg';
import { sql } from '../db/sql-files';
import { badRequest } from '../errors';
import { STAGES } from '../domain/survey-result';
import { SEE_ALL, visibilityOf } from '../auth/viewer';
import { requirePurpose, type ReadPurpose } from '../auth/purpose';
import { actorColumns, auditRead, type Actor } from './audit.service';
import { parseBbox } from './parcels.service';

/** Features answered at most; a box holding more (a city view) is answered with counts on a grid instead. */
export const MAX_FEATURES = 5000;
/** Grid cells across the longer side of the box, for the counts. */
const GRID_CELLS = 64;

/**
 * Results in a bbox for the map as GeoJSON text in EPSG:4490 (lon/lat), written by the database: slim features, or
 * at city zoom (more than MAX_FEATURES in the box) parcel counts on a grid (`aggregated: true`, no coordinates of any
 * parcel). A read of features is recorded, in the same statement, as one audit row listing the parcels drawn (R8).
 */
export async function mapFeatures(pool: pg.Pool, query: { bbox?: string; stage?: string }, actor: Actor, why: ReadPurpose = {}): Promise<string> {
  const recorded = requirePurpose(actor.viewer, 'view', why);
  const visibility = actor.viewer ? visibilityOf(actor.viewer) : SEE_ALL;
  if (!query.bbox) throw badRequest('BBOX_REQUIRED', 'bbox is required: minLon,minLat,maxLon,maxLat in EPSG:4490');
  const bbox = parseBbox(query.bbox);
  if (query.stage !== undefined && !(STAGES as readonly string[]).includes(query.stage)) throw badRequest('STAGE_UNKNOWN', `stage must be one of ${STAGES.join(', ')}`);
  const details = { bbox: query.bbox, stage: query.stage ?? null, ...(recorded.browsing ? { browsing: true } : {}) };
  const { rows } = await pool.query(sql('map-features'), [
    ...bbox, visibility.organisation, visibility.countyCodes, query.stage ?? null, MAX_FEATURES, GRID_CELLS,
    ...actorColumns(actor), recorded.applicationNo ?? null, recorded.purpose ?? null, JSON.stringify(details),
  ]);
  return rows[0].body;
}

/** The statuses a list is asked for: the three of a result, suspended (挂起, submitted and set aside), or all. */
export const LIST_STATUSES = ['submitted', 'suspended', 'accepted', 'rejected', 'all'] as const;
/** A status asked for, as the columns it filters: the stored status (null: any) and suspended or not (null: either). */
const STATUS_FILTER: Record<string, [status: string | null, suspended: boolean | null]> = {
  submitted: ['submitted', false], suspended: ['submitted', true], accepted: ['accepted', null], rejected: ['rejected', null], all: [null, null],
};

/**
 * Results by status (the review queue: submitted and not suspended), oldest first, with their areas, the decision
 * and any suspension; `own`: only the viewer's organisation's (a surveyor's 我的成果; the viewer's own submissions
 * when it has no organisation). One audit row listing the parcels.
 */
export async function resultsByStatus(pool: pg.Pool, status: string, actor: Actor, why: ReadPurpose = {}, limit = 500, own = false) {
  const recorded = requirePurpose(actor.viewer, 'view', why);
  const visibility = actor.viewer ? visibilityOf(actor.viewer) : SEE_ALL;
  const filter = STATUS_FILTER[status];
  if (!filter) throw badRequest('STATUS_UNKNOWN', `status must be one of ${LIST_STATUSES.join(', ')}`);
  const ownOrganisation = own ? actor.viewer?.organisation ?? null : null;
  const ownSubmitter = own && !ownOrganisation ? actor.viewer?.username ?? 'hub' : null;
  const { rows } = await pool.query(sql('review-queue'), [filter[0], visibility.organisation, visibility.countyCodes, limit, filter[1], ownOrganisation, ownSubmitter]);
  if (rows.length) await auditRead(pool, actor, 'survey.list', { parcelCodes: rows.map((r) => r.parcel_code) }, recorded, { status, ...(own ? { own: true } : {}) });
  return rows.map(toListItem);
}

/** A row of review-queue.sql as the list shows it (areas in m², times ISO). */
const toListItem = (r: Record<string, any>) => ({
  id: r.id, parcelCode: r.parcel_code, location: r.location, stage: r.stage, kind: r.kind, organisation: r.organisation, surveyedOn: r.surveyed_on,
  submittedAt: r.submitted_at.toISOString(), submittedBy: r.submitted_by, planeAreaM2: r.plane_area_m2 === null ? null : Math.round(r.plane_area_m2 * 1000) / 1000,
  declaredAreaM2: r.declared_area_m2, supersedes: r.supersedes, supersededBy: r.superseded_by, sourceFileName: r.source_file_name,
  status: r.status, reviewer: r.reviewer, reviewedAt: r.reviewed_at?.toISOString() ?? null, reviewNote: r.review_note,
  suspension: r.suspended_at ? { at: r.suspended_at.toISOString(), by: r.suspended_by, note: r.suspend_note } : null,
});
