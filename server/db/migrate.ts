// Applies sql/migrations/NNNN_*.sql in order, each in its own transaction, recorded with a SHA-256 checksum.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { citusSettingsProblem, hasCitus, placeTables, tableOids } from './citus';
import { splitStatements } from './sql-statements';
import { citusStatements } from './citus-ddl';

export const MIGRATIONS_DIR = path.resolve(__dirname, '../../sql/migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {}

/** Reads the migration files; names must be NNNN_words.sql with unique numbers. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const match = /^(\d{4})_([a-z0-9_-]+)\.sql$/.exec(file);
    if (!match) throw new MigrationError(`migration file ${file} is not named NNNN_name.sql`);
    const version = Number(match[1]);
    if (seen.has(version)) throw new MigrationError(`two migration files share the number ${match[1]}`);
    seen.add(version);
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    return { version, name: file, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
  });
}

/**
 * Brings the schema up to date. Refuses (MigrationError) when an applied migration's file was edited
 * afterwards or is missing: migrations are never edited after they land.
 */
export async function migrate(pool: pg.Pool, log: (line: string) => void, dir = MIGRATIONS_DIR): Promise<number> {
  const migrations = readMigrations(dir);
  // Hubs starting together against one server migrate one after the other.
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await applyPending(client, migrations, log);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

const MIGRATION_LOCK = 7_426_001;

async function applyPending(client: pg.PoolClient, migrations: Migration[], log: (line: string) => void): Promise<number> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum char(64) NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`);
  const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
    'SELECT version, name, checksum FROM schema_migration ORDER BY version',
  );
  for (const applied of rows) {
    const file = migrations.find((m) => m.version === applied.version);
    if (!file) throw new MigrationError(`migration ${applied.name} was applied to this database but its file is missing`);
    if (file.checksum !== applied.checksum) {
      throw new MigrationError(
        `migration ${applied.name} was edited after it was applied (checksum ${applied.checksum.slice(0, 12)}… in the database, ${file.checksum.slice(0, 12)}… on disk); add a new migration instead`,
      );
    }
  }
  const pending = migrations.filter((m) => !rows.some((r) => r.version === m.version));
  const citus = await hasCitus(client);
  if (citus) {
    const problem = await citusSettingsProblem(client);
    if (problem) throw new MigrationError(problem);
  }
  for (const m of pending) {
    log(`applying migration ${m.name}`);
    try {
      await client.query('BEGIN');
      // On Citus: one connection per node for the whole file, so that tables it creates can be distributed in it.
      if (citus) await client.query(`SET LOCAL citus.multi_shard_modify_mode TO 'sequential'`);
      const before = citus ? await tableOids(client) : null;
      // One statement at a time (in the file's transaction): Citus refuses a text of several on its workers.
      for (const statement of splitStatements(m.sql)) {
        for (const part of citus ? citusStatements(statement) : [statement]) await client.query(part);
      }
      if (before) await placeTables(client, before, m.version, log);
      await client.query('INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw new MigrationError(`migration ${m.name} failed: ${(err as Error).message}`);
    }
  }
  return pending.length;
}
