// One code path for both engines: every query goes through a `pg` pool, to the server or to the embedded socket.
import pg from 'pg';
import type { Config } from '../config';
import { redactUrl } from '../config';
import { startEmbeddedEngine } from './embedded.engine';
import { markOwnConnection } from './idle-transaction.guard';
import { HubError } from '../errors';
import { sql } from './sql-files';

export type EngineName = 'pglite' | 'postgresql';

export interface Database {
  pool: pg.Pool;
  engine: EngineName;
  /** Connection string for psql/QGIS (password redacted); null for an embedded engine not open to attaching. */
  url: string | null;
  /** The role requests are served as (APP_ROLE once serveAsAppRole succeeded; else the configured one). */
  role: string | null;
  /**
   * On a server: from now on serve as APP_ROLE (a new pool whose connections start with `SET ROLE`), the
   * migrations having run as the configured role. Returns why not, when it cannot (the role is missing).
   */
  serveAsAppRole(): Promise<string | null>;
  close(): Promise<void>;
}

/** The role the hub serves requests as on a server (created by migration 0005): no TRUNCATE, DDL or ownership. */
export const APP_ROLE = 'onesurvey_app';

// numeric and bigint come back as strings by default; areas and counts are read as numbers.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// A date is a calendar day in the survey; keep it as 'YYYY-MM-DD', never shifted by a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** Opens the configured database: DATABASE_URL, or the embedded engine in DATA_DIR. */
export async function openDatabase(config: Config, log: (line: string) => void): Promise<Database> {
  if (config.databaseUrl) {
    const url = config.databaseUrl;
    const engine = await identifyEngine(url);
    const db: Database = {
      pool: createPool(url, engine, log),
      engine,
      url: redactUrl(url),
      role: null,
      async serveAsAppRole() {
        if (engine !== 'postgresql') return 'the embedded engine is one session: roles do not separate anything there';
        const owner = db.pool;
        if (config.appDatabaseUrl) {
          // A login of its own: nothing a session of it runs can become the owner again.
          db.pool = createPool(config.appDatabaseUrl, engine, log);
          db.role = (await db.pool.query('SELECT current_user AS u')).rows[0].u;
        } else {
          const { rows } = await db.pool.query(sql('app-role-usable'), [APP_ROLE]);
          if (!rows[0].usable) return `the role ${APP_ROLE} does not exist or is not granted to ${rows[0].owner}`;
          if (rows[0].citus_needs_login) return `on Citus the coordinator reaches the workers as ${APP_ROLE}, which cannot log in (ALTER ROLE ${APP_ROLE} LOGIN, allowed from the coordinator in the workers' pg_hba.conf)`;
          db.pool = createPool(url, engine, log, APP_ROLE);
          db.role = APP_ROLE;
        }
        await owner.end();
        return null;
      },
      close: () => db.pool.end(),
    };
    return db;
  }
  const embedded = await startEmbeddedEngine(config.dataDir, config.embeddedPgPort, log, { attach: config.embeddedAttach });
  const pool = createPool(embedded.url, 'pglite', log);
  // The hub's own connection is exempt from the guard against idle attached clients (idle-transaction.guard.ts).
  const localPort = (client: pg.PoolClient) => (client as unknown as { connection?: { stream?: { localPort?: number } } }).connection?.stream?.localPort;
  pool.on('connect', (client) => markOwnConnection(localPort(client), true));
  pool.on('remove', (client) => markOwnConnection(localPort(client), false));
  return {
    pool,
    engine: 'pglite',
    url: embedded.attachable ? embedded.url : null,
    role: null,
    serveAsAppRole: async () => 'the embedded engine is one session: roles do not separate anything there',
    async close() {
      await pool.end();
      await embedded.stop();
    },
  };
}

/**
 * Session settings of every hub connection to a server (docs/postgresql.conf.city says why): no JIT — the hub's
 * queries are short and JIT compiled the neighbour query for 3.4 s of 6.9 s — and no parallel workers by default (a
 * one-worker Gather Merge made a 500 m map box 4× slower than serial); the bulk paths raise it per transaction where
 * a set-based check scans a whole staging table. PGlite has neither JIT nor parallel workers: it gets none.
 */
export const SERVER_SESSION_SETTINGS = ['-c jit=off', '-c max_parallel_workers_per_gather=0'];

/** Connections per hub to a server: 2 × cores + a few for the audit and bulk paths (see docs/postgresql.conf.city). */
export const SERVER_POOL_SIZE = 10;

function createPool(url: string, engine: EngineName, log: (line: string) => void, role?: string): pg.Pool {
  // PGlite is one session behind its socket: the extended-protocol messages of several connections
  // would interleave, so the hub holds exactly one connection to it and transactions queue behind it.
  // `-c role=…` makes every connection start as `role` (SET ROLE at connect time).
  const options = engine === 'postgresql' ? [...SERVER_SESSION_SETTINGS, ...(role ? [`-c role=${role}`] : [])] : [];
  const pool = new pg.Pool({ connectionString: url, max: engine === 'pglite' ? 1 : SERVER_POOL_SIZE, ...(options.length ? { options: options.join(' ') } : {}) });
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
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // A connection whose rollback failed is in an unknown state: it is closed, never handed to the next request.
    broken = await client.query('ROLLBACK').then(() => false, () => true);
    throw err;
  } finally {
    client.release(broken ? new Error('connection closed after a failed rollback') : undefined);
  }
}

/**
 * Runs lookups together on a pool (each on its own connection) and one after the other on a transaction's client:
 * a client runs one statement at a time, and queuing several on it is deprecated in pg.
 */
export async function lookups<T extends unknown[]>(db: Pick<pg.Pool, 'query'> | pg.PoolClient, ...work: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (!('release' in db)) return Promise.all(work.map((w) => w())) as Promise<T>;
  const out: unknown[] = [];
  for (const w of work) out.push(await w());
  return out as T;
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
