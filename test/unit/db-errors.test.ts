// Database errors in the hub's words on Citus too: a worker's error arrives with the shard's constraint name in its message only.
import { knownDatabaseError } from '../../server/db-errors';

describe('an error passed on from a Citus worker', () => {
  it('is answered by the constraint named in its message, whatever shard number follows the name', () => {
    const fromWorker = {
      code: '23503',
      message: 'insert or update on table "unit_102070" violates foreign key constraint "unit_parcel_code_fkey_102070"',
    };
    expect(knownDatabaseError(fromWorker)).toMatchObject({ status: 404, code: 'PARCEL_NOT_FOUND' });
    const pending = { code: '23505', message: 'duplicate key value violates unique constraint "survey_result_one_pending_correction_102090"' };
    expect(knownDatabaseError(pending)).toMatchObject({ status: 409, code: 'SUPERSEDES_IN_PROGRESS' });
  });

  it('falls back to its SQLSTATE when the message names no constraint the hub knows', () => {
    expect(knownDatabaseError({ code: '23505', message: 'duplicate key value violates unique constraint "something_else_102001"' })).toMatchObject({ status: 409, code: 'ALREADY_EXISTS' });
  });
});
