// What a registration packet is decided from, read in one round trip (sql/queries/packet-facts.sql) and typed.
import type pg from 'pg';
import { sql } from '../db/sql-files';
import { notFound } from '../errors';
import { refuseRetired, toLineage, toRetirement } from './lineage.service';
import { toResultGeometry, toSummary, toUnitAreas, type UnitAreas } from './survey-store';
import type { ResultSummary } from '../domain/survey-result';

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export interface PacketFacts {
  parcel: { location: string | null; landUse: string | null; rightType: string | null };
  /** Every result of the parcel, oldest first (all visible: the packet's rules see everything). */
  results: ResultSummary[];
  lineage: ReturnType<typeof toLineage> | null;
  /** Unit areas of a current result with unit areas (the pre-sale/verified sources are among them). */
  unitAreas(surveyId: string): UnitAreas[];
  /** Geometry and 界址点 of a current establishing boundary result (the boundary in force is among them). */
  boundary(surveyId: string): ReturnType<typeof toResultGeometry> | null;
}

/** The facts of parcel `code`: 404 PARCEL_NOT_FOUND when it is not registered, 409 PARCEL_RETIRED when it was retired. */
export async function packetFacts(db: Queryable, code: string): Promise<PacketFacts> {
  const { rows } = await db.query(sql('packet-facts'), [code]);
  const row = rows[0];
  if (!row) throw notFound('PARCEL_NOT_FOUND', `Parcel ${code} is not registered in the hub`);
  refuseRetired(code, row.retirement ? toRetirement(row.retirement) : undefined);
  const units: Record<string, Record<string, any>[]> = row.unit_areas;
  const boundaries: Record<string, { geometry: unknown; geometry_4490: unknown; points: Record<string, any>[] }> = row.boundaries;
  return {
    parcel: { location: row.location, landUse: row.land_use, rightType: row.right_type },
    results: (row.results as Record<string, any>[]).map(toSummary),
    lineage: row.lineage ? toLineage(row.lineage) : null,
    unitAreas: (id) => (units[id] ?? []).map(toUnitAreas),
    boundary: (id) => {
      const b = boundaries[id];
      return b ? toResultGeometry(b.geometry, b.geometry_4490, b.points) : null;
    },
  };
}
