// The OGC API collections: what each serves, which filters it takes, and how its rows become features.
// The SQL of each is in sql/queries/ogc-<collection>.sql.

/** Parsed item query, in the terms of the SQL parameters. */
export interface ItemQuery {
  bbox: [number, number, number, number] | null;
  countyCodes: string[] | null;
  organisation: string | null;
  epsg: number;
  flip: boolean;
  cursor: unknown[] | null;
  limit: number;
  from: string | null;
  to: string | null;
  parcelCode: string | null;
  stage: string | null;
  status: string | null;
  surveyId: string | null;
  featureId: string | null;
  asOf: string | null;
}

type Row = Record<string, any>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const area = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v ?? null);

export interface CollectionDef {
  id: string;
  title: string;
  description: string;
  /** GeoJSON geometry type of every feature, or null for a collection without geometry. */
  geometryType: 'MultiPolygon' | 'Point' | null;
  /** Query parameters the collection filters by (besides bbox, crs, limit, cursor). */
  filters: ('parcelCode' | 'stage' | 'status' | 'surveyId' | 'datetime' | 'asOf')[];
  /** Whether vector tiles are served (…/tiles/WebMercatorQuad/{z}/{x}/{y}). */
  tiles: boolean;
  sqlName: string;
  params(q: ItemQuery): unknown[];
  id_(row: Row): string;
  cursorOf(row: Row): unknown[];
  properties(row: Row): Record<string, unknown>;
}

export const COLLECTIONS: CollectionDef[] = [
  {
    id: 'parcels',
    title: '现行宗地界址 Current parcel boundaries',
    description: 'One feature per parcel in force: the boundary of the accepted result that established it (DOMAIN.md §5), with its 宗地代码, 坐落, use and areas (m², plane areas in the survey\'s CRS). datetime filters by acceptance time; asOf gives the boundaries in force at an instant.',
    geometryType: 'MultiPolygon',
    filters: ['parcelCode', 'datetime', 'asOf'],
    tiles: true,
    sqlName: 'ogc-parcels',
    params: (q) => [...(q.bbox ?? [null, null, null, null]), q.countyCodes, q.epsg, q.flip, q.cursor && JSON.stringify(q.cursor), q.limit, q.from, q.to, q.parcelCode, q.featureId, q.asOf],
    id_: (r) => r.parcel_code,
    cursorOf: (r) => [r.parcel_code],
    properties: (r) => ({
      parcelCode: r.parcel_code, location: r.location, landUse: r.land_use, rightType: r.right_type, establishedBy: r.established_by,
      stage: r.stage, kind: r.kind, srid: r.srid, organisation: r.organisation, acceptedAt: iso(r.accepted_at),
      planeAreaM2: area(r.plane_area_m2), declaredAreaM2: num(r.declared_area_m2),
    }),
  },
  {
    id: 'results',
    title: '测绘成果 Survey results by stage',
    description: 'Every survey result the reader may see, with its stage (land_supply, planning, presale, completion, legacy), kind and status (submitted, accepted, rejected; superseded when replaced). datetime filters by decision time.',
    geometryType: 'MultiPolygon',
    filters: ['parcelCode', 'stage', 'status', 'datetime'],
    tiles: true,
    sqlName: 'ogc-results',
    params: (q) => [...(q.bbox ?? [null, null, null, null]), q.organisation, q.countyCodes, q.epsg, q.flip, q.cursor && JSON.stringify(q.cursor), q.limit, q.from, q.to, q.parcelCode, q.stage, q.status, q.featureId],
    id_: (r) => r.id,
    cursorOf: (r) => [r.parcel_code, r.id],
    properties: (r) => ({
      surveyId: r.id, parcelCode: r.parcel_code, stage: r.stage, kind: r.kind, role: r.geometry_role, status: r.status,
      superseded: r.superseded_by !== null, supersededBy: r.superseded_by, organisation: r.organisation, surveyedOn: r.surveyed_on,
      srid: r.srid, precisionClass: r.precision_class, decidedAt: iso(r.decided_at), planeAreaM2: area(r.plane_area_m2), declaredAreaM2: num(r.declared_area_m2),
    }),
  },
  {
    id: 'boundary-points',
    title: '界址点 Boundary points',
    description: 'The 界址点 of each result the reader may see: 点号, part, 圈号 (ring: 1 outer), X (northing) and Y (easting) with the digits as surveyed in the result\'s CRS (srid), and the 界址点 precision class (1 一级, 2 二级, 3 三级).',
    geometryType: 'Point',
    filters: ['parcelCode', 'stage', 'status', 'surveyId', 'datetime'],
    tiles: false,
    sqlName: 'ogc-boundary-points',
    params: (q) => [...(q.bbox ?? [null, null, null, null]), q.organisation, q.countyCodes, q.epsg, q.flip, q.cursor && JSON.stringify(q.cursor), q.limit, q.from, q.to, q.parcelCode, q.stage, q.status, q.surveyId, q.featureId],
    id_: (r) => `${r.survey_id}.${r.part_no}.${r.ring_no}.${r.seq}`,
    cursorOf: (r) => [r.parcel_code, r.survey_id, r.part_no, r.ring_no, r.seq],
    properties: (r) => ({
      parcelCode: r.parcel_code, surveyId: r.survey_id, pointNo: r.point_no, partNo: r.part_no, ringNo: r.ring_no, seq: r.seq,
      X: r.x, Y: r.y, srid: r.srid, precisionClass: r.precision_class, stage: r.stage, status: r.status,
    }),
  },
  {
    id: 'units',
    title: '不动产单元 Units with 预测/实测 areas',
    description: 'Each unit (不动产单元号) with the areas of the newest current accepted pre-sale (预测) and verified (实测) results, m²; no geometry.',
    geometryType: null,
    filters: ['parcelCode'],
    tiles: false,
    sqlName: 'ogc-units',
    params: (q) => [q.countyCodes, q.organisation, q.cursor && JSON.stringify(q.cursor), q.limit, q.parcelCode, q.featureId],
    id_: (r) => r.unit_code,
    cursorOf: (r) => [r.parcel_code, r.unit_code],
    properties: (r) => ({
      unitCode: r.unit_code, parcelCode: r.parcel_code, location: r.location, use: r.use, floor: r.floor,
      presaleSurveyId: r.presale_survey_id, presaleBuildingAreaM2: num(r.presale_building_area_m2), presaleInnerAreaM2: num(r.presale_inner_area_m2), presaleSharedAreaM2: num(r.presale_shared_area_m2),
      verifiedSurveyId: r.verified_survey_id, verifiedBuildingAreaM2: num(r.verified_building_area_m2), verifiedInnerAreaM2: num(r.verified_inner_area_m2), verifiedSharedAreaM2: num(r.verified_shared_area_m2),
    }),
  },
];

export const collectionById = (id: string) => COLLECTIONS.find((c) => c.id === id);
