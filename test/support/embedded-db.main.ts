// Test helper process: an embedded engine for the suite, started from a cached template data folder
// (a cold PGlite + PostGIS start takes ~20 s, a warm one ~3 s). Prints "READY <url>" when serving.
import fs from 'node:fs';
import { startEmbeddedEngine } from '../../server/db/embedded.engine';

async function main() {
  const [template, dataDir] = process.argv.slice(2);
  const log = (line: string) => console.error(`[test-db] ${line}`);
  if (!fs.existsSync(`${template}/PG_VERSION`)) {
    fs.rmSync(template, { recursive: true, force: true });
    const engine = await startEmbeddedEngine(template, 0, log);
    await engine.stop();
  }
  fs.cpSync(template, dataDir, { recursive: true });
  // The suite's hubs and tests attach to it (each test file starts its own hub).
  const engine = await startEmbeddedEngine(dataDir, 0, log, { attach: true });
  console.log(`READY ${engine.url}`);
  const stop = async () => {
    await engine.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
