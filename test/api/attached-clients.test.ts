// External database clients (psql, QGIS) beside the hub: an idle open transaction cannot stall the hub beyond the
// timeout, and the GIS role reads the gis_* views only.
import pg from 'pg';
import { IDLE_TRANSACTION_TIMEOUT_MS } from '../../server/db/embedded.engine';
import { expectedEngine, startTestHub, type TestHub } from '../support/test-hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.stop());

it('answers the hub\'s requests within the timeout while an attached client idles in an open transaction', async () => {
  const attached = new pg.Client({ connectionString: process.env.HUB_TEST_DB });
  const ended = new Promise<string>((resolve) => attached.on('error', (err) => resolve(err.message)));
  await attached.connect();
  await attached.query('BEGIN');
  await attached.query('SELECT count(*) FROM parcel');
  const started = Date.now();
  const answer = await hub.request('GET', '/ogc/collections/parcels/items?limit=1');
  const waited = Date.now() - started;
  expect(answer.status).toBe(200);
  expect(waited).toBeLessThan(IDLE_TRANSACTION_TIMEOUT_MS + 3_000);
  if (expectedEngine === 'pglite') {
    // One shared session: the guard ended the idle client to let the hub through.
    expect(waited).toBeGreaterThanOrEqual(IDLE_TRANSACTION_TIMEOUT_MS - 1_000);
    expect(await ended).toMatch(/terminated|closed|ECONNRESET|Connection/i);
  } else {
    // Sessions of their own: a reading transaction holds no lock the hub waits for.
    expect(waited).toBeLessThan(2_000);
    await attached.query('ROLLBACK');
  }
  await attached.end().catch(() => undefined);
}, 30_000);

it('lets the GIS role read the gis_* views and nothing else, never write, with timeouts set for it', async () => {
  const client = await hub.pool.connect();
  try {
    const { rows } = await client.query("SELECT unnest(setconfig) AS setting FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole WHERE r.rolname = 'onesurvey_gis'");
    expect(rows.map((r) => r.setting)).toEqual(expect.arrayContaining(['default_transaction_read_only=on', 'idle_in_transaction_session_timeout=10s', 'statement_timeout=30s']));
    await client.query('BEGIN');
    await client.query('SET LOCAL ROLE onesurvey_gis');
    await client.query('SELECT count(*) FROM gis_current_parcel');
    await client.query('SAVEPOINT s');
    await expect(client.query("INSERT INTO parcel (parcel_code) VALUES ('410883001001GB99999')")).rejects.toMatchObject({ code: '42501' });
    await client.query('ROLLBACK TO SAVEPOINT s');
    await expect(client.query('SELECT count(*) FROM survey_result')).rejects.toMatchObject({ code: '42501' });
    await client.query('ROLLBACK TO SAVEPOINT s');
    await expect(client.query('CREATE TABLE gis_scratch (x int)')).rejects.toMatchObject({ code: '42501' });
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
});
