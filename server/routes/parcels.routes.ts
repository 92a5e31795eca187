// Parcels and units by their codes.
import { actorOf, purposeOf, purposeParams, type Route } from './route';
import { QUERY_SCHEMAS } from '../http/query-params';
import { visibilityOf } from '../auth/viewer';
import { putAndReadParcel, putUnit, readParcel, readParcelHistory, searchParcels, type DescriptiveFields, type UnitFields } from '../services/parcels.service';

const parcelCodeParam = { name: 'parcelCode', in: 'path' as const, description: '宗地代码, 19 characters, e.g. 410802003012GB00025', required: true };

export const parcelRoutes: Route[] = [
  {
    method: 'get',
    path: '/api/parcels',
    access: 'authenticated',
    scope: 'listing',
    operationId: 'searchParcels',
    summary: 'Search parcels by 宗地代码/不动产单元号 prefix or 坐落 text, and by map extent',
    tag: 'parcels',
    params: [
      { name: 'q', in: 'query', description: 'Code prefix or 坐落 text' },
      { name: 'bbox', in: 'query', description: 'minLon,minLat,maxLon,maxLat in EPSG:4490' },
      { name: 'limit', in: 'query', description: 'At most this many (default 50, max 1000)', schema: QUERY_SCHEMAS.count(1000) },
      { name: 'offset', in: 'query', description: 'Skip this many', schema: QUERY_SCHEMAS.count(1_000_000) },
    ],
    responses: { 200: { description: 'Matching parcels, ordered by code', schema: 'parcel-list' }, 400: { description: 'Bad bbox or paging', schema: 'error' } },
    async handle(req, ctx) {
      return { body: await searchParcels(ctx.db.pool, req.query as Record<string, string>, visibilityOf(ctx.viewer!)) };
    },
  },
  {
    method: 'put',
    path: '/api/parcels/{parcelCode}',
    access: ['registrar', 'admin'],
    scope: { parcelIn: 'path' },
    operationId: 'putParcel',
    summary: 'Register a parcel by its 宗地代码, or update its 坐落, 用途, 权利类型',
    tag: 'parcels',
    params: [parcelCodeParam, ...purposeParams],
    body: { json: 'parcel-update' },
    responses: {
      200: { description: 'Updated; the parcel as read back (a read of its coordinates, recorded as one)', schema: 'parcel-detail' },
      201: { description: 'Registered; the parcel as read back', schema: 'parcel-detail' },
      400: { description: 'Invalid code (the part is named) or body', schema: 'error' },
    },
    async handle(req, ctx) {
      const { created, parcel } = await putAndReadParcel(ctx.db.pool, req.params.parcelCode, req.body as DescriptiveFields, actorOf(ctx), purposeOf(req));
      return { status: created ? 201 : 200, body: parcel };
    },
  },
  {
    method: 'get',
    path: '/api/parcels/{parcelCode}',
    access: 'authenticated',
    scope: { parcelIn: 'path' },
    operationId: 'getParcel',
    summary: 'A parcel: units, every result by stage and as a timeline, the current accepted boundary with its 界址点, areas per stage — today, or as it stood on a past day',
    tag: 'parcels',
    params: [
      parcelCodeParam,
      {
        name: 'asOf',
        in: 'query',
        description: 'YYYY-MM-DD: the parcel as it stood at the end of that day in China (Asia/Shanghai, UTC+8) — results accepted on or before that day, supersessions accepted by then; the answer carries an asOf field',
        schema: { type: 'string', format: 'date' },
        invalidCode: 'AS_OF_INVALID',
      },
      ...purposeParams,
    ],
    responses: {
      200: { description: 'The parcel (with asOf: as it stood then)', schema: 'parcel-as-of' },
      400: { description: 'Invalid code or asOf date', schema: 'error' },
      404: { description: 'Not registered', schema: 'error' },
    },
    async handle(req, ctx) {
      const asOf = typeof req.query.asOf === 'string' ? req.query.asOf : req.query.asOf === undefined ? undefined : String(req.query.asOf);
      return { body: await readParcel(ctx.db.pool, req.params.parcelCode, actorOf(ctx), purposeOf(req), asOf) };
    },
  },
  {
    method: 'get',
    path: '/api/parcels/{parcelCode}/history',
    access: 'authenticated',
    scope: { parcelIn: 'path' },
    operationId: 'getParcelHistory',
    summary: 'The accepted boundaries and areas of a parcel over time: each accepted result in order of acceptance, and per stage the periods each result was the current one',
    tag: 'parcels',
    params: [parcelCodeParam, ...purposeParams],
    responses: {
      200: { description: 'The history', schema: 'parcel-history' },
      400: { description: 'Invalid code', schema: 'error' },
      404: { description: 'Not registered', schema: 'error' },
    },
    async handle(req, ctx) {
      return { body: await readParcelHistory(ctx.db.pool, req.params.parcelCode, actorOf(ctx), purposeOf(req)) };
    },
  },
  {
    method: 'put',
    path: '/api/units/{unitCode}',
    access: ['registrar', 'surveyor', 'admin'],
    scope: { parcelIn: 'path' },
    operationId: 'putUnit',
    summary: 'Register a unit by its 不动产单元号 (its parcel is created from the first 19 characters if needed)',
    tag: 'parcels',
    params: [{ name: 'unitCode', in: 'path', description: '不动产单元号, 28 characters', required: true }],
    body: { json: 'unit-update' },
    responses: {
      200: { description: 'Updated' },
      201: { description: 'Registered' },
      400: { description: 'Invalid code or body', schema: 'error' },
    },
    async handle(req, ctx) {
      const { created } = await putUnit(ctx.db.pool, req.params.unitCode, req.body as UnitFields, actorOf(ctx));
      return { status: created ? 201 : 200, body: { unitCode: req.params.unitCode, parcelCode: req.params.unitCode.slice(0, 19), ...(req.body as object) } };
    },
  },
];
