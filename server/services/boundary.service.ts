// Which boundary a parcel has: a candidate compared with the established boundary (points in the domain, areas in
// PostGIS), and the role a boundary result takes when it is accepted — it establishes a boundary or confirms one.
import type pg from 'pg';
import { sql } from '../db/sql-files';
import { lookups } from '../db/database';
import { compareBoundaries, type BoundaryComparison, type RingedPoint } from '../domain/boundary-diff';
import { currentBoundaryResult, type ResultSummary } from '../domain/survey-result';
import { SEE_ALL } from '../auth/viewer';
import { resultGeometry, resultsOfParcel } from './survey-store';

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/** A candidate boundary: a stored result, or a delivered file's plots (points and geometry in its CRS). */
export type Candidate = { surveyId: string } | { points: RingedPoint[]; geometry: unknown; epsg: number };

/**
 * A candidate boundary compared with the accepted result `accepted`, judged by the accepted result's 界址点 class
 * (the boundary in force sets the 允许误差): points in the domain, Hausdorff and areas in PostGIS.
 */
export async function boundaryDiff(db: Queryable, parcelCode: string, accepted: ResultSummary, candidate: Candidate) {
  const stored = 'surveyId' in candidate;
  const [a, b, measured] = await lookups(db,
    () => resultGeometry(db, parcelCode, accepted.id),
    async () => (stored ? resultGeometry(db, parcelCode, candidate.surveyId) : undefined),
    () => db.query(sql('boundary-comparison'), stored
      ? [parcelCode, accepted.id, candidate.surveyId, null, null]
      : [parcelCode, accepted.id, null, JSON.stringify(candidate.geometry), candidate.epsg]),
  );
  const m = measured.rows[0];
  const comparison: BoundaryComparison = compareBoundaries({
    accepted: a.boundaryPoints, candidate: b ? b.boundaryPoints : (candidate as { points: RingedPoint[] }).points, precisionClass: accepted.precisionClass,
    hausdorffM: m?.hausdorff_m ?? undefined, symmetricDifferenceM2: m?.symdiff_m2 ?? undefined,
  });
  return {
    comparison,
    added4490: m?.added_4490 ? JSON.parse(m.added_4490) : null,
    removed4490: m?.removed_4490 ? JSON.parse(m.removed_4490) : null,
  };
}

export interface BoundaryRole {
  role: 'establishes' | 'confirms' | null;
  of: string | null;
}

/**
 * The role result `id` takes when it is accepted now (DOMAIN.md §5), against the boundary in force — the result it
 * corrects counted as replaced: a boundary result with no boundary in force, or beyond the 允许误差 of it,
 * establishes; within it, confirms. An area-only supply document is tied to the boundary in force (R3 applies to
 * it). Call inside the accepting transaction, with the parcel locked.
 */
export async function boundaryRoleOnAcceptance(client: pg.PoolClient, parcelCode: string, id: string): Promise<BoundaryRole> {
  const results = await resultsOfParcel(client, parcelCode, SEE_ALL);
  const me = results.find((r) => r.id === id);
  if (!me) return { role: null, of: null };
  const established = currentBoundaryResult(results.filter((r) => r.id !== id).map((r) => (r.id === me.supersedes ? { ...r, supersededBy: id } : r)));
  if (me.officialLandArea && !me.hasGeometry) return { role: null, of: established?.id ?? null };
  if (me.geometryRole !== 'parcel_boundary' || !me.hasGeometry) return { role: null, of: null };
  if (!established) return { role: 'establishes', of: null };
  const { comparison } = await boundaryDiff(client, parcelCode, established, { surveyId: id });
  return comparison.sameBoundary ? { role: 'confirms', of: established.id } : { role: 'establishes', of: null };
}
