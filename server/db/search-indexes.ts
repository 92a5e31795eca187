// The 坐落 trigram index: added where the engine has pg_trgm (PostgreSQL contrib; PGlite when its contrib bundle
// loaded), detected at start rather than assumed. Without it, 坐落 search still works, as a scan.
import type pg from 'pg';

/** What start found: whether 坐落 search has its trigram index, or why not. */
export interface TrigramSearch {
  indexed: boolean;
  reason?: string;
}

/**
 * Creates pg_trgm and parcel_location_trgm_idx when the extension is available (idempotent; run as the owner, before
 * serving as the app role). A first start on a large database builds the index once.
 */
export async function ensureTrigramSearch(pool: pg.Pool): Promise<TrigramSearch> {
  const { rows } = await pool.query<{ available: boolean }>("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') AS available");
  if (!rows[0].available) return { indexed: false, reason: 'pg_trgm is not available in this engine: 坐落 search scans the parcels' };
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await pool.query('CREATE INDEX IF NOT EXISTS parcel_location_trgm_idx ON parcel USING gin (location gin_trgm_ops)');
    return { indexed: true };
  } catch (err) {
    return { indexed: false, reason: `pg_trgm could not be set up (${(err as Error).message}): 坐落 search scans the parcels` };
  }
}
