// The OGC API documents that describe rather than read data: landing page, conformance, collections, the API
// definition (OpenAPI 3.0). Links carry the reader's applicationNo and purpose along (R8), so clients that only
// follow links (GDAL, QGIS) keep stating them.
import { COLLECTIONS, type CollectionDef } from './collections';
import { DEFAULT_LIMIT, MAX_LIMIT } from './item-query';
import { CRS84, SUPPORTED_CRS } from './ogc-crs';

export const OGC_BASE = '/ogc';

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt',
];

/** Builds absolute links under the base path, carrying the reader's purpose parameters. */
export class Linker {
  constructor(readonly root: string, private readonly carried: Record<string, string>) {}

  href(path: string, params: Record<string, string | undefined> = {}): string {
    const all = { ...this.carried, ...params };
    const qs = new URLSearchParams(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined)).toString();
    return `${this.root}${OGC_BASE}${path}${qs ? `?${qs}` : ''}`;
  }
}

const link = (href: string, rel: string, type: string, title?: string) => ({ href, rel, type, ...(title ? { title } : {}) });

export function landingPage(l: Linker) {
  return {
    title: 'OneSurvey Hub 多测合一成果共享平台',
    description: 'Survey results of every parcel under one parcel identity, as OGC API – Features (Part 1, Part 2) and vector tiles.',
    links: [
      link(l.href('/'), 'self', 'application/json', 'This document'),
      link(l.href('/', { f: 'html' }), 'alternate', 'text/html', 'This document as HTML'),
      link(l.href('/api'), 'service-desc', 'application/vnd.oai.openapi+json;version=3.0', 'The API definition'),
      link(l.href('/conformance'), 'conformance', 'application/json', 'Conformance classes'),
      link(l.href('/collections'), 'data', 'application/json', 'The collections'),
      link(l.href('/tileMatrixSets/WebMercatorQuad'), 'http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes', 'application/json', 'WebMercatorQuad'),
    ],
  };
}

export function collectionDocument(l: Linker, c: CollectionDef) {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    itemType: 'feature',
    ...(c.geometryType ? { extent: { spatial: { bbox: [[110.3, 31.3, 116.7, 36.4]], crs: CRS84 } }, crs: SUPPORTED_CRS, storageCrs: 'http://www.opengis.net/def/crs/EPSG/0/4490' } : { crs: [CRS84] }),
    geometryType: c.geometryType,
    filters: c.filters,
    links: [
      link(l.href(`/collections/${c.id}`), 'self', 'application/json'),
      link(l.href(`/collections/${c.id}`, { f: 'html' }), 'alternate', 'text/html'),
      link(l.href(`/collections/${c.id}/items`), 'items', 'application/geo+json', `Features (limit: default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})`),
      link(l.href(`/collections/${c.id}/items`, { f: 'html' }), 'items', 'text/html'),
      ...(c.tiles ? [link(l.href(`/collections/${c.id}/tiles`), 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector', 'application/json', 'Vector tiles')] : []),
    ],
  };
}

export function collectionsDocument(l: Linker) {
  return {
    links: [link(l.href('/collections'), 'self', 'application/json'), link(l.href('/collections', { f: 'html' }), 'alternate', 'text/html')],
    crs: SUPPORTED_CRS,
    collections: COLLECTIONS.map((c) => collectionDocument(l, c)),
  };
}

const param = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });

/** The API definition (OpenAPI 3.0), with `limit`'s default and maximum where clients look for them. */
export function apiDefinition(l: Linker) {
  const purpose = [
    param('applicationNo', 'The application (申请编号) the read is for; required with purpose for bearer tokens (R8); carried along in every link'),
    param('purpose', 'What the read is for; recorded in the audit log with applicationNo'),
  ];
  const paths: Record<string, unknown> = {
    '/': { get: { operationId: 'getLandingPage', parameters: purpose, responses: { 200: { description: 'The landing page' } } } },
    '/conformance': { get: { operationId: 'getConformance', responses: { 200: { description: 'Conformance classes' } } } },
    '/collections': { get: { operationId: 'getCollections', parameters: purpose, responses: { 200: { description: 'The collections' } } } },
  };
  for (const c of COLLECTIONS) {
    paths[`/collections/${c.id}`] = { get: { operationId: `describe-${c.id}`, parameters: purpose, responses: { 200: { description: c.title } } } };
    paths[`/collections/${c.id}/items`] = {
      get: {
        operationId: `items-${c.id}`,
        parameters: [
          param('limit', `Features per page (default ${DEFAULT_LIMIT}; larger values are cut to ${MAX_LIMIT})`, { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }),
          ...(c.geometryType ? [param('bbox', 'lower corner, upper corner in the axis order of bbox-crs', { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4 }), param('bbox-crs', 'CRS of bbox (default CRS84)'), param('crs', 'CRS of the answer (default CRS84)')] : []),
          ...c.filters.map((f) => param(f, f === 'datetime' ? 'Instant or interval of the acceptance/decision time' : f === 'asOf' ? 'The boundaries in force at this instant' : `Only features with this ${f}`)),
          param('cursor', 'Where the next page starts (from a next link)'),
          ...purpose,
        ],
        responses: { 200: { description: 'A GeoJSON FeatureCollection' }, 400: { description: 'A parameter is wrong' } },
      },
    };
    paths[`/collections/${c.id}/items/{featureId}`] = {
      get: { operationId: `item-${c.id}`, parameters: [{ name: 'featureId', in: 'path', required: true, schema: { type: 'string' } }, ...purpose], responses: { 200: { description: 'A GeoJSON Feature' }, 404: { description: 'No such feature' } } },
    };
  }
  return { openapi: '3.0.3', info: { title: 'OneSurvey Hub OGC API – Features', version: '1.0' }, servers: [{ url: l.href('') .replace(/\?.*$/, '') }], paths };
}
