// The reuse engine over HTTP: registration packets, boundary change detection, the access log.
import { accessLog, boundaryDiffAgainst, createPacket, readPacket, type PacketRequest } from '../services/packets.service';
import { packetFile, PACKET_FORMATS } from '../services/packet-files';
import { QUERY_SCHEMAS } from '../http/query-params';
import { actorOf, type Route } from './route';
import { badRequest } from '../errors';
import { parseEpsg } from '../domain/crs';

export const packetRoutes: Route[] = [
  {
    method: 'post',
    path: '/api/registration-packets',
    access: ['registrar', 'admin'],
    operationId: 'createPacket',
    summary: 'A registration packet (登记用测绘成果): boundary, 界址点, areas, each value with its rule (R1–R6), source and reason, and the decision — reuse, or new survey required; stored immutably',
    tag: 'registration',
    body: { json: 'packet-request' },
    responses: {
      201: { description: 'The packet' },
      400: { description: 'No application number or purpose (R8), or a wrong code', schema: 'error' },
      404: { description: 'Unknown parcel', schema: 'error' },
    },
    async handle(req, ctx) {
      return { status: 201, body: await createPacket(ctx.db.pool, req.body as PacketRequest, actorOf(ctx)) };
    },
  },
  {
    method: 'get',
    path: '/api/registration-packets/{id}',
    access: ['registrar', 'admin'],
    operationId: 'getPacket',
    recordsApplication: true,
    summary: 'A stored packet as JSON, TXT (boundary), CSV (point table, unit areas), GeoJSON or a printable page; every read is recorded',
    tag: 'registration',
    params: [{ name: 'id', in: 'path', description: 'Packet id', required: true }, { name: 'format', in: 'query', description: 'json (default) | txt | csv | geojson | html', schema: QUERY_SCHEMAS.oneOf(...PACKET_FORMATS), invalidCode: 'PACKET_FORMAT_UNSUPPORTED' }],
    responses: { 200: { description: 'The packet or its file' }, 404: { description: 'No such packet', schema: 'error' } },
    async handle(req, ctx) {
      const format = String(req.query.format ?? 'json');
      const packet = await readPacket(ctx.db.pool, req.params.id, actorOf(ctx), format);
      return format === 'json' ? { body: packet } : { file: packetFile(packet, format) };
    },
  },
  {
    method: 'get',
    path: '/api/parcels/{parcelCode}/boundary-diff',
    access: ['reviewer', 'registrar', 'admin'],
    operationId: 'boundaryDiff',
    summary: 'A result\'s boundary against the accepted one: matched points and their displacement, Hausdorff distance, symmetric difference, same boundary or changed (允许误差 of the precision class)',
    tag: 'registration',
    params: [{ name: 'parcelCode', in: 'path', description: '宗地代码', required: true }, { name: 'against', in: 'query', description: 'Survey result id to compare', required: true }],
    responses: { 200: { description: 'The comparison' }, 400: { description: 'Bad id', schema: 'error' }, 404: { description: 'Unknown parcel or result, or no accepted boundary', schema: 'error' } },
    async handle(req, ctx) {
      return { body: await boundaryDiffAgainst(ctx.db.pool, req.params.parcelCode, { surveyId: String(req.query.against ?? '') }) };
    },
  },
  {
    method: 'post',
    path: '/api/parcels/{parcelCode}/boundary-diff',
    access: ['surveyor', 'reviewer', 'registrar', 'admin'],
    operationId: 'boundaryDiffOfFile',
    summary: 'A candidate file (multipart field `file`, any survey format; `crs` where it has none) against the accepted boundary, before submitting it',
    tag: 'registration',
    params: [{ name: 'parcelCode', in: 'path', description: '宗地代码', required: true }],
    body: { multipart: 'boundary-diff-upload' },
    responses: { 200: { description: 'The comparison' }, 400: { description: 'The file cannot be read', schema: 'error' }, 404: { description: 'Unknown parcel, or no accepted boundary', schema: 'error' } },
    async handle(req, ctx) {
      const { fields, file } = ctx.upload ?? { fields: {} };
      if (!file) throw badRequest('UPLOAD_FILE_MISSING', "send the candidate file in the field 'file'");
      const epsg = typeof fields.crs === 'string' ? parseEpsg(fields.crs) : undefined;
      return { body: await boundaryDiffAgainst(ctx.db.pool, req.params.parcelCode, { upload: { fileName: file.fileName, bytes: file.bytes }, epsg }) };
    },
  },
  {
    method: 'get',
    path: '/api/access-log',
    access: ['registrar', 'admin'],
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
