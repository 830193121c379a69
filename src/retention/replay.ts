/**
 * Replaying tombstones from the vault into the data database, so a restore of an older data backup
 * never resurrects what was erased or disposed of since. Each controller's progress is kept in the
 * data database itself (retention_state): a restored backup carries its own, older mark, so the
 * replay after a restore covers everything erased since that backup. A week's overlap absorbs
 * tombstones that reached the vault a little after the moment they record.
 */
import { replayPage } from '../records/disposal-replay.ts';
import { vaultOf, type Store } from '../records/store.ts';
import type { Tombstone } from '../store/key-vault.ts';
import { sweeperCall } from './actor.ts';
import { withSweepLock } from './lock.ts';
import { finishRun, startRun } from './runs.ts';

const OVERLAP_MS = 7 * 86_400_000;
const PAGE = 2000;

export interface ReplayResult {
  controllerId: string;
  /** The replay's run, when it found anything to dispose of again. */
  runId?: string;
  tombstones: number;
  records: number;
  documents: number;
  people: number;
}

export interface ReplayOptions {
  startedBy: string;
  /** Every tombstone, not just those since this database's mark. */
  all?: boolean;
}

/** Replay under the sweeper's lock (`custos retention replay`, after a restore). */
export async function replayTombstones(store: Store, options: ReplayOptions): Promise<ReplayResult[]> {
  return withSweepLock(store.db, () => replayAll(store, options));
}

/** Replay for every controller; the caller holds the sweeper's lock. */
export async function replayAll(store: Store, options: ReplayOptions): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  for (const controllerId of store.manifests.keys())
    results.push(await replayController(store, controllerId, options));
  return results;
}

async function since(store: Store, controllerId: string, all: boolean): Promise<Date | null> {
  if (all) return null;
  const [row] = await store.db.query<{ replayed_through: Date }>(
    'select replayed_through from retention_state where controller_id = $1',
    [controllerId],
  );
  return row ? new Date(new Date(row.replayed_through).getTime() - OVERLAP_MS) : null;
}

async function replayController(
  store: Store,
  controllerId: string,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const result: ReplayResult = { controllerId, tombstones: 0, records: 0, documents: 0, people: 0 };
  const vault = vaultOf(store);
  const call = sweeperCall(controllerId);
  const from = await since(store, controllerId, options.all ?? false);
  let batch = 0;
  let latest: Date | null = null;
  const logTo = async () => {
    result.runId ??= await startRun(store.db, {
      controllerId,
      kind: 'replay',
      startedBy: options.startedBy,
      asOf: store.now(),
      now: store.now(),
    });
    return { runId: result.runId, batch: ++batch };
  };
  for (let after: Tombstone | undefined; ;) {
    const page = await vault.tombstonesSince(from, { controllerId, after, limit: PAGE });
    if (page.length === 0) break;
    const done = await replayPage(store, call, controllerId, page, logTo);
    for (const [type, d] of done.byType) {
      if (type !== 'person') result.records += d.records;
      result.documents += d.documents;
    }
    result.people += done.people;
    result.tombstones += page.length;
    after = page[page.length - 1];
    latest = after!.at;
  }
  if (result.runId) await finishRun(store.db, result.runId, store.now(), 'finished');
  if (latest) await markReplayed(store, controllerId, latest);
  return result;
}

async function markReplayed(store: Store, controllerId: string, through: Date): Promise<void> {
  await store.db.query(
    `insert into retention_state (controller_id, replayed_through)
     select $1, $2 where exists (select 1 from controllers where id = $1)
     on conflict (controller_id) do update
       set replayed_through = greatest(retention_state.replayed_through, excluded.replayed_through)`,
    [controllerId, through],
  );
}
