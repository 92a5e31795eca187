// On a Citus coordinator: detects Citus, checks the settings the hub needs, and places the tables each migration creates.
import type pg from 'pg';
import { CITUS_PLACEMENT, COLOCATION_TABLE, type TablePlacement } from './citus-placement';

type Client = Pick<pg.PoolClient, 'query'>;

/** Whether the database is a Citus coordinator (the citus extension is installed). */
export async function hasCitus(client: Client): Promise<boolean> {
  const { rows } = await client.query<{ citus: boolean }>(`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS citus`);
  return rows[0].citus;
}

/** What the hub needs from Citus, as a one-line reason when a setting is missing; null when all hold. */
export async function citusSettingsProblem(client: Client): Promise<string | null> {
  const { rows } = await client.query<{ triggers: string }>(`SELECT current_setting('citus.enable_unsafe_triggers') AS triggers`);
  if (rows[0].triggers !== 'on') {
    return 'citus.enable_unsafe_triggers is off: the parcel tables keep their guards (immutability, append-only, audit chain) in triggers, which Citus distributes only with it on — ALTER SYSTEM SET citus.enable_unsafe_triggers = on; SELECT pg_reload_conf(); on the coordinator';
  }
  return null;
}

/** The tables of the public schema (not Citus shards), by oid: what a migration created is the difference. */
export async function tableOids(client: Client): Promise<Map<string, number>> {
  const { rows } = await client.query<{ name: string; oid: number }>(`
    SELECT c.relname AS name, c.oid::int AS oid FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT pg_catalog.relation_is_a_known_shard(c.oid)`);
  return new Map(rows.map((r) => [r.name, r.oid]));
}

interface ForeignKey { table: string; name: string; definition: string }

/**
 * Distributes or references the tables migration `version` created (and those whose placement starts with it), right
 * after the file ran, in its transaction. Their foreign keys are taken off first and put back afterwards: a reference
 * table made while a local table still points at it would turn that table into a Citus-managed local table that can
 * no longer be distributed, and a distributed table cannot point at a table that is not yet a reference table.
 */
export async function placeTables(client: Client, before: Map<string, number>, version: number, log: (line: string) => void): Promise<void> {
  const after = await tableOids(client);
  const names = [...after.keys()].filter((name) => name !== 'schema_migration' && isDue(name, before.get(name) !== after.get(name), version));
  if (!names.length) return;
  const keys = await foreignKeys(client, names);
  for (const fk of keys) await client.query(`ALTER TABLE ${ident(fk.table)} DROP CONSTRAINT ${ident(fk.name)}`);
  for (const name of placementOrder(names)) {
    const { placement } = CITUS_PLACEMENT[name];
    const { rows } = await client.query<{ filled: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${ident(name)}) AS filled`);
    if (placement === 'distributed') {
      const colocateWith = name === COLOCATION_TABLE ? 'none' : COLOCATION_TABLE;
      await client.query(`SELECT create_distributed_table($1, 'parcel_code', colocate_with => $2)`, [name, colocateWith]);
    } else if (placement === 'reference') {
      await client.query('SELECT create_reference_table($1)', [name]);
    }
    // The rows were copied to the shards; the coordinator's own copy would still answer its DDL checks (SET NOT NULL).
    if (placement !== 'local' && rows[0].filled) await client.query('SELECT truncate_local_data_after_distributing_table($1)', [name]);
    if (placement !== 'local') log(`citus: ${name} is a ${placement === 'distributed' ? 'table distributed by parcel_code' : 'reference table'}`);
  }
  for (const fk of keys) await client.query(`ALTER TABLE ${ident(fk.table)} ADD CONSTRAINT ${ident(fk.name)} ${fk.definition}`);
}

/** Whether a table is placed now: created by this migration (and placed from then on), or placed from this one on. */
function isDue(name: string, created: boolean, version: number): boolean {
  const entry: TablePlacement | undefined = CITUS_PLACEMENT[name];
  if (!entry) {
    if (!created) return false;
    throw new Error(`table ${name} has no Citus placement: add it to server/db/citus-placement.ts (distributed by parcel_code, reference or local)`);
  }
  return entry.since === undefined ? created : entry.since === version || (created && entry.since < version);
}

/** The co-location table first, the other distributed tables next, reference tables last. */
function placementOrder(names: string[]): string[] {
  const rank = (name: string) => (name === COLOCATION_TABLE ? 0 : CITUS_PLACEMENT[name].placement === 'distributed' ? 1 : 2);
  return [...names].sort((a, b) => rank(a) - rank(b));
}

async function foreignKeys(client: Client, names: string[]): Promise<ForeignKey[]> {
  const { rows } = await client.query<ForeignKey>(`
    SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
    FROM pg_constraint c
    WHERE c.contype = 'f' AND (c.conrelid::regclass::text = ANY ($1) OR c.confrelid::regclass::text = ANY ($1))
    ORDER BY c.oid`, [names]);
  return rows;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
