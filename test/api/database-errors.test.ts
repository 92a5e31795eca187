// Errors raised by the real database (both engines), answered in the hub's own words with a 4xx and a stable code.
import { startTestHub, type TestHub } from '../support/test-hub';
import { knownDatabaseError } from '../../server/db-errors';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

/** The error PostgreSQL raises for `sql` (each statement fails, so nothing is written). */
async function raised(sql: string, params: unknown[] = []): Promise<Error & { code: string; constraint?: string }> {
  return hub.pool.query(sql, params).then(
    () => { throw new Error(`${sql} raised nothing`); },
    (err) => err,
  );
}

const PARCEL = '410883001001GB99999';

const cases: Array<[string, string, unknown[], string, number]> = [
  ['a bad uuid (22P02)', 'SELECT $1::uuid', ['not-a-uuid'], 'INVALID_VALUE', 400],
  ['a number out of range (22003)', 'SELECT 99999::smallint', [], 'NUMBER_OUT_OF_RANGE', 400],
  ['a text too long (22001)', 'INSERT INTO parcel (parcel_code) VALUES ($1)', ['4108830010019GB99999'], 'VALUE_TOO_LONG', 400],
  ['bytes that are not UTF-8 (22021)', "SELECT convert_from('\\x00'::bytea, 'UTF8')", [], 'TEXT_INVALID_CHARACTER', 400],
  ['a negative limit (2201W)', 'SELECT 1 LIMIT $1', [-1], 'QUERY_INVALID', 400],
  ['a missing value (23502)', "INSERT INTO survey_kind (code) VALUES (NULL)", [], 'VALUE_REQUIRED', 400],
  ['an unknown parcel (23503)', "INSERT INTO unit (parcel_code, unit_code) VALUES ($1, $2)", [PARCEL, `${PARCEL}F00010001`], 'PARCEL_NOT_FOUND', 404],
  ['too many array dimensions (54000)', 'SELECT array_fill(1, ARRAY[2,2,2,2,2,2,2])', [], 'REQUEST_TOO_LARGE', 413],
];

describe('database errors a request can cause', () => {
  it.each(cases)('answers %s with its own code and words', async (_what, sql, params, code, status) => {
    const err = await raised(sql, params);
    const answer = knownDatabaseError(err);
    expect([answer?.status, answer?.code]).toEqual([status, code]);
    expect(answer!.message).not.toContain(err.message);
    expect(answer!.message).not.toMatch(/violates|syntax|invalid input|null value|column|byte sequence|dimensions/i);
  });

  it('answers a statement timeout (57014) with 422 REQUEST_TOO_EXPENSIVE', async () => {
    const client = await hub.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SET LOCAL statement_timeout = '50ms'");
      const err = await client.query('SELECT pg_sleep(2)').then(() => undefined, (e) => e);
      // the embedded engine has no timer to cancel a statement with: there the sleep completes
      if (hub.engine === 'postgresql') expect(knownDatabaseError(err)?.code).toBe('REQUEST_TOO_EXPENSIVE');
      else if (err) expect(knownDatabaseError(err)?.code).toBe('REQUEST_TOO_EXPENSIVE');
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('recognises a constraint by its prefix when Citus adds a shard number', () => {
    const answer = knownDatabaseError({ code: '23503', constraint: 'survey_result_parcel_code_supersedes_fkey_102008', message: 'insert or update on table "survey_result_102008" violates foreign key constraint' });
    expect([answer?.status, answer?.code]).toEqual([400, 'SUPERSEDES_NOT_ON_PARCEL']);
  });

  it('leaves errors of the hub itself (not a SQLSTATE a request causes) to the 500 path', () => {
    expect(knownDatabaseError(new TypeError('x is undefined'))).toBeUndefined();
    expect(knownDatabaseError({ code: '53200', message: 'out of memory' })).toBeUndefined();
    expect(knownDatabaseError({ code: 'XX000', message: 'could not read block' })).toBeUndefined();
  });
});
