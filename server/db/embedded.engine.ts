// The embedded engine: PGlite + PostGIS persisted in a data folder, served over the PostgreSQL wire protocol.
import fs from 'node:fs';
import path from 'node:path';
import { lockDataDir } from './data-dir.lock';
import { guardIdleTransactions } from './idle-transaction.guard';

export interface EmbeddedEngine {
  /** postgres:// URL of the wire-protocol socket (TCP when attachable, else the private Unix socket). */
  url: string;
  /** Whether other clients (psql, QGIS) can attach on 127.0.0.1. */
  attachable: boolean;
  stop(): Promise<void>;
}

/** The private socket's folder in the data directory (mode 0700: only the hub's OS user can connect). */
export const privateSocketDir = (dataDir: string) => path.join(dataDir, '.hub-socket');

/**
 * Starts PGlite with PostGIS in `dataDir`. PGlite is ONE session shared by every client of its socket, so a client
 * that attaches acts as the owner inside the hub's own session (it could TRUNCATE, switch triggers off, or leave a
 * transaction open under the hub). Attaching is therefore an explicit opt-in (`attach`, PGLITE_ATTACH=1): the engine
 * then listens on 127.0.0.1:`port` (0 → a free port; a busy preferred port falls back to a free one). Without it,
 * it listens on a Unix socket in a 0700 folder of the data directory, for the hub alone. The PGlite packages are
 * ESM-first, so they are imported dynamically; under jest this must run outside the test VM (test/support/global-setup.ts).
 */
/** How long an attached client may idle in an open transaction while others wait, by default (ms). */
export const IDLE_TRANSACTION_TIMEOUT_MS = 10_000;

export async function startEmbeddedEngine(
  dataDir: string, port: number, log: (line: string) => void, options: { attach?: boolean; idleTransactionTimeoutMs?: number } = {},
): Promise<EmbeddedEngine> {
  fs.mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  try {
    return await openEngine(dataDir, port, log, options, unlock);
  } catch (err) {
    unlock();
    throw err;
  }
}

async function openEngine(
  dataDir: string, port: number, log: (line: string) => void, options: { attach?: boolean; idleTransactionTimeoutMs?: number }, unlock: () => void,
): Promise<EmbeddedEngine> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const fresh = !fs.existsSync(`${dataDir}/PG_VERSION`);
  if (fresh) log(`creating the embedded database in ${dataDir} (first start takes ~20 s)…`);
  const db = await PGlite.create({ dataDir, extensions: { postgis, ...(await optionalTrigram(log)) } });
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');

  if (!options.attach) {
    const dir = privateSocketDir(dataDir);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
    const socketPath = path.join(dir, '.s.PGSQL.5432');
    fs.rmSync(socketPath, { force: true }); // left by a hub that was killed
    const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 8 });
    await server.start();
    return {
      url: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&port=5432&sslmode=disable`,
      attachable: false,
      async stop() {
        await server.stop();
        await db.close();
        fs.rmSync(socketPath, { force: true });
        unlock();
      },
    };
  }

  // The socket queues statements per message; the hub itself holds one connection (see database.ts),
  // further connections are for psql/QGIS.
  const listen = async (p: number) => {
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: p, maxConnections: 8 });
    await server.start();
    return server;
  };
  let server;
  try {
    server = await listen(port);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw err;
    log(`port ${port} is in use; the embedded database listens on a free port instead`);
    server = await listen(0);
  }
  const [, actualPort] = server.getServerConn().split(':');
  const stopGuard = guardIdleTransactions(db, server, options.idleTransactionTimeoutMs ?? IDLE_TRANSACTION_TIMEOUT_MS, log);
  return {
    url: `postgres://postgres@127.0.0.1:${actualPort}/postgres?sslmode=disable`,
    attachable: true,
    async stop() {
      stopGuard();
      await server.stop();
      await db.close();
      unlock();
    },
  };
}

/** pg_trgm for 坐落 search, when this PGlite ships it as a contrib bundle; without it the hub searches by scan. */
async function optionalTrigram(log: (line: string) => void): Promise<Record<string, unknown>> {
  try {
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    return { pg_trgm };
  } catch (err) {
    log(`pg_trgm is not available in the embedded engine (${(err as Error).message}): 坐落 search scans the parcels`);
    return {};
  }
}
