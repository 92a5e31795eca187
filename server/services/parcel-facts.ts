// What a registration packet is decided from, and what a parcel read shows, read in one round trip
// (sql/queries/parcel-facts.sql) and typed.
import type pg from 'pg';
import { sql } from '../db/sql-files';
import { toLineage, toRetirement, type Retirement } from './lineage.service';
import { toResultGeometry, toSummary, toUnitAreas, type UnitAreas } from './survey-store';
import type { ResultSummary } from '../domain/survey-result';
import type { Visibility } from '../auth/viewer';

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export interface ParcelFacts {
  parcel: { location: string | null; landUse: string | null; rightType: string | null; createdAt: string; updatedAt: string; organisation: string | null; hasAccepted: boolean };
  units: { unitCode: string; location: string | null; use: string | null; floor: string | null }[];
  /** Every result of the parcel the visibility lets through, oldest first. */
  results: ResultSummary[];
  lineage: ReturnType<typeof toLineage> | null;
  retirement: Retirement | null;
  /** Unit areas of a current result with unit areas (the pre-sale/verified sources are among them). */
  unitAreas(surveyId: string): UnitAreas[];
  /** Geometry and 界址点 of a current establishing boundary result (the boundary in force is among them); else null. */
  boundary(surveyId: string): ReturnType<typeof toResultGeometry> | null;
}

/** The facts of parcel `code` as `visibility` lets them through, or null when it is not registered. */
export async function parcelFacts(db: Queryable, code: string, visibility: Visibility): Promise<ParcelFacts | null> {
  const { rows } = await db.query(sql('parcel-facts'), [code, visibility.organisation, visibility.countyCodes]);
  const row = rows[0];
  if (!row) return null;
  const units: Record<string, Record<string, any>[]> = row.unit_areas;
  const boundaries: Record<string, { geometry: unknown; geometry_4490: unknown; points: Record<string, any>[] }> = row.boundaries;
  return {
    parcel: {
      location: row.location, landUse: row.land_use, rightType: row.right_type, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
      organisation: row.organisation, hasAccepted: row.has_accepted,
    },
    units: (row.units as Record<string, any>[]).map((u) => ({ unitCode: u.unit_code, location: u.location, use: u.use, floor: u.floor })),
    results: (row.results as Record<string, any>[]).map(toSummary),
    lineage: row.lineage ? toLineage(row.lineage) : null,
    retirement: row.retirement ? toRetirement(row.retirement) : null,
    unitAreas: (id) => (units[id] ?? []).map(toUnitAreas),
    boundary: (id) => {
      const b = boundaries[id];
      return b ? toResultGeometry(b.geometry, b.geometry_4490, b.points) : null;
    },
  };
}
