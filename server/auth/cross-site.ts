// Requests a page did not mean to send (CSRF): a browser says where a request comes from in Sec-Fetch-Site (and
// Origin on every POST), headers no page can forge. The rule, for requests that do not carry a bearer token:
//   - a state-changing request (POST, PUT, PATCH, DELETE) is refused when Sec-Fetch-Site is cross-site or
//     same-site, or — from a browser that sends no Sec-Fetch-Site — when Origin is present and not the hub's own;
//   - a read that records an application and purpose (route.recordsApplication) with a session cookie is refused
//     when Sec-Fetch-Site is cross-site or same-site (a link or form on another site must not write the audit log);
//   - requests without either header (curl, scripts, the import CLI) and same-origin ones pass.
// Sec-Fetch-Site is authoritative when present: `npm run dev` proxies the web app's same-origin requests with
// another Host, and a modern browser always sends it. Bearer-token requests are never affected: a page cannot
// attach a token to a cross-site request without a CORS preflight, which the hub does not answer.
import type { Request } from 'express';
import { HubError } from '../errors';
import type { Route } from '../routes/route';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FOREIGN_SITES = new Set(['cross-site', 'same-site']);

const refuse = (why: string) =>
  new HubError(403, 'CROSS_SITE_REQUEST', `Refused: ${why}. Use the hub's own pages, or call the API with a bearer token (Authorization: Bearer …)`);

/** The hub's own origin as the browser sees it (behind a trusted proxy, the forwarded protocol and host). */
const ownOrigin = (req: Request) => `${req.protocol}://${req.get('host') ?? ''}`.toLowerCase();

/** Throws 403 CROSS_SITE_REQUEST when the request came from another site's page (see the rule above). */
export function refuseCrossSite(req: Request, route: Pick<Route, 'recordsApplication'>, hasSessionCookie: boolean): void {
  if (req.headers.authorization !== undefined) return;
  const site = req.get('sec-fetch-site')?.toLowerCase();
  if (STATE_CHANGING.has(req.method)) {
    if (site !== undefined) {
      if (FOREIGN_SITES.has(site)) throw refuse(`a ${site} page may not change anything here`);
      return;
    }
    const origin = req.get('origin');
    if (origin !== undefined && origin.toLowerCase() !== ownOrigin(req)) throw refuse(`a page of ${origin} may not change anything here`);
    return;
  }
  if (route.recordsApplication && hasSessionCookie && site !== undefined && FOREIGN_SITES.has(site)) {
    throw refuse(`a ${site} link may not make an export or download recorded under an application`);
  }
}
