// Starts the real hub once for the browser tests: a fresh embedded data folder (from the suite's template when
// it exists), the 焦作 demo data and demo accounts; its URL goes to the test files through HUB_E2E_URL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHub, type RunningHub } from '../../../server/hub';
import { loadConfig } from '../../../server/config';

declare global {
  // eslint-disable-next-line no-var
  var __e2eHub: { hub: RunningHub; dataDir: string } | undefined;
}

const TEMPLATE = path.resolve(__dirname, '../../../.tmp/pglite-template-0.5.8');

export default async function globalSetup(): Promise<void> {
  if (!fs.existsSync(path.resolve(__dirname, '../../../web/dist/index.html'))) throw new Error('web/dist is missing: run `npm run build` first (npm run test:e2e does)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onesurvey-e2e-'));
  if (fs.existsSync(path.join(TEMPLATE, 'PG_VERSION'))) fs.cpSync(TEMPLATE, dataDir, { recursive: true });
  const log = (line: string) => {
    if (process.env.E2E_VERBOSE) console.log(`[hub] ${line}`);
  };
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', PGLITE_PORT: '0', DEMO: '1', DEMO_PASSWORD: 'demo', ADMIN_PASSWORD: 'e2e-admin-password', RATE_LIMIT: '0' });
  const hub = await startHub(config, log);
  globalThis.__e2eHub = { hub, dataDir };
  process.env.HUB_E2E_URL = hub.url;
}
