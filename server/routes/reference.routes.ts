// Reference data the web app reads: the survey kinds (测绘事项) per stage, and the map's administrative context.
import type { Route } from './route';
import { surveyKinds } from '../services/survey-store';
import { mapContext } from '../services/map-context.service';

export const referenceRoutes: Route[] = [
  {
    method: 'get',
    path: '/api/survey-kinds',
    access: 'authenticated',
    scope: 'none',
    operationId: 'listSurveyKinds',
    summary: 'The survey kinds (测绘事项) a result may name, in their usual order, each with the stages it may be submitted for and what its geometry describes',
    tag: 'surveys',
    responses: { 200: { description: '{ items: [{ code, nameEn, stages, geometryRole, officialLandArea, family, geometryRequired, unitAreaRole }] }' } },
    async handle(_req, ctx) {
      return { body: { items: await surveyKinds(ctx.db.pool) }, headers: { 'cache-control': 'private, max-age=300' } };
    },
  },
  {
    method: 'get',
    path: '/api/map/context',
    access: 'authenticated',
    scope: 'none',
    operationId: 'mapContext',
    summary: 'Province, city and county outlines with names for the map (EPSG:4490), from the approximate county outlines the hub ships (±1 km: orientation only, never for areas or registration)',
    tag: 'map',
    responses: { 200: { description: 'A GeoJSON FeatureCollection: level (province | city | county), GB/T 2260 code, name, a label point; source and note say where the outlines come from' } },
    async handle(_req, ctx) {
      return { body: await mapContext(ctx.db.pool), headers: { 'cache-control': 'private, max-age=86400' } };
    },
  },
];
