// Logging in and out; who is logged in.
import type { Request } from 'express';
import { SESSION_COOKIE } from '../auth/access';
import { cookie } from '../auth/access';
import { logIn, logOut, SESSION_HOURS } from '../services/accounts.service';
import type { Route } from './route';
import { RateLimiter } from '../auth/rate-limit';
import { HubError } from '../errors';

const describeViewer = (v: NonNullable<Parameters<Route['handle']>[1]['viewer']>) => ({
  username: v.username, kind: v.kind, roles: v.roles, organisation: v.organisation, countyCodes: v.countyCodes, demo: v.demo, via: v.via,
});

/** HttpOnly, SameSite=Lax, Secure when the request came over TLS (directly or through a trusted proxy). */
function sessionCookie(req: Request, value: string, maxAgeSeconds: number): string {
  return [`${SESSION_COOKIE}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`, ...(req.secure ? ['Secure'] : [])].join('; ');
}

/** Password guesses: 10 failed logins a minute per address and username (a successful login is no guess); across usernames, the address's failure budget (ctx.loginBudget). */
const loginAttempts = new RateLimiter(10);

export const sessionRoutes: Route[] = [
  {
    method: 'post',
    path: '/api/session',
    access: 'public',
    scope: 'none',
    operationId: 'logIn',
    summary: 'Log a person in: sets the session cookie (HttpOnly, SameSite=Lax, Secure behind TLS)',
    tag: 'session',
    body: { json: 'login' },
    responses: { 200: { description: 'Logged in: who, with which roles' }, 401: { description: 'Wrong username or password', schema: 'error' }, 429: { description: 'Too many attempts', schema: 'error' } },
    async handle(req, ctx) {
      const { username, password } = req.body as { username: string; password: string };
      const spent = ctx.loginBudget.retryAfter(ctx.clientAddress);
      if (spent) throw new HubError(429, 'LOGIN_RATE_LIMITED', `Too many failed logins from your address: try again in ${spent} s`, { retryAfterSeconds: spent });
      const key = `${ctx.clientAddress}|${username}`;
      const wait = loginAttempts.waitFor(key);
      if (wait) throw new HubError(429, 'LOGIN_RATE_LIMITED', `Too many failed logins for ${username}: try again in ${wait} s`, { retryAfterSeconds: wait });
      const { token, viewer } = await logIn(ctx.db.pool, username, password, ctx.clientAddress).catch((err) => {
        if (err instanceof HubError && err.code === 'LOGIN_FAILED') {
          loginAttempts.take(key);
          ctx.loginBudget.record(ctx.clientAddress);
        }
        throw err;
      });
      return { body: describeViewer(viewer), headers: { 'Set-Cookie': sessionCookie(req, token, SESSION_HOURS * 3600) } };
    },
  },
  {
    method: 'get',
    path: '/api/session',
    access: 'authenticated',
    scope: 'none',
    operationId: 'getSession',
    summary: 'Who is logged in (or which token is used), with which roles',
    tag: 'session',
    responses: { 200: { description: 'The principal' }, 401: { description: 'Not logged in', schema: 'error' } },
    async handle(_req, ctx) {
      return { body: describeViewer(ctx.viewer!) };
    },
  },
  {
    method: 'delete',
    path: '/api/session',
    access: 'authenticated',
    scope: 'none',
    operationId: 'logOut',
    summary: 'Log out: ends the session and clears the cookie',
    tag: 'session',
    responses: { 200: { description: 'Logged out' }, 401: { description: 'Not logged in', schema: 'error' } },
    async handle(req, ctx) {
      const token = cookie(req, SESSION_COOKIE);
      if (token) await logOut(ctx.db.pool, token);
      return { body: { loggedOut: true }, headers: { 'Set-Cookie': sessionCookie(req, '', 0) } };
    },
  },
];
