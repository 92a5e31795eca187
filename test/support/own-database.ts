// A database of a test file's own, for data that would crowd the suite's shared one (a generated city, a 200 k-plot
// import): on a server a fresh database beside TEST_DATABASE_URL's, dropped afterwards; on the embedded engine a
// second engine process from the suite's template folder, stopped afterwards.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { ROOT, TEMPLATE_DIR } from './paths';

export interface OwnDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function ownDatabase(name: string): Promise<OwnDatabase> {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const database = `${name}_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${database}`;
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    await db.query('CREATE EXTENSION IF NOT EXISTS postgis');
    await db.end();
    return {
      url: url.toString(),
      async drop() {
        const again = new pg.Client({ connectionString: server });
        await again.connect();
        await again.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await again.end();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `onesurvey-${name}-`));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'embedded-db.main.ts'), TEMPLATE_DIR, dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('READY ') && resolve(line.slice(6)));
    child.on('exit', (code) => reject(new Error(`the embedded database for ${name} exited with ${code} before it was ready`)));
  });
  return {
    url,
    async drop() {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
