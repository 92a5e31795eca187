// Migrations: applied in order with a checksum; an edited or missing applied migration stops the start.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { MIGRATIONS_DIR, MigrationError, migrate, readMigrations } from '../../server/db/migrate';
import { startHub } from '../../server/hub';
import { expectedEngine, testConfig } from '../support/test-hub';

let pool: pg.Pool;
let scratch: string;
beforeAll(() => {
  pool = new pg.Pool({ connectionString: process.env.HUB_TEST_DB, max: 1 });
});
beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'onesurvey-migrations-'));
  fs.cpSync(MIGRATIONS_DIR, scratch, { recursive: true });
});
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));
afterAll(() => pool.end());

it('records every applied migration with the SHA-256 of its file', async () => {
  const { rows } = await pool.query('SELECT version, name, checksum FROM schema_migration ORDER BY version');
  const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();
  expect(rows.map((r) => r.name)).toEqual(files);
  for (const row of rows) {
    const digest = crypto.createHash('sha256').update(fs.readFileSync(path.join(MIGRATIONS_DIR, row.name))).digest('hex');
    expect(row.checksum).toBe(digest);
  }
});

it('applies nothing to an up-to-date database', async () => {
  expect(await migrate(pool, () => undefined)).toBe(0);
});

it('refuses to go on when an applied migration was edited afterwards', async () => {
  fs.appendFileSync(path.join(scratch, '0001_foundation.sql'), '\n-- an innocent-looking edit\n');
  await expect(migrate(pool, () => undefined, scratch)).rejects.toThrow(/0001_foundation\.sql was edited after it was applied.*add a new migration instead/);
});

it('refuses to go on when an applied migration file is missing', async () => {
  fs.rmSync(path.join(scratch, '0001_foundation.sql'));
  await expect(migrate(pool, () => undefined, scratch)).rejects.toThrow(/0001_foundation\.sql was applied to this database but its file is missing/);
});

it('refuses badly named or duplicate migration files', () => {
  fs.writeFileSync(path.join(scratch, 'add-things.sql'), 'SELECT 1;');
  expect(() => readMigrations(scratch)).toThrow(MigrationError);
  fs.rmSync(path.join(scratch, 'add-things.sql'));
  fs.writeFileSync(path.join(scratch, '0001_again.sql'), 'SELECT 1;');
  expect(() => readMigrations(scratch)).toThrow(/share the number 0001/);
});

if (expectedEngine === 'postgresql') {
  it('refuses to start, saying so, on a database where PostGIS cannot be created', async () => {
    const admin = new URL(process.env.HUB_TEST_DB!);
    const dbName = `onesurvey_no_postgis_${process.pid}`;
    const role = 'onesurvey_no_postgis';
    await pool.query(`DO $$ BEGIN CREATE ROLE ${role} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    await pool.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await pool.query(`CREATE DATABASE ${dbName} OWNER ${role}`);
    try {
      const url = new URL(admin);
      url.username = role;
      url.pathname = `/${dbName}`;
      const start = startHub(testConfig({ DATABASE_URL: url.toString() }), () => undefined);
      await expect(start).rejects.toMatchObject({ code: 'POSTGIS_UNAVAILABLE', message: expect.stringMatching(/^PostGIS is not available in this database .*Install PostGIS/) });
    } finally {
      await pool.query(`DROP DATABASE IF EXISTS ${dbName}`);
    }
  });
}
