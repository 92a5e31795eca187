// The reuse engine over HTTP: registration packets, boundary change detection, the access log.
import { accessLog, boundaryDiffAgainst, createPacket, readPacket, type PacketRequest } from '../services/packets.service';
import { recordLineage, type LineageRequest } from '../services/lineage.service';
import { packetFile, PACKET_FORMATS } from '../services/packet-files';
import { QUERY_SCHEMAS } from '../http/query-params';
import { packetGisFile } from '../ogc/gis-export.service';
import { actorOf, purposeOf, purposeParams, type Route } from './route';
import { badRequest } from '../errors';
import { parseEpsg } from '../domain/crs';

export const packetRoutes: Route[] = [
  {
    method: 'post',
    path: '/api/registration-packets',
    access: ['registrar', 'admin'],
    scope: { parcelIn: 'body' },
    operationId: 'createPacket',
    summary: 'A registration packet (登记用测绘成果) decided by the decision table (docs/decision-table.md): boundary, 界址点, areas, each value with its rule (R1–R7), source and reason, each requirement met / awaiting review / missing, and the decision — reuse, awaiting_review or new_survey_required; stored immutably',
    tag: 'registration',
    body: { json: 'packet-request' },
    responses: {
      201: { description: 'The packet' },
      400: { description: 'No application number or purpose (R8), a wrong code, or a registration type that does not fit the parcel\'s ownership/right type (details.decision = not_applicable)', schema: 'error' },
      404: { description: 'Unknown parcel', schema: 'error' },
      409: { description: 'The parcel was retired by a split or merge (details name its successors)', schema: 'error' },
    },
    async handle(req, ctx) {
      return { status: 201, body: await createPacket(ctx.db.pool, req.body as PacketRequest, actorOf(ctx), ctx.config) };
    },
  },
  {
    method: 'get',
    path: '/api/registration-packets/{id}',
    access: ['registrar', 'admin'],
    scope: { idOf: 'packet' },
    operationId: 'getPacket',
    recordsApplication: true,
    summary: 'A stored packet as JSON, TXT (boundary), CSV (point table, unit areas), GeoJSON or a printable page; every read is recorded',
    tag: 'registration',
    params: [{ name: 'id', in: 'path', description: 'Packet id', required: true }, { name: 'format', in: 'query', description: 'json (default) | txt | csv | geojson | html | gpkg | shp', schema: QUERY_SCHEMAS.oneOf(...PACKET_FORMATS, 'gpkg', 'shp'), invalidCode: 'PACKET_FORMAT_UNSUPPORTED' }, ...purposeParams],
    responses: { 200: { description: 'The packet or its file' }, 404: { description: 'No such packet', schema: 'error' } },
    async handle(req, ctx) {
      const format = String(req.query.format ?? 'json');
      const packet = await readPacket(ctx.db.pool, req.params.id, actorOf(ctx), format, purposeOf(req));
      if (format === 'gpkg' || format === 'shp') return { file: await packetGisFile(ctx.db.pool, packet, format) };
      // The printable page opens in the browser (print it, or save it as PDF there); the other formats download.
      return format === 'json' ? { body: packet } : { file: packetFile(packet, format), inline: format === 'html' };
    },
  },
  {
    method: 'get',
    path: '/api/parcels/{parcelCode}/boundary-diff',
    access: ['reviewer', 'registrar', 'admin'],
    scope: { parcelIn: 'path' },
    operationId: 'boundaryDiff',
    summary: 'A result\'s boundary against the accepted one: matched points and their displacement, Hausdorff distance, symmetric difference, same boundary or changed (允许误差 of the precision class)',
    tag: 'registration',
    params: [{ name: 'parcelCode', in: 'path', description: '宗地代码', required: true }, { name: 'against', in: 'query', description: 'Survey result id to compare', required: true }, ...purposeParams],
    responses: { 200: { description: 'The comparison' }, 400: { description: 'Bad id', schema: 'error' }, 404: { description: 'Unknown parcel or result, or no accepted boundary', schema: 'error' } },
    async handle(req, ctx) {
      return { body: await boundaryDiffAgainst(ctx.db.pool, req.params.parcelCode, { surveyId: String(req.query.against ?? '') }, actorOf(ctx), purposeOf(req)) };
    },
  },
  {
    method: 'post',
    path: '/api/parcels/{parcelCode}/boundary-diff',
    access: ['surveyor', 'reviewer', 'registrar', 'admin'],
    scope: { parcelIn: 'path' },
    operationId: 'boundaryDiffOfFile',
    summary: 'A candidate file (multipart field `file`, any survey format; `crs` where it has none) against the accepted boundary, before submitting it',
    tag: 'registration',
    params: [{ name: 'parcelCode', in: 'path', description: '宗地代码', required: true }, ...purposeParams],
    body: { multipart: 'boundary-diff-upload' },
    responses: { 200: { description: 'The comparison' }, 400: { description: 'The file cannot be read', schema: 'error' }, 404: { description: 'Unknown parcel, or no accepted boundary', schema: 'error' } },
    async handle(req, ctx) {
      const { fields, file } = ctx.upload ?? { fields: {} };
      if (!file) throw badRequest('UPLOAD_FILE_MISSING', "send the candidate file in the field 'file'");
      const epsg = typeof fields.crs === 'string' ? parseEpsg(fields.crs) : undefined;
      return { body: await boundaryDiffAgainst(ctx.db.pool, req.params.parcelCode, { upload: { fileName: file.fileName, bytes: file.bytes }, epsg }, actorOf(ctx), purposeOf(req)) };
    },
  },
  {
    method: 'post',
    path: '/api/parcel-lineage',
    access: ['registrar', 'admin'],
    operationId: 'recordLineage',
    scope: { parcelListsIn: ['predecessors', 'successors'] },
    summary: 'Record a split (分割) or merge (合并): the new parcels (each with an accepted 权籍调查 lying within the predecessors) are linked to their predecessors, which are retired; append-only and audited',
    tag: 'registration',
    body: { json: 'lineage-request' },
    responses: {
      201: { description: 'The lineage event' },
      400: { description: 'Wrong shape, a new parcel without an accepted 权籍调查, or lying outside its predecessors', schema: 'error' },
      404: { description: 'An unknown parcel', schema: 'error' },
      409: { description: 'A parcel already retired, or a new parcel already made by another event', schema: 'error' },
    },
    async handle(req, ctx) {
      return { status: 201, body: await recordLineage(ctx.db.pool, req.body as LineageRequest, actorOf(ctx)) };
    },
  },
  {
    method: 'get',
    path: '/api/access-log',
    access: ['registrar', 'admin'],
    scope: { parcelIn: 'query' },
    operationId: 'accessLog',
    summary: 'Who obtained a parcel\'s shared survey data, when, for which application and purpose (R8)',
    tag: 'registration',
    params: [{ name: 'parcelCode', in: 'query', description: '宗地代码', required: true }],
    responses: { 200: { description: 'Packets issued and read, exports' }, 400: { description: 'Bad code', schema: 'error' } },
    async handle(req, ctx) {
      return { body: { items: await accessLog(ctx.db.pool, String(req.query.parcelCode ?? '')) } };
    },
  },
];
