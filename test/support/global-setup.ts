// Starts the database the suite runs against, once, outside the test VM, and migrates it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { migrate } from '../../server/db/migrate';
import { ROOT, TEMPLATE_DIR } from './paths';

declare global {
  // eslint-disable-next-line no-var
  var __embeddedDb: { child: ChildProcess; dataDir: string } | undefined;
}

function startEmbedded(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'embedded-db.main.ts'), TEMPLATE_DIR, dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('READY ')) resolve({ child, url: line.slice(6) });
    });
    child.on('exit', (code) => reject(new Error(`the embedded test database exited with ${code} before it was ready`)));
  });
}

export default async function globalSetup(): Promise<void> {
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onesurvey-test-'));
    const started = await startEmbedded(dataDir);
    globalThis.__embeddedDb = { child: started.child, dataDir };
    url = started.url;
  }
  process.env.HUB_TEST_DB = url;
  // Map cells for test plots, claimed one by one across test files (test/support/fixtures.ts).
  process.env.HUB_TEST_CELLS = fs.mkdtempSync(path.join(os.tmpdir(), 'onesurvey-cells-'));
  process.env.HUB_TEST_TEMPLATE = TEMPLATE_DIR;
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS postgis');
    await migrate(pool, () => undefined);
  } finally {
    await pool.end();
  }
}
