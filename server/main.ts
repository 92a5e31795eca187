// `npm start`: reads the environment, starts the hub, prints where it is; a wrong setting stops it with one line.
import { ConfigError, loadConfig } from './config';
import { MigrationError } from './db/migrate';
import { HubError } from './errors';
import { startHub } from './hub';

const log = (line: string) => console.log(`[hub] ${line}`);

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`[hub] invalid configuration: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  try {
    const hub = await startHub(config, log);
    log(hub.db.url ? `database: ${hub.db.engine} — psql "${hub.db.url}"` : `database: ${hub.db.engine} in ${config.dataDir}, for the hub alone (PGLITE_ATTACH=1 lets psql/QGIS attach: see README)`);
    log(`OneSurvey Hub is running at ${hub.url}  (API: ${hub.url}/api/openapi.json)`);
    let stopping = false;
    const stop = async (signal: NodeJS.Signals) => {
      // A second signal while draining: stop now.
      if (stopping) process.exit(1);
      stopping = true;
      log(`${signal}: finishing the requests in flight (up to ${config.shutdownGraceSeconds} s), then stopping…`);
      try {
        await hub.stop();
        log('stopped');
        process.exit(0);
      } catch (err) {
        console.error(`[hub] could not stop cleanly: ${(err as Error).message}`);
        process.exit(1);
      }
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    const reason = err instanceof HubError || err instanceof MigrationError ? err.message : (err as Error).message;
    console.error(`[hub] cannot start: ${reason}`);
    process.exit(1);
  }
}

void main();
