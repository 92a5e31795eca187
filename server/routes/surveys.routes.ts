// Survey results: submit (JSON or a file), validate without storing, read, export, review.
import type { Request } from 'express';
import { actorOf, purposeOf, purposeParams, type RequestContext, type Route } from './route';
import { visibilityOf } from '../auth/viewer';
import { readSurvey, reviewSurvey, type ReviewDecision } from '../services/surveys.service';
import { resumeSurvey, suspendSurvey, type SuspensionRequest } from '../services/suspension.service';
import { importFile, submit, validateSubmission, type Upload } from '../services/intake.service';
import { exportSurvey, EXPORT_FORMATS } from '../services/export.service';
import { QUERY_SCHEMAS } from '../http/query-params';
import { importFindingsCsv, stagedImport, useStagedImport } from '../services/staged-import.service';
import { acceptImportRun } from '../services/import-acceptance.service';
import type { SurveySubmission } from '../domain/survey-submission';
import { badRequest, notFound } from '../errors';

const idParam = { name: 'id', in: 'path' as const, description: 'Survey result id (UUID)', required: true };

/** JSON body, or the multipart fields (checked by the middleware) + file: the metadata and the upload, if any. */
function readSubmission(req: Request, ctx: RequestContext): { meta: Partial<SurveySubmission>; upload?: Upload } {
  if (!ctx.upload) return { meta: req.body as SurveySubmission };
  const { fields, file } = ctx.upload;
  if (!file) throw badRequest('UPLOAD_FILE_MISSING', "the upload has no file: send the survey file in the field 'file'");
  return { meta: fields as Partial<SurveySubmission>, upload: { fileName: file.fileName, bytes: file.bytes } };
}

const submissionBody = { json: 'survey-submission', multipart: 'survey-upload' };

export const surveyRoutes: Route[] = [
  {
    method: 'post',
    path: '/api/surveys',
    access: ['surveyor', 'admin'],
    scope: { parcelIn: 'body' },
    operationId: 'submitSurvey',
    summary: 'Submit a survey result (JSON with GeoJSON features, or a file: TXT, GeoJSON, CSV, DXF, zipped shapefile); stored only when the quality checks find no error',
    tag: 'surveys',
    body: submissionBody,
    responses: {
      201: { description: 'Stored, status submitted, with the computed plane area and the quality report (warnings)', schema: 'survey-result' },
      400: { description: 'A field, code, CRS or kind is wrong, or the quality checks found errors (the first named in the message, the report in details.report)', schema: 'error' },
      409: { description: 'The result it supersedes was already superseded', schema: 'error' },
      413: { description: 'The file is too large', schema: 'error' },
    },
    async handle(req, ctx) {
      const { meta, upload } = readSubmission(req, ctx);
      return { status: 201, body: await submit(ctx.db.pool, meta, actorOf(ctx), upload, req.rawBody) };
    },
  },
  {
    method: 'post',
    path: '/api/surveys/validate',
    access: ['surveyor', 'reviewer', 'admin'],
    scope: { parcelIn: 'body' },
    operationId: 'validateSurvey',
    summary: 'Run every check of a submission (same input as POST /api/surveys) and return the quality report; nothing is stored',
    tag: 'surveys',
    body: submissionBody,
    responses: {
      200: { description: 'The quality report: findings with code, severity, bilingual message and location', schema: 'quality-report' },
      400: { description: 'A metadata field is wrong (the file itself is judged in the report)', schema: 'error' },
      413: { description: 'The file is too large', schema: 'error' },
    },
    async handle(req, ctx) {
      const { meta, upload } = readSubmission(req, ctx);
      return { body: await validateSubmission(ctx.db.pool, meta, actorOf(ctx), upload) };
    },
  },
  {
    method: 'post',
    path: '/api/imports',
    access: ['surveyor', 'admin'],
    scope: { parcelIn: 'body' },
    operationId: 'importFile',
    summary: 'Bulk import of one file (multipart): one result per parcel, each plot carrying its 宗地代码 (or parcelCode for all); the file lands whole or not at all',
    tag: 'surveys',
    params: [
      { name: 'dryRun', in: 'query', description: '1: run every check and plan the results, store nothing', schema: QUERY_SCHEMAS.oneOf('0', '1', 'true', 'false') },
      { name: 'staged', in: 'query', description: '1: the staged bulk path for a TXT of many plots (taken anyway above 16 MB): checks in PostGIS, a summary answer, findings at findingsUrl', schema: QUERY_SCHEMAS.oneOf('0', '1', 'true', 'false') },
    ],
    body: { json: 'survey-upload', multipart: 'survey-upload' },
    responses: {
      201: { description: 'Stored: the results per parcel and the quality report', schema: 'import-summary' },
      200: { description: 'Dry run: the planned results and the quality report', schema: 'import-summary' },
      400: { description: 'A field is wrong, or the quality checks found errors (report in details.report); nothing stored', schema: 'error' },
      413: { description: 'The file is too large', schema: 'error' },
    },
    async handle(req, ctx) {
      const { meta, upload } = readSubmission(req, ctx);
      if (!upload) throw badRequest('UPLOAD_FILE_MISSING', "a bulk import is a file upload (multipart/form-data, field 'file')");
      const dryRun = req.query.dryRun === '1' || req.query.dryRun === 'true';
      const summary = useStagedImport(req.query.staged, upload)
        ? await stagedImport(ctx.db.pool, meta, actorOf(ctx), upload, dryRun)
        : await importFile(ctx.db.pool, meta, actorOf(ctx), upload, dryRun);
      return { status: dryRun ? 200 : 201, body: summary };
    },
  },
  {
    method: 'get',
    path: '/api/imports/{importId}/findings',
    access: ['surveyor', 'admin'],
    scope: 'none',
    operationId: 'importFindings',
    summary: 'Every per-plot finding of a staged bulk import, as CSV (the import\'s own account, or an admin)',
    tag: 'surveys',
    params: [{ name: 'importId', in: 'path', required: true, description: 'importId of the staged import (its own importer or an admin: checked by the service)' }],
    responses: { 200: { description: 'CSV, UTF-8 with BOM' }, 404: { description: 'No such import of the reader', schema: 'error' } },
    async handle(req, ctx) {
      return { file: await importFindingsCsv(ctx.db.pool, req.params.importId, actorOf(ctx)) };
    },
  },
  {
    method: 'post',
    path: '/api/imports/{importId}/acceptance',
    access: ['reviewer', 'admin'],
    scope: 'none',
    operationId: 'acceptImport',
    summary: 'Accept every result one import run stored, in one statement through the guards, audited once (a legacy load, R1); results of parcels that have an accepted boundary are left for review one by one',
    tag: 'surveys',
    params: [{ name: 'importId', in: 'path', required: true, description: 'importId of a staged import that stored results (its parcels must lie in the reviewer\'s counties: checked by the service)' }],
    body: { json: 'import-acceptance-request' },
    responses: {
      200: { description: 'How many results were accepted and how many are left for review', schema: 'import-acceptance' },
      403: { description: 'The reviewer imported the file, or a parcel lies outside the reviewer\'s counties', schema: 'error' },
      404: { description: 'No import run that stored results', schema: 'error' },
    },
    async handle(req, ctx) {
      return { body: await acceptImportRun(ctx.db.pool, req.params.importId, (req.body as { note?: string }).note, actorOf(ctx)) };
    },
  },
  {
    method: 'get',
    path: '/api/surveys/{id}',
    access: 'authenticated',
    scope: { idOf: 'survey' },
    operationId: 'getSurvey',
    summary: 'A survey result with its geometry (as submitted and in EPSG:4490), 界址点 and unit areas',
    tag: 'surveys',
    params: [idParam, ...purposeParams],
    responses: {
      200: { description: 'The result', schema: 'survey-result' },
      400: { description: 'Not a UUID', schema: 'error' },
      404: { description: 'No such result', schema: 'error' },
    },
    async handle(req, ctx) {
      const survey = await readSurvey(ctx.db.pool, req.params.id, actorOf(ctx), purposeOf(req));
      if (!survey) throw notFound('SURVEY_NOT_FOUND', `There is no survey result ${req.params.id}`);
      return { body: survey };
    },
  },
  {
    method: 'get',
    path: '/api/surveys/{id}/export',
    access: 'authenticated',
    scope: { idOf: 'survey' },
    operationId: 'exportSurvey',
    recordsApplication: true,
    summary: 'A result as a file: exchange TXT (GBK + CRLF, or UTF-8), GeoJSON (in its CRS), CSV point table, DXF',
    tag: 'surveys',
    params: [
      idParam,
      { name: 'format', in: 'query', description: 'txt | geojson | csv | dxf | gpkg (GeoPackage) | shp (zipped shapefile with .prj and .cpg)', required: true, schema: QUERY_SCHEMAS.oneOf(...EXPORT_FORMATS), invalidCode: 'EXPORT_FORMAT_UNSUPPORTED' },
      { name: 'encoding', in: 'query', description: 'gbk | utf-8 (TXT default gbk, CSV default utf-8 with BOM)', schema: QUERY_SCHEMAS.oneOf('gbk', 'utf-8'), invalidCode: 'EXPORT_ENCODING_UNSUPPORTED' },
      ...purposeParams,
    ],
    responses: {
      200: { description: 'The file, as an attachment' },
      400: { description: 'Unknown format or encoding, or a result without geometry', schema: 'error' },
      404: { description: 'No such result', schema: 'error' },
    },
    async handle(req, ctx) {
      const file = await exportSurvey(ctx.db.pool, req.params.id, String(req.query.format ?? ''), req.query.encoding as string | undefined, actorOf(ctx), purposeOf(req));
      return { file };
    },
  },
  {
    method: 'post',
    path: '/api/surveys/{id}/review',
    access: ['reviewer', 'admin'],
    scope: { idOf: 'survey' },
    operationId: 'reviewSurvey',
    summary: 'Accept or reject a submitted result; a decision is final and accepted results are immutable',
    tag: 'surveys',
    params: [idParam],
    body: { json: 'review-decision' },
    responses: {
      200: { description: 'Decided; the result as read back', schema: 'survey-result' },
      400: { description: 'Bad body (a rejection needs a note)', schema: 'error' },
      404: { description: 'No such result', schema: 'error' },
      409: { description: 'Already decided (by whom and when is in the details)', schema: 'error' },
    },
    async handle(req, ctx) {
      return { body: await reviewSurvey(ctx.db.pool, req.params.id, req.body as ReviewDecision, actorOf(ctx)) };
    },
  },
  {
    method: 'post',
    path: '/api/surveys/{id}/suspend',
    access: ['reviewer', 'admin'],
    scope: { idOf: 'survey' },
    operationId: 'suspendSurvey',
    summary: 'Suspend (挂起) a submitted result with a note: it leaves the review queue (GET /api/surveys?status=suspended lists it) and cannot be decided until resumed',
    tag: 'surveys',
    params: [idParam],
    body: { json: 'review-suspension' },
    responses: {
      200: { description: 'Suspended; the result as read back, with its suspension', schema: 'survey-result' },
      400: { description: 'No note', schema: 'error' },
      403: { description: 'The reviewer submitted it', schema: 'error' },
      404: { description: 'No such result', schema: 'error' },
      409: { description: 'Already decided (SURVEY_ALREADY_DECIDED) or already suspended (SURVEY_ALREADY_SUSPENDED)', schema: 'error' },
    },
    async handle(req, ctx) {
      return { body: await suspendSurvey(ctx.db.pool, req.params.id, req.body as SuspensionRequest, actorOf(ctx)) };
    },
  },
  {
    method: 'post',
    path: '/api/surveys/{id}/resume',
    access: ['reviewer', 'admin'],
    scope: { idOf: 'survey' },
    operationId: 'resumeSurvey',
    summary: 'Resume a suspended result: it returns to the review queue (an optional note is audited)',
    tag: 'surveys',
    params: [idParam],
    body: { json: 'review-suspension' },
    responses: {
      200: { description: 'Resumed; the result as read back', schema: 'survey-result' },
      404: { description: 'No such result', schema: 'error' },
      409: { description: 'Not suspended (SURVEY_NOT_SUSPENDED) or already decided (SURVEY_ALREADY_DECIDED)', schema: 'error' },
    },
    async handle(req, ctx) {
      return { body: await resumeSurvey(ctx.db.pool, req.params.id, req.body as SuspensionRequest, actorOf(ctx)) };
    },
  },
];
