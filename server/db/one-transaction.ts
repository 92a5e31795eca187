// Runs work written against a pool (services that open transactions of their own) inside ONE transaction: all or nothing.
import type pg from 'pg';
import { withTransaction } from './database';

/**
 * Runs `work` in one transaction on one connection, under the transaction-level advisory lock `lockKey` (taken first,
 * so that two hubs doing the same work take turns). `work` gets a pool whose connections are that one connection: a
 * BEGIN there becomes a savepoint, its COMMIT a release and its ROLLBACK a rollback to it, so a service that commits
 * its own steps still commits nothing until `work` returns — and a crash or an error anywhere leaves nothing behind.
 */
export async function inOneTransaction<T>(pool: pg.Pool, lockKey: number, work: (scoped: pg.Pool) => Promise<T>): Promise<T> {
  return withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
    // On Citus, one connection per worker for the whole transaction: it reads distributed tables and then writes
    // reference tables (accounts). Without Citus this only sets a placeholder setting, which nothing reads.
    await client.query(`SET LOCAL citus.multi_shard_modify_mode TO 'sequential'`);
    return work(scopedPool(client));
  });
}

function scopedPool(client: pg.PoolClient): pg.Pool {
  // One statement at a time on the connection, in the order asked (work may query from several promises at once).
  let queue: Promise<unknown> = Promise.resolve();
  const run = (...args: unknown[]) => {
    const next = queue.then(() => (client.query as (...a: unknown[]) => Promise<unknown>)(...args));
    queue = next.catch(() => undefined);
    return next;
  };
  let depth = 0;
  const savepoints: Record<string, () => string> = {
    BEGIN: () => `SAVEPOINT scoped_${++depth}`,
    COMMIT: () => `RELEASE SAVEPOINT scoped_${depth--}`,
    ROLLBACK: () => `ROLLBACK TO SAVEPOINT scoped_${depth--}`,
  };
  const scopedClient = {
    query: (text: unknown, ...rest: unknown[]) => {
      const verb = typeof text === 'string' ? text.trim().toUpperCase() : '';
      return savepoints[verb] ? run(savepoints[verb]()) : run(text, ...rest);
    },
    release: () => undefined,
  };
  return { query: run, connect: async () => scopedClient } as unknown as pg.Pool;
}
