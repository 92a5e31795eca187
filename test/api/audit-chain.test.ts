// The audit log is a hash chain the database extends on every insert: `npm run audit:verify` walks it and names the
// first row changed behind the hub's back; the role the hub serves as cannot bypass row rules with TRUNCATE, DDL or
// replication mode; a result is never superseded by itself.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { verifyAuditChain } from '../../server/services/audit-chain.service';
import { ROOT } from '../support/paths';
import { expectedEngine, freshParcelCode, startTestHub, testConfig, type TestHub } from '../support/test-hub';
import { startHub } from '../../server/hub';
import { landSupplySubmission } from '../support/fixtures';

let hub: TestHub;
let owner: pg.Client;
beforeAll(async () => {
  hub = await startTestHub();
  // The configured role (the database's owner): on a server a separate session, on the embedded engine the one session.
  owner = new pg.Client({ connectionString: process.env.HUB_TEST_DB });
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
  await hub.stop();
});

/** `npm run audit:verify` against the suite's database: exit code and what it printed. */
function runVerify(): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: process.env.HUB_TEST_DB! } });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

/** Rewrites one audit row as the owner, who alone can switch the append-only trigger off. */
async function ownerSetsPurpose(id: string, purpose: string | null, table = 'audit_event'): Promise<void> {
  await owner.query('BEGIN');
  await owner.query(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only`);
  await owner.query(`UPDATE ${table} SET purpose = $2 WHERE id = $1`, [id, purpose]);
  await owner.query(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_append_only`);
  await owner.query('COMMIT');
}

describe('the audit chain', () => {
  it('links every row of a parcel to the one before it, in order, even when 12 reads are recorded at once', async () => {
    const parcelCode = freshParcelCode();
    await hub.request('PUT', `/api/parcels/${parcelCode}`, { location: '链测试' });
    await Promise.all(Array.from({ length: 12 }, () => hub.request('GET', `/api/parcels/${parcelCode}`)));
    const { rows } = await hub.pool.query('SELECT chain_seq, prev_hash, row_hash FROM audit_event WHERE parcel_code = $1 ORDER BY chain_seq', [parcelCode]);
    // The edit, its answer read back (a read of coordinates), and the 12 reads.
    expect(rows.map((r) => r.chain_seq)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    expect(rows[0].prev_hash).toBe('0'.repeat(64));
    rows.slice(1).forEach((r, i) => expect(r.prev_hash).toBe(rows[i].row_hash));
    expect((await verifyAuditChain(hub.pool)).firstBroken).toBeNull();
  });

  it('names the row an owner changed behind the hub\'s back, and holds again once it is put back', async () => {
    const parcelCode = freshParcelCode();
    const submitted = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { features: undefined, kind: '房产实测', stage: 'completion', units: [{ unitCode: `${parcelCode}F00010001`, buildingAreaM2: 90 }] }));
    await hub.download(`/api/surveys/${submitted.body.id}/export?format=geojson`); // no geometry: refused, nothing recorded
    const { rows } = await hub.pool.query("SELECT id, purpose FROM audit_event WHERE parcel_code = $1 AND action = 'survey.submit'", [parcelCode]);
    const target = rows[0];
    await ownerSetsPurpose(target.id, '篡改 forged');
    try {
      const report = await verifyAuditChain(hub.pool);
      expect(report.firstBroken).toMatchObject({ id: target.id, parcelCode, action: 'survey.submit', reason: expect.stringMatching(/changed/) });
      const cli = await runVerify();
      expect(cli.code).toBe(1);
      expect(cli.output).toContain(`BROKEN at row ${target.id}`);
    } finally {
      await ownerSetsPurpose(target.id, target.purpose);
    }
    const cli = await runVerify();
    expect([cli.code, cli.output]).toEqual([0, expect.stringMatching(/audit log intact: \d+ rows in \d+ chains/)]);
  }, 30_000);
});

describe('the hub\'s audit chain (events without one parcel)', () => {
  it('keeps logins and token events in one chain of their own, and names a row changed there', async () => {
    const admin = await hub.login(['admin']);
    const { rows } = await hub.pool.query("SELECT id, purpose, chain_seq, prev_hash FROM audit_hub_event WHERE action = 'session.login' AND actor = $1", [admin.username]);
    expect(rows).toHaveLength(1);
    const before = await hub.pool.query('SELECT row_hash FROM audit_hub_event WHERE chain_seq = $1', [Number(rows[0].chain_seq) - 1]);
    expect(rows[0].prev_hash).toBe(before.rows[0]?.row_hash ?? '0'.repeat(64));
    expect((await hub.pool.query('SELECT count(*)::int AS n FROM audit_event WHERE parcel_code IS NULL')).rows[0].n).toBe(0);
    await ownerSetsPurpose(rows[0].id, '篡改 forged', 'audit_hub_event');
    try {
      expect((await verifyAuditChain(hub.pool)).firstBroken).toMatchObject({ id: rows[0].id, parcelCode: null, action: 'session.login', reason: expect.stringMatching(/changed/) });
    } finally {
      await ownerSetsPurpose(rows[0].id, rows[0].purpose, 'audit_hub_event');
    }
    expect((await verifyAuditChain(hub.pool)).firstBroken).toBeNull();
  });
});

describe('a result and its correction', () => {
  it('cannot be superseded by itself, nor by a result that does not correct it, even in SQL', async () => {
    const parcelCode = freshParcelCode();
    const units = (n: number) => landSupplySubmission(parcelCode, { features: undefined, kind: '房产实测', stage: 'completion', units: [{ unitCode: `${parcelCode}F0001000${n}`, buildingAreaM2: 90 }] });
    const [a, b] = [(await hub.request('POST', '/api/surveys', units(1))).body.id, (await hub.request('POST', '/api/surveys', units(2))).body.id];
    for (const id of [a, b]) await hub.request('POST', `/api/surveys/${id}/review`, { decision: 'accept' });
    await expect(hub.pool.query('UPDATE survey_result SET superseded_by = id WHERE id = $1', [a])).rejects.toThrow(/not_self_superseding|superseded/);
    await expect(hub.pool.query('UPDATE survey_result SET superseded_by = $2 WHERE id = $1', [a, b])).rejects.toThrow(/only be superseded by an accepted correction/);
    expect((await hub.request('GET', `/api/surveys/${a}`)).body.supersededBy).toBeNull();
  });
});

if (expectedEngine === 'postgresql') {
  describe('the role the hub serves requests as', () => {
    it('is onesurvey_app, which cannot TRUNCATE, switch off triggers or replication checks, or change the schema', async () => {
      expect((await hub.pool.query('SELECT current_user AS u')).rows[0].u).toBe('onesurvey_app');
      await expect(hub.pool.query('TRUNCATE boundary_point')).rejects.toThrow(/permission denied/);
      await expect(hub.pool.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied/);
      await expect(hub.pool.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only')).rejects.toThrow(/must be owner/);
      await expect(hub.pool.query('DROP TABLE registration_packet')).rejects.toThrow(/must be owner/);
      await expect(hub.pool.query('CREATE TABLE sneaky (x int)')).rejects.toThrow(/permission denied/);
      expect((await hub.pool.query('SELECT count(*)::int AS n FROM boundary_point')).rows[0].n).toBeGreaterThan(0);
    });

    it('serves through APP_DATABASE_URL when given: a login that cannot become the owner again, even after RESET ROLE', async () => {
      const login = 'onesurvey_app_login_test';
      await owner.query(`DO $$ BEGIN CREATE ROLE ${login} LOGIN INHERIT IN ROLE onesurvey_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
      const url = new URL(process.env.HUB_TEST_DB!);
      url.username = login;
      const served = await startHub(testConfig({ APP_DATABASE_URL: url.toString() }), () => undefined);
      try {
        expect(served.db.role).toBe(login);
        await served.db.pool.query('RESET ROLE');
        await expect(served.db.pool.query('TRUNCATE boundary_point')).rejects.toThrow(/permission denied/);
        expect((await fetch(`${served.url}/api/health`)).status).toBe(200);
      } finally {
        await served.stop();
      }
    });
  });
}
