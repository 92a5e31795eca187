// OpenAPI 3.1 generated from the route table; every schema is cited from schemas/, never restated here.
import { schemas } from './schemas';
import type { Route } from './routes/route';

const ref = (schema: string | Record<string, unknown>) => (typeof schema === 'string' ? { $ref: `#/components/schemas/${schema}` } : schema);

/** Removes $schema/$id and points references by $id at the components, so the JSON Schemas embed as OpenAPI components. */
function asComponent(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return JSON.parse(JSON.stringify(rest), (key, value) => (key === '$ref' && typeof value === 'string' && !value.startsWith('#') ? `#/components/schemas/${value}` : value));
}

function requestContent(body: NonNullable<Route['body']>) {
  const content: Record<string, unknown> = body.json ? { 'application/json': { schema: ref(body.json) } } : {};
  if (body.multipart) {
    content['multipart/form-data'] = {
      schema: { allOf: [ref(body.multipart), { type: 'object', required: ['file'], properties: { file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'The survey file: .txt, .geojson, .csv, .dxf or a .zip shapefile' } } }] },
    };
  }
  return content;
}

export function buildOpenApi(routes: Route[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    paths[route.path][route.method] = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      parameters: (route.params ?? []).map((p) => ({ name: p.name, in: p.in, description: p.description, required: p.in === 'path' || !!p.required, schema: p.schema ?? { type: 'string' } })),
      ...(route.body ? { requestBody: { required: true, content: requestContent(route.body) } } : {}),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, r]) => [status, { description: r.description, ...(r.schema ? { content: { 'application/json': { schema: ref(r.schema) } } } : {}) }]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'OneSurvey Hub API (多测合一成果共享平台)',
      version,
      description: 'Every survey result of a parcel under one parcel identity (宗地代码). Errors are { code, message, details } with a 4xx status.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: { schemas: Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, asComponent(s)])) },
  };
}
