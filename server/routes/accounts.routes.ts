// Administration: accounts, API tokens for departments, the audit log.
import { createAccount, issueToken, listAccounts, revokeToken, type NewAccount } from '../services/accounts.service';
import { auditEvents } from '../services/audit.service';
import { requireParcelCode } from '../services/parcels.service';
import { badRequest } from '../errors';
import type { Role } from '../auth/viewer';
import { actorOf, type Route } from './route';
import { QUERY_SCHEMAS } from '../http/query-params';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const requireId = (id: string, what: string) => {
  if (!UUID.test(id)) throw badRequest('ID_INVALID', `'${id}' is not a ${what} id (a UUID)`);
  return id;
};

export const accountRoutes: Route[] = [
  {
    method: 'get',
    path: '/api/accounts',
    access: ['admin'],
    scope: 'none',
    operationId: 'listAccounts',
    summary: 'Every account with its roles (no secrets)',
    tag: 'admin',
    responses: { 200: { description: 'The accounts' } },
    async handle(_req, ctx) {
      return { body: { items: await listAccounts(ctx.db.pool) } };
    },
  },
  {
    method: 'post',
    path: '/api/accounts',
    access: ['admin'],
    scope: 'none',
    operationId: 'createAccount',
    summary: 'Create a person (password login) or a department account (API tokens)',
    tag: 'admin',
    body: { json: 'account-create' },
    responses: { 201: { description: 'Created' }, 400: { description: 'Invalid', schema: 'error' }, 409: { description: 'Username taken', schema: 'error' } },
    async handle(req, ctx) {
      return { status: 201, body: await createAccount(ctx.db.pool, req.body as NewAccount, actorOf(ctx)) };
    },
  },
  {
    method: 'post',
    path: '/api/accounts/{id}/tokens',
    access: ['admin'],
    scope: 'none',
    operationId: 'issueToken',
    summary: 'Issue a bearer token for an account, scoped by roles (within the account\'s) and county codes; shown once',
    tag: 'admin',
    params: [{ name: 'id', in: 'path', description: 'Account id', required: true }],
    body: { json: 'token-create' },
    responses: { 201: { description: 'The token (shown once; stored hashed)' }, 400: { description: 'Invalid', schema: 'error' }, 404: { description: 'No such account', schema: 'error' } },
    async handle(req, ctx) {
      const { name, roles, countyCodes } = req.body as { name: string; roles: Role[]; countyCodes?: string[] };
      return { status: 201, body: await issueToken(ctx.db.pool, requireId(req.params.id, 'account'), name, roles, countyCodes ?? null, actorOf(ctx)) };
    },
  },
  {
    method: 'delete',
    path: '/api/tokens/{id}',
    access: ['admin'],
    scope: 'none',
    operationId: 'revokeToken',
    summary: 'Revoke an API token',
    tag: 'admin',
    params: [{ name: 'id', in: 'path', description: 'Token id', required: true }],
    responses: { 200: { description: 'Revoked' }, 404: { description: 'No live token with that id', schema: 'error' } },
    async handle(req, ctx) {
      await revokeToken(ctx.db.pool, requireId(req.params.id, 'token'), actorOf(ctx));
      return { body: { revoked: true } };
    },
  },
  {
    method: 'get',
    path: '/api/audit',
    access: ['admin'],
    scope: { parcelIn: 'query' },
    operationId: 'listAuditEvents',
    summary: 'The audit log, newest first: who did or read what, when, for which application and purpose, from where',
    tag: 'admin',
    params: [{ name: 'parcelCode', in: 'query', description: '宗地代码 to filter by' }, { name: 'limit', in: 'query', description: 'At most (default 200, max 5000)', schema: QUERY_SCHEMAS.count(5000) }],
    responses: { 200: { description: 'The events' }, 400: { description: 'Bad filter', schema: 'error' } },
    async handle(req, ctx) {
      const parcelCode = typeof req.query.parcelCode === 'string' ? requireParcelCode(req.query.parcelCode).code : null;
      const limit = Math.min(Number(req.query.limit ?? 200) || 200, 5000);
      return { body: { items: await auditEvents(ctx.db.pool, parcelCode, limit) } };
    },
  },
];
