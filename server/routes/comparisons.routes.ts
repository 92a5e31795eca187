// Pre-sale (预测) vs verified (实测) areas, for planners.
import { actorOf, purposeOf, purposeParams, type Route } from './route';
import { QUERY_SCHEMAS } from '../http/query-params';
import { compareParcelAreas, parseComparisonQuery } from '../services/comparisons.service';

export const comparisonRoutes: Route[] = [
  {
    method: 'get',
    path: '/api/comparisons/areas',
    access: ['planner', 'registrar', 'reviewer', 'admin'],
    scope: { parcelIn: 'query' },
    operationId: 'compareAreas',
    recordsApplication: true,
    summary: 'Pre-sale (预测) vs verified (实测) unit areas of a parcel: 面积误差比 on 建筑面积 and 套内建筑面积, the ±3 % flag, the GB/T 17986.1 限差, totals per building and parcel; as JSON or CSV',
    tag: 'comparisons',
    params: [
      { name: 'parcelCode', in: 'query', required: true, description: '宗地代码, 19 characters' },
      { name: 'building', in: 'query', description: '自然幢号, 4 digits (characters 21–24 of the 不动产单元号): only that building', schema: { type: 'string', pattern: '^[0-9]{4}$', 'x-expected': 'a 自然幢号 of 4 digits, e.g. 0001' }, invalidCode: 'BUILDING_NO_INVALID' },
      { name: 'format', in: 'query', description: 'json (default) | csv: a download, UTF-8 with BOM, CRLF, bilingual header, one row per unit then the totals', schema: QUERY_SCHEMAS.oneOf('json', 'csv'), invalidCode: 'FORMAT_UNSUPPORTED' },
      ...purposeParams,
    ],
    responses: {
      200: { description: 'The comparison; without a current accepted presale or completion result, an explanation naming the missing stage (JSON even when csv was asked for)', schema: 'area-comparison' },
      400: { description: 'parcelCode missing or invalid, building or format invalid', schema: 'error' },
      404: { description: 'Parcel not registered', schema: 'error' },
    },
    async handle(req, ctx) {
      const { report, file } = await compareParcelAreas(ctx.db.pool, parseComparisonQuery(req.query), actorOf(ctx), purposeOf(req));
      return file ? { file } : { body: report };
    },
  },
];
