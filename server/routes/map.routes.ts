// The map's layers and the review queue.
import { LIST_STATUSES, mapFeatures, resultsByStatus } from '../services/map.service';
import { actorOf, purposeOf, purposeParams, type Route } from './route';
import { STAGES } from '../domain/survey-result';
import { QUERY_SCHEMAS } from '../http/query-params';

export const mapRoutes: Route[] = [
  {
    method: 'get',
    path: '/api/map/features',
    access: 'authenticated',
    scope: 'listing',
    operationId: 'mapFeatures',
    summary: 'Survey results in a bbox as GeoJSON (EPSG:4490 lon/lat, 7 decimals) for the map: stage, kind, role (parcel boundary or building footprint), status; the feature id is the survey result id. Where more than 5000 lie in the box, parcel counts on a grid instead (aggregated: true)',
    tag: 'map',
    params: [{ name: 'bbox', in: 'query', description: 'minLon,minLat,maxLon,maxLat (EPSG:4490)', required: true }, { name: 'stage', in: 'query', description: 'One stage only', schema: { enum: [...STAGES] }, invalidCode: 'STAGE_UNKNOWN' }, ...purposeParams],
    responses: { 200: { description: 'A GeoJSON FeatureCollection: at most 5000 features, or (aggregated: true) points with the number of parcels and results in each grid cell' }, 400: { description: 'Bad bbox or stage', schema: 'error' } },
    async handle(req, ctx) {
      return { jsonText: await mapFeatures(ctx.db.pool, req.query as { bbox?: string; stage?: string }, actorOf(ctx), purposeOf(req)) };
    },
  },
  {
    method: 'get',
    path: '/api/surveys',
    access: 'authenticated',
    scope: 'listing',
    operationId: 'listSurveys',
    summary: 'Results by status, oldest first — status=submitted is the review queue (suspended results are listed under status=suspended); own=1 lists the viewer\'s organisation\'s results (我的成果)',
    tag: 'surveys',
    params: [
      { name: 'status', in: 'query', description: 'submitted (default: waiting, not suspended) | suspended (挂起) | accepted | rejected | all', schema: QUERY_SCHEMAS.oneOf(...LIST_STATUSES), invalidCode: 'STATUS_UNKNOWN' },
      { name: 'own', in: 'query', description: "1: only the viewer's organisation's results (a surveyor's 我的成果)", schema: QUERY_SCHEMAS.oneOf('0', '1') },
      ...purposeParams,
    ],
    responses: { 200: { description: 'The results, with the decision (reviewer, note) and any suspension', schema: 'result-list' }, 400: { description: 'Bad status', schema: 'error' } },
    async handle(req, ctx) {
      const items = await resultsByStatus(ctx.db.pool, String(req.query.status ?? 'submitted'), actorOf(ctx), purposeOf(req), undefined, req.query.own === '1');
      return { body: { items } };
    },
  },
];
