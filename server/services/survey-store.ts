// Data access for survey results: rows in, typed values out. Thin; the rules live in domain/.
import type pg from 'pg';
import { sql } from '../db/sql-files';
import { lookups } from '../db/database';
import type { KindFamily, ResultSummary } from '../domain/survey-result';
import type { BoundaryPoint } from '../domain/survey-geometry';
import type { Visibility } from '../auth/viewer';

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/** A timestamp as ISO text: a Date from a column, or the text a JSON aggregate carries. */
const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);
const round3 = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

/** Maps a row of survey-results-by-parcel.sql / survey-by-id.sql (or an element of packet-facts.sql's results). */
export function toSummary(row: Record<string, any>): ResultSummary {
  return {
    id: row.id,
    parcelCode: row.parcel_code,
    stage: row.stage,
    kind: row.kind,
    geometryRole: row.geometry_role,
    officialLandArea: row.official_land_area,
    family: row.family,
    unitAreaRole: row.unit_areas,
    organisation: row.organisation,
    surveyedOn: row.surveyed_on,
    crs: `EPSG:${row.srid}`,
    precisionClass: row.precision_class,
    areaPrecisionClass: row.area_precision_class,
    supplyDocument: row.supply_doc_kind ? { kind: row.supply_doc_kind, no: row.supply_doc_no, date: row.supply_doc_date } : null,
    completionAcceptance: row.acceptance_no ? { no: row.acceptance_no, date: row.acceptance_date } : null,
    boundaryRole: row.boundary_role,
    boundaryOf: row.boundary_of,
    sourceFileName: row.source_file_name,
    sourceSha256: row.source_sha256,
    declaredAreaM2: row.declared_area_m2,
    declaredBuildingAreaM2: row.declared_building_area_m2,
    planeAreaM2: round3(row.plane_area_m2),
    hasGeometry: row.has_geometry,
    units: { count: row.unit_count ?? 0, buildingAreaM2: row.building_area_m2, innerAreaM2: row.inner_area_m2, sharedAreaM2: row.shared_area_m2 },
    status: row.status,
    supersedes: row.supersedes,
    supersededBy: row.superseded_by,
    submittedBy: row.submitted_by,
    submittedAt: iso(row.submitted_at)!,
    reviewer: row.reviewer,
    reviewedAt: iso(row.reviewed_at),
    reviewNote: row.review_note,
    suspension: row.suspended_at ? { at: iso(row.suspended_at)!, by: row.suspended_by, note: row.suspend_note } : null,
  };
}

/** The results of a parcel the visibility lets through. */
export async function resultsOfParcel(db: Queryable, parcelCode: string, visibility: Visibility): Promise<ResultSummary[]> {
  const { rows } = await db.query(sql('survey-results-by-parcel'), [parcelCode, visibility.organisation, visibility.countyCodes]);
  return rows.map(toSummary);
}

/** One result, if it exists and the visibility lets it through. */
export async function resultById(db: Queryable, id: string, visibility: Visibility): Promise<ResultSummary | undefined> {
  const { rows } = await db.query(sql('survey-by-id'), [id, visibility.organisation, visibility.countyCodes]);
  return rows[0] && toSummary(rows[0]);
}

/** 界址点 of one result, with the part and ring they belong to. */
export interface StoredBoundaryPoint extends BoundaryPoint {
  /** X and Y with the digits as submitted (e.g. '3899300.000'). */
  xText: string;
  yText: string;
  part: number;
  ring: number;
  seq: number;
}

/** The geometry (GeoJSON, as submitted and in EPSG:4490) and the boundary points of one result. */
export async function resultGeometry(db: Queryable, parcelCode: string, id: string) {
  const [geometry, points] = await lookups(db,
    () => db.query(sql('survey-geometry'), [parcelCode, id]),
    () => db.query(sql('boundary-points-by-survey'), [parcelCode, id]),
  );
  const g = geometry.rows[0];
  return toResultGeometry(g?.geometry ? JSON.parse(g.geometry) : null, g?.geometry_4490 ? JSON.parse(g.geometry_4490) : null, points.rows);
}

/** Maps a result's geometries (parsed GeoJSON) and boundary-points-by-survey.sql rows. */
export function toResultGeometry(geometry: unknown, geometry4490: unknown, points: Record<string, any>[]) {
  return {
    geometry: geometry ?? null,
    geometry4490: geometry4490 ?? null,
    boundaryPoints: points.map((p): StoredBoundaryPoint => ({ part: p.part_no, ring: p.ring_no, seq: p.seq, pointNo: p.point_no, x: Number(p.x_north), y: Number(p.y_east), xText: p.x_text, yText: p.y_text })),
  };
}

export interface UnitAreas {
  unitCode: string;
  buildingAreaM2: number;
  innerAreaM2: number | null;
  sharedAreaM2: number | null;
}

export async function unitAreasOf(db: Queryable, parcelCode: string, id: string): Promise<UnitAreas[]> {
  const { rows } = await db.query(sql('unit-areas-by-survey'), [parcelCode, id]);
  return rows.map(toUnitAreas);
}

/** Maps a row of unit-areas-by-survey.sql. */
export const toUnitAreas = (u: Record<string, any>): UnitAreas => ({ unitCode: u.unit_code, buildingAreaM2: u.building_area_m2, innerAreaM2: u.inner_area_m2, sharedAreaM2: u.shared_area_m2 });

export interface SurveyKind {
  code: string;
  nameEn: string;
  stages: string[];
  geometryRole: 'parcel_boundary' | 'building_footprint';
  officialLandArea: boolean;
  family: KindFamily;
  geometryRequired: boolean;
  unitAreaRole: 'none' | 'presale' | 'verified';
}

export async function surveyKinds(db: Queryable): Promise<SurveyKind[]> {
  const { rows } = await db.query(sql('survey-kinds'));
  return rows.map((k) => ({
    code: k.code, nameEn: k.name_en, stages: k.stages, geometryRole: k.geometry_role, officialLandArea: k.official_land_area,
    family: k.family, geometryRequired: k.geometry_required, unitAreaRole: k.unit_areas,
  }));
}
