// The map's layers and the review queue.
import { mapFeatures, resultsByStatus } from '../services/map.service';
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
    summary: 'Results by status, oldest first — status=submitted is the review queue',
    tag: 'surveys',
    params: [{ name: 'status', in: 'query', description: 'submitted (default) | accepted | rejected', schema: QUERY_SCHEMAS.oneOf('submitted', 'accepted', 'rejected'), invalidCode: 'STATUS_UNKNOWN' }, ...purposeParams],
    responses: { 200: { description: 'The results' }, 400: { description: 'Bad status', schema: 'error' } },
    async handle(req, ctx) {
      return { body: { items: await resultsByStatus(ctx.db.pool, String(req.query.status ?? 'submitted'), actorOf(ctx), purposeOf(req)) } };
    },
  },
];
