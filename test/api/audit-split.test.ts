// Migration 0015 splits the audit log (a parcel's events, the hub's events) and every chain written before still holds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { MIGRATIONS_DIR, migrate } from '../../server/db/migrate';
import { verifyAuditChain } from '../../server/services/audit-chain.service';
import { ownDatabase, type OwnDatabase } from '../support/own-database';

let db: OwnDatabase;
let pool: pg.Pool;
let before: string;
beforeAll(async () => {
  db = await ownDatabase('audit_split');
  pool = new pg.Pool({ connectionString: db.url, max: 1 });
  // The schema as it was before the split: every migration up to 0014.
  before = fs.mkdtempSync(path.join(os.tmpdir(), 'onesurvey-audit-split-'));
  for (const file of fs.readdirSync(MIGRATIONS_DIR).filter((f) => Number(f.slice(0, 4)) < 15)) fs.copyFileSync(path.join(MIGRATIONS_DIR, file), path.join(before, file));
}, 120_000);
afterAll(async () => {
  await pool.end();
  await db.drop();
  fs.rmSync(before, { recursive: true, force: true });
});

const PARCELS = ['410802003012GB09001', '410802003012GB09002'];
const insert = (parcelCode: string | null, action: string) =>
  pool.query('INSERT INTO audit_event (actor, action, parcel_code, details) VALUES ($1, $2, $3, $4)', ['split-test', action, parcelCode, { n: action }]);

it('moves the events without a parcel to audit_hub_event with their hashes, and every chain still verifies', async () => {
  await migrate(pool, () => undefined, before);
  for (let i = 0; i < 3; i++) {
    await insert(PARCELS[0], 'parcel.read');
    await insert(null, 'session.login');
    await insert(PARCELS[1], 'parcel.put');
  }
  const old = (await pool.query('SELECT id, parcel_code, row_hash FROM audit_event ORDER BY id')).rows;
  expect(old).toHaveLength(9);

  expect(await migrate(pool, () => undefined)).toBeGreaterThanOrEqual(1);
  const parcelRows = (await pool.query('SELECT id, row_hash FROM audit_event ORDER BY id')).rows;
  const hubRows = (await pool.query('SELECT id, row_hash, chain_seq FROM audit_hub_event ORDER BY id')).rows;
  expect(parcelRows).toEqual(old.filter((r) => r.parcel_code).map(({ id, row_hash }) => ({ id, row_hash })));
  expect(hubRows.map(({ id, row_hash }) => ({ id, row_hash }))).toEqual(old.filter((r) => !r.parcel_code).map(({ id, row_hash }) => ({ id, row_hash })));
  expect(await verifyAuditChain(pool)).toEqual({ rows: 9, chains: 3, firstBroken: null });

  // New events continue each chain where the old rows left it.
  await insert(PARCELS[0], 'parcel.read');
  await pool.query("INSERT INTO audit_hub_event (actor, action) VALUES ('split-test', 'session.login')");
  const lastSeq = async (table: string, where: string) => (await pool.query(`SELECT max(chain_seq)::int AS n FROM ${table} ${where}`)).rows[0].n;
  expect([await lastSeq('audit_event', `WHERE parcel_code = '${PARCELS[0]}'`), await lastSeq('audit_hub_event', '')]).toEqual([4, 4]);
  expect(await verifyAuditChain(pool)).toEqual({ rows: 11, chains: 3, firstBroken: null });
  await expect(insert(null, 'session.login')).rejects.toThrow(/null value in column "parcel_code"/);
}, 120_000);
