// The one place access is decided: who the request comes from (session cookie or bearer token), and whether the
// route's rule lets them in (401 without a principal, 403 without a role the route names).
import type { Request } from 'express';
import { parse as parseCookie } from 'cookie';
import type pg from 'pg';
import { HubError } from '../errors';
import type { Access } from '../routes/route';
import { viewerOfSession, viewerOfToken } from '../services/accounts.service';
import type { Viewer } from './viewer';

export const SESSION_COOKIE = 'hub_session';

/** The value of a cookie of the request, if sent (a malformed Cookie header or escape is read as is, never thrown). */
export function cookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parseCookie(header)[name];
}

/** The principal of a request, or null for an anonymous one. A bearer token that is not live is refused (401). */
export async function resolveViewer(pool: pg.Pool, req: Request): Promise<Viewer | null> {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const viewer = match ? await viewerOfToken(pool, match[1]) : undefined;
    if (!viewer) throw new HubError(401, 'TOKEN_INVALID', 'The bearer token is not valid (unknown, revoked, or malformed); ask an administrator for a token');
    return viewer;
  }
  const token = cookie(req, SESSION_COOKIE);
  return (token && (await viewerOfSession(pool, token))) || null;
}

/** Throws 401/403 unless the route's rule admits the viewer. */
export function authorize(access: Access, viewer: Viewer | null, hadSession: boolean): void {
  if (access === 'public') return;
  if (!viewer) {
    throw new HubError(401, 'AUTH_REQUIRED', hadSession ? 'Your session has ended: log in again (POST /api/session)' : 'Log in first (POST /api/session), or send Authorization: Bearer <token>');
  }
  if (access === 'authenticated') return;
  if (!viewer.roles.some((r) => access.includes(r))) {
    throw new HubError(403, 'ROLE_FORBIDDEN', `This needs the role ${access.join(' or ')}; ${viewer.username} has ${viewer.roles.join(', ')}`);
  }
}

/** The client's address (behind a trusted proxy, the forwarded one). */
export const clientAddress = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';
