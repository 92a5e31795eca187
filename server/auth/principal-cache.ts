// Who a session or API token stands for, remembered for a few seconds so that a request costs no lookup round trip.
// A logout or a token revocation in this process forgets the entry at once; other processes of the same database
// (several hubs behind a balancer) forget it within PRINCIPAL_CACHE_MS at the latest.
import type { Viewer } from './viewer';

/** How long a resolved principal is trusted without asking the database again, ms. */
export const PRINCIPAL_CACHE_MS = 30_000;
/** Entries kept at most; the oldest go first. */
const MAX_ENTRIES = 10_000;

interface Entry {
  viewer: Viewer;
  /** API token id (null for a session), so that a revocation by id finds its entry. */
  tokenId: string | null;
  /** Epoch ms after which the entry is not used: the cache period, or the session's own end if sooner. */
  until: number;
}

/** Keyed by the secret's hash (the same key the database holds), never by the secret itself. */
const entries = new Map<string, Entry>();

/** The principal remembered for a secret's hash, if still fresh. */
export function cachedPrincipal(hash: string, now = Date.now()): Viewer | undefined {
  const entry = entries.get(hash);
  if (!entry) return undefined;
  if (entry.until > now) return entry.viewer;
  entries.delete(hash);
  return undefined;
}

/** Remembers a resolved principal; `expiresAt` (epoch ms) is the session's end, when it has one. */
export function rememberPrincipal(hash: string, viewer: Viewer, tokenId: string | null, expiresAt?: number, now = Date.now()): void {
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(hash, { viewer, tokenId, until: Math.min(now + PRINCIPAL_CACHE_MS, expiresAt ?? Infinity) });
}

/** Forgets a session (logout) by its secret's hash. */
export function forgetSecret(hash: string): void {
  entries.delete(hash);
}

/** Forgets an API token (revocation) by its id. */
export function forgetToken(tokenId: string): void {
  for (const [hash, entry] of entries) if (entry.tokenId === tokenId) entries.delete(hash);
}
