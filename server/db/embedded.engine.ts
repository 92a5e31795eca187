// The embedded engine: PGlite + PostGIS persisted in a data folder, served over the PostgreSQL wire protocol.
import fs from 'node:fs';

export interface EmbeddedEngine {
  /** postgres:// URL of the wire-protocol socket; psql and QGIS can attach to it. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite with PostGIS in `dataDir` and serves it on 127.0.0.1:`port` (0 → a free port; a busy
 * preferred port falls back to a free one). The PGlite packages are ESM-first, so they are imported
 * dynamically; under jest this must run outside the test VM (see test/support/global-setup.ts).
 */
export async function startEmbeddedEngine(dataDir: string, port: number, log: (line: string) => void): Promise<EmbeddedEngine> {
  fs.mkdirSync(dataDir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const fresh = !fs.existsSync(`${dataDir}/PG_VERSION`);
  if (fresh) log(`creating the embedded database in ${dataDir} (first start takes ~20 s)…`);
  const db = await PGlite.create({ dataDir, extensions: { postgis } });
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');

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
  return {
    url: `postgres://postgres@127.0.0.1:${actualPort}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
