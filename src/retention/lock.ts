/**
 * One sweeper at a time. On a PostgreSQL server the sweep holds a transaction-scoped advisory lock
 * on a connection of its own for as long as it runs: a second sweep, from this process or any other
 * app instance sharing the database, fails to take it at once and gets SweepInProgress before it
 * has touched anything. If the process dies, the server ends its connection and the lock goes with
 * it. PGlite lives inside one process, which is then the only one that can sweep its data, so an
 * in-process guard does the same job there. See ADR 0006.
 */
import type { Db } from '../store/db.ts';
import { SweepInProgress } from './errors.ts';

/** An arbitrary constant naming the sweeper's advisory lock. */
export const SWEEP_LOCK = 7_311_104;

const embeddedSweeps = new WeakSet<Db>();

export async function withSweepLock<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  if (db.engine === 'embedded') {
    if (embeddedSweeps.has(db)) throw new SweepInProgress();
    embeddedSweeps.add(db);
    try {
      return await fn();
    } finally {
      embeddedSweeps.delete(db);
    }
  }
  // The lock's transaction writes nothing; the batches commit on other connections as they go.
  return db.transaction(async (lockTx) => {
    const [row] = await lockTx.query<{ ok: boolean }>('select pg_try_advisory_xact_lock($1) as ok', [
      SWEEP_LOCK,
    ]);
    if (!row?.ok) throw new SweepInProgress();
    return fn();
  });
}
