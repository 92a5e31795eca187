// Starting and stopping the hub: database (embedded or server), PostGIS check, migrations, demo data, HTTP.
import type http from 'node:http';
import type { Config } from './config';
import { openDatabase, requirePostgis, type Database } from './db/database';
import { migrate } from './db/migrate';
import { ensureTrigramSearch } from './db/search-indexes';
import { detectCapabilities } from './services/health.service';
import { isEmpty, loadDemoIntoEmpty } from './demo/load-demo';
import { createApp } from './app';
import { ensureAdmin } from './services/accounts.service';
import { startParsing, stopParsing } from './workers/parsing';
import type { ParsePool } from './workers/parse-pool';

export interface RunningHub {
  url: string;
  db: Database;
  /** Stops accepting, lets requests in flight finish (up to config.shutdownGraceSeconds), closes the parse pool and the database. */
  stop(): Promise<void>;
}

/** Starts everything the config asks for; throws with a readable reason where it cannot. */
export async function startHub(config: Config, log: (line: string) => void): Promise<RunningHub> {
  const db = await openDatabase(config, log);
  let parsing: ParsePool | undefined;
  try {
    await requirePostgis(db.pool);
    const applied = await migrate(db.pool, log);
    if (applied) log(`applied ${applied} migration(s)`);
    const trigram = await ensureTrigramSearch(db.pool);
    if (!trigram.indexed) log(trigram.reason!);
    if (db.engine === 'postgresql') {
      const refused = await db.serveAsAppRole();
      log(refused ? `serving requests as the configured role: ${refused} (see README, "Database roles")` : `serving requests as the role ${db.role} (no TRUNCATE, DDL or ownership)`);
    }
    const capabilities = await detectCapabilities(db.pool, db.engine);
    const oneTimePassword = await ensureAdmin(db.pool, config.adminPassword);
    if (oneTimePassword) log(`created the account 'admin' with the one-time password ${oneTimePassword} — it is shown only now (set ADMIN_PASSWORD to choose it)`);
    const loaded = config.demo && (await isEmpty(db.pool)) ? await loadDemoIntoEmpty(db.pool, config.demoPassword, log, config) : null;
    if (loaded) {
      log(`demo data: ${loaded.parcels} parcels, ${loaded.results} survey results; demo accounts ${loaded.accounts.join(', ')} (password: DEMO_PASSWORD, default 'demo') — for trying the hub, not for real work`);
    }
    parsing = startParsing({ size: config.parseWorkers, queueLimit: config.parseQueue, memoryMb: config.parseWorkerMemoryMb, timeoutMs: config.parseTimeoutSeconds * 1000 });
    const app = createApp({ db, capabilities, config });
    const server: http.Server = await new Promise((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s)).on('error', reject);
    });
    const address = server.address() as { port: number };
    const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
    return {
      url: `http://${host}:${address.port}`,
      db,
      async stop() {
        await drain(server, config.shutdownGraceSeconds * 1000);
        await stopParsing(parsing);
        await db.close();
      },
    };
  } catch (err) {
    if (parsing) await stopParsing(parsing).catch(() => undefined);
    await db.close().catch(() => undefined);
    throw err;
  }
}

/**
 * Closes the listening socket, then waits for the requests in flight: keep-alive connections are closed as soon as
 * they are idle, and whatever is still open after `graceMs` is cut.
 */
async function drain(server: http.Server, graceMs: number): Promise<void> {
  const closed = new Promise((resolve) => server.close(resolve));
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearInterval(idle);
    clearTimeout(cut);
  }
}
