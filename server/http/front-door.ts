// The one front door of /api and /ogc: who asks (a bad bearer token spends the address's failure budget), within the
// rate limit, not from a foreign page where that matters, with the access the route states.
import type { Request, Response } from 'express';
import { HubError } from '../errors';
import { authorize, clientAddress, cookie, resolveViewer, SESSION_COOKIE } from '../auth/access';
import { refuseCrossSite } from '../auth/cross-site';
import type { RateLimiter } from '../auth/rate-limit';
import type { FailureBudget } from '../auth/login-budget';
import type { Viewer } from '../auth/viewer';
import type { HubContext, Route } from '../routes/route';

/** What the front door keeps between requests: the database, the failure budget per address, the rate limiter. */
export interface Gate { db: HubContext['db']; budget: FailureBudget; limiter: RateLimiter }

const rateLimited = (code: string, message: string, seconds: number) => new HubError(429, code, message, { retryAfterSeconds: seconds });

/** The principal, counting a bad bearer token against the address's failure budget (and refusing a spent one). */
async function principal(req: Request, gate: Gate, address: string): Promise<Viewer | null> {
  if (req.headers.authorization !== undefined) {
    const spent = gate.budget.retryAfter(address);
    if (spent) throw rateLimited('TOKEN_RATE_LIMITED', `Too many bad tokens or logins from your address: try again in ${spent} s`, spent);
  }
  try {
    return await resolveViewer(gate.db.pool, req);
  } catch (err) {
    if (err instanceof HubError && err.code === 'TOKEN_INVALID') {
      gate.budget.record(address);
      const wait = gate.limiter.take(`address:${address}`);
      if (wait) throw rateLimited('RATE_LIMITED', `Too many requests: try again in ${wait} s`, wait);
    }
    throw err;
  }
}

/** Admits a request to a route (access and the cross-site rule from it) or throws the refusal. */
export async function admit(req: Request, gate: Gate, route: Pick<Route, 'access' | 'recordsApplication'>): Promise<{ viewer: Viewer | null; address: string }> {
  const address = clientAddress(req);
  const viewer = await principal(req, gate, address);
  const wait = gate.limiter.take(viewer ? `account:${viewer.accountId}` : `address:${address}`);
  if (wait) throw rateLimited('RATE_LIMITED', `Too many requests: try again in ${wait} s`, wait);
  const hasSession = cookie(req, SESSION_COOKIE) !== undefined;
  refuseCrossSite(req, route, hasSession);
  authorize(route.access, viewer, hasSession);
  return { viewer, address };
}

/** A 429 says when to come back. */
export function retryAfter(res: Response, err: unknown): void {
  if (err instanceof HubError && err.status === 429) res.set('Retry-After', String((err.details as { retryAfterSeconds?: number })?.retryAfterSeconds ?? 60));
}
