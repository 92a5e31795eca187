// One code path for both engines: every query goes through a `pg` pool, to the server or to the embedded socket.
import pg from 'pg';
import type { Config } from '../config';
import { redactUrl } from '../config';
import { startEmbeddedEngine } from './embedded.engine';
import { HubError } from '../errors';

export type EngineName = 'pglite' | 'postgresql';

export interface Database {
  pool: pg.Pool;
  engine: EngineName;
  /** Connection string for psql/QGIS (password redacted). */
  url: string;
  close(): Promise<void>;
}

// numeric and bigint come back as strings by default; areas and counts are read as numbers.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// A date is a calendar day in the survey; keep it as 'YYYY-MM-DD', never shifted by a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** Opens the configured database: DATABASE_URL, or the embedded engine in DATA_DIR. */
export async function openDatabase(config: Config, log: (line: string) => void): Promise<Database> {
  if (config.databaseUrl) {
    const engine = await identifyEngine(config.databaseUrl);
    const pool = createPool(config.databaseUrl, engine, log);
    return { pool, engine, url: redactUrl(config.databaseUrl), close: () => pool.end() };
  }
  const embedded = await startEmbeddedEngine(config.dataDir, config.embeddedPgPort, log);
  const pool = createPool(embedded.url, 'pglite', log);
  return {
    pool,
    engine: 'pglite',
    url: embedded.url,
    async close() {
      await pool.end();
      await embedded.stop();
    },
  };
}

function createPool(url: string, engine: EngineName, log: (line: string) => void): pg.Pool {
  // PGlite is one session behind its socket: the extended-protocol messages of several connections
  // would interleave, so the hub holds exactly one connection to it and transactions queue behind it.
  const pool = new pg.Pool({ connectionString: url, max: engine === 'pglite' ? 1 : 10 });
  pool.on('error', (err) => log(`database connection error: ${err.message}`));
  return pool;
}

/** Which engine is behind a URL: the embedded one (served by another hub or a test) reports PGlite. */
async function identifyEngine(url: string): Promise<EngineName> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    throw new HubError(503, 'DATABASE_UNREACHABLE', `cannot connect to DATABASE_URL ${redactUrl(url)}: ${(err as Error).message}`);
  }
  try {
    const { rows } = await client.query<{ version: string }>('SELECT version()');
    return /PGlite/i.test(rows[0].version) ? 'pglite' : 'postgresql';
  } finally {
    await client.end();
  }
}

/** Runs `work` in one transaction on one client; rolls back on any error. */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Fails the start, with a clear reason, where PostGIS is missing or cannot be created. */
export async function requirePostgis(pool: pg.Pool): Promise<string> {
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS postgis');
    const { rows } = await pool.query<{ v: string }>('SELECT postgis_lib_version() AS v');
    return rows[0].v;
  } catch (err) {
    throw new HubError(
      503,
      'POSTGIS_UNAVAILABLE',
      `PostGIS is not available in this database (${(err as Error).message}). Install PostGIS (e.g. apt-get install postgresql-15-postgis-3) or run without DATABASE_URL to use the embedded engine.`,
    );
  }
}
