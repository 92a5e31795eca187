// Survey results: submit, read, review.
import type { Route } from './route';
import { getSurvey, reviewSurvey, sha256, submitSurvey, type ReviewDecision } from '../services/surveys.service';
import type { SurveySubmission } from '../domain/survey-submission';
import { notFound } from '../errors';

const idParam = { name: 'id', in: 'path' as const, description: 'Survey result id (UUID)', required: true };

export const surveyRoutes: Route[] = [
  {
    method: 'post',
    path: '/api/surveys',
    operationId: 'submitSurvey',
    summary: 'Submit a survey result for a stage, with its provenance; the parcel is created from its code if needed',
    tag: 'surveys',
    body: 'survey-submission',
    responses: {
      201: { description: 'Stored, status submitted, with the computed plane area', schema: 'survey-result' },
      400: { description: 'A field, code, CRS, kind, geometry or unit area is wrong (named in the message)', schema: 'error' },
      409: { description: 'The result it supersedes was already superseded', schema: 'error' },
    },
    async handle(req, ctx) {
      const body = req.body as SurveySubmission;
      return { status: 201, body: await submitSurvey(ctx.db.pool, body, sha256(req.rawBody ?? JSON.stringify(body))) };
    },
  },
  {
    method: 'get',
    path: '/api/surveys/{id}',
    operationId: 'getSurvey',
    summary: 'A survey result with its geometry (as submitted and in EPSG:4490), 界址点 and unit areas',
    tag: 'surveys',
    params: [idParam],
    responses: {
      200: { description: 'The result', schema: 'survey-result' },
      400: { description: 'Not a UUID', schema: 'error' },
      404: { description: 'No such result', schema: 'error' },
    },
    async handle(req, ctx) {
      const survey = await getSurvey(ctx.db.pool, req.params.id);
      if (!survey) throw notFound('SURVEY_NOT_FOUND', `There is no survey result ${req.params.id}`);
      return { body: survey };
    },
  },
  {
    method: 'post',
    path: '/api/surveys/{id}/review',
    operationId: 'reviewSurvey',
    summary: 'Accept or reject a submitted result; a decision is final and accepted results are immutable',
    tag: 'surveys',
    params: [idParam],
    body: 'review-decision',
    responses: {
      200: { description: 'Decided; the result as read back', schema: 'survey-result' },
      400: { description: 'Bad body (a rejection needs a note)', schema: 'error' },
      404: { description: 'No such result', schema: 'error' },
      409: { description: 'Already decided (by whom and when is in the details)', schema: 'error' },
    },
    async handle(req, ctx) {
      return { body: await reviewSurvey(ctx.db.pool, req.params.id, req.body as ReviewDecision) };
    },
  },
];
