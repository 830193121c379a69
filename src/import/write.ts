/**
 * Writing an import's batches, all or nothing.
 *
 * One batch (up to 50,000 rows by default): one writeBatch call, which checks the whole batch
 * and writes it in its own transaction, as any other caller would.
 *
 * Several batches (a larger import), a dry run, or a run only collecting writeBatch's problems
 * for rows that mapped cleanly: every writeBatch call runs inside ONE outer transaction. The
 * Store handed to writeBatch sends every query, and each transaction writeBatch opens, into that
 * one; each chunk's check sees the people earlier chunks wrote. The outer transaction commits
 * only if every chunk passed and this is a real run; otherwise it rolls back, audit events and
 * all. A dry run also creates no data keys: its vault makes keys in memory and forgets them.
 * writeBatch itself is unchanged.
 */
import { randomBytes } from 'node:crypto';
import { BatchError, writeBatch, type Batch, type BatchProblem, type BatchResult } from '../records/batch.ts';
import { vaultOf, type Call, type Store } from '../records/store.ts';
import type { Db, Queryable } from '../store/db.ts';
import type { KeyVault } from '../store/key-vault.ts';

export interface WriteOutcome {
  written: boolean;
  results: BatchResult[];
  /** writeBatch's problems, by the index of the batch they are in. */
  problems: { batch: number; problems: BatchProblem[] }[];
}

/** A Db whose queries and transactions all run in `tx`. Nothing nests: writeBatch's own transaction is just `tx`. */
function within(db: Db, tx: Queryable): Db {
  return {
    engine: db.engine,
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    transaction: (fn) => fn(tx),
    close: async () => undefined,
  };
}

/** Keys for a dry run: new ones made in memory and never stored; existing ones read as usual. */
function dryRunVault(real: KeyVault): KeyVault {
  const made = new Map<string, Buffer>();
  return {
    async create(_controllerId, personIds) {
      const keys = new Map(personIds.map((id) => [id, randomBytes(32)]));
      for (const [id, key] of keys) made.set(id, key);
      return keys;
    },
    async load(personIds) {
      const keys = await real.load(personIds.filter((id) => !made.has(id)));
      for (const id of personIds) if (made.has(id)) keys.set(id, made.get(id)!);
      return keys;
    },
    destroy: () => Promise.reject(new Error('a dry run destroys no keys')),
    rewrap: () => Promise.reject(new Error('a dry run re-wraps no keys')),
    addTombstones: () => Promise.reject(new Error('a dry run records no tombstones')),
    tombstonesSince: (since, page) => real.tombstonesSince(since, page),
  };
}

async function writeEach(store: Store, call: Call, batches: Batch[], outcome: WriteOutcome): Promise<void> {
  for (const [i, batch] of batches.entries()) {
    try {
      outcome.results.push(await writeBatch(store, call, batch));
    } catch (error) {
      if (!(error instanceof BatchError)) throw error;
      outcome.problems.push({ batch: i, problems: error.problems });
    }
  }
}

class Rollback extends Error {}

/**
 * `after` runs in the same transaction once every batch has passed (the import's keys are recorded
 * there), so a single batch with an `after` also goes through the outer transaction.
 */
export async function writeBatches(
  store: Store,
  call: Call,
  batches: Batch[],
  commit: boolean,
  after?: (tx: Queryable) => Promise<void>,
): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { written: false, results: [], problems: [] };
  if (commit && batches.length === 1 && !after) {
    await writeEach(store, call, batches, outcome);
    outcome.written = outcome.problems.length === 0;
    return outcome;
  }
  try {
    await store.db.transaction(async (tx) => {
      const inner: Store = { ...store, db: within(store.db, tx) };
      const target = commit ? inner : { ...inner, vault: dryRunVault(vaultOf(inner)) };
      await writeEach(target, call, batches, outcome);
      if (!commit || outcome.problems.length > 0) throw new Rollback();
      await after?.(tx);
    });
    outcome.written = true;
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return outcome;
}
