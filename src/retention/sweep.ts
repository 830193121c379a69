/**
 * A retention sweep: every rule of every controller checked first (one bad rule and nothing is
 * disposed of), then, under the sweeper's lock, ids a crash left in the outbox go to the vault,
 * runs a dead process left open are marked interrupted, tombstones are replayed, and each
 * controller's due records are disposed of in batches of one transaction each.
 */
import { deliverTombstones, disposeBatch } from '../records/disposal.ts';
import { dueRecords, type DueRow } from '../records/disposal-due.ts';
import { duePeople } from '../records/disposal-person.ts';
import { manifestFor, vaultOf, type Store } from '../records/store.ts';
import { sweeperCall } from './actor.ts';
import { RetentionInputError } from './errors.ts';
import { enteredEvents } from './events.ts';
import { withSweepLock } from './lock.ts';
import { flushOutbox } from './outbox.ts';
import { replayAll, type ReplayResult } from './replay.ts';
import { personRuleFor, scheduleFor, type ScheduledType } from './rules.ts';
import { sweepPeople } from './sweep-people.ts';
import { finishRun, markInterrupted, runLog, startRun, type LogLine } from './runs.ts';

export const DEFAULT_BATCH = 1000;
const MAX_BATCH = 10_000;

export interface SweepProgress {
  controllerId: string;
  /** Records processed so far and in all, over every rule of this controller. */
  done: number;
  total: number;
}

export interface SweepOptions {
  /** Who started the sweep, for the disposal log and the certificate (a staff id, or "schedule"). */
  startedBy: string;
  /** Sweep only this controller; every loaded controller otherwise. */
  controllerId?: string;
  batchSize?: number;
  onProgress?: (progress: SweepProgress) => void;
}

export interface SweepResult {
  controllerId: string;
  runId: string;
  asOf: Date;
  log: LogLine[];
  replayed: ReplayResult | undefined;
}

function checkOptions(store: Store, options: SweepOptions): string[] {
  if (typeof options.startedBy !== 'string' || !options.startedBy.trim())
    throw new RetentionInputError('startedBy', 'is required: say who started the sweep');
  const size = options.batchSize ?? DEFAULT_BATCH;
  if (!Number.isInteger(size) || size < 1 || size > MAX_BATCH)
    throw new RetentionInputError('batchSize', `must be a whole number from 1 to ${MAX_BATCH}`);
  if (options.controllerId !== undefined) manifestFor(store, options.controllerId);
  return options.controllerId ? [options.controllerId] : [...store.manifests.keys()];
}

export async function runRetention(store: Store, options: SweepOptions): Promise<SweepResult[]> {
  const controllers = checkOptions(store, options);
  // Rules first, before the lock and before anything is touched.
  for (const id of controllers) {
    scheduleFor(manifestFor(store, id), new Map());
    personRuleFor(manifestFor(store, id));
  }
  return withSweepLock(store.db, async () => {
    await flushOutbox(store.db, vaultOf(store));
    await markInterrupted(store.db, store.now());
    const replayed = await replayAll(store, { startedBy: options.startedBy });
    const results: SweepResult[] = [];
    for (const controllerId of controllers) {
      const result = await sweepController(store, controllerId, options);
      results.push({ ...result, replayed: replayed.find((r) => r.controllerId === controllerId) });
    }
    return results;
  });
}

async function sweepController(
  store: Store,
  controllerId: string,
  options: SweepOptions,
): Promise<Omit<SweepResult, 'replayed'>> {
  const schedule = scheduleFor(manifestFor(store, controllerId), await enteredEvents(store.db, controllerId));
  const asOf = store.now();
  const due: { type: ScheduledType; rows: DueRow[] }[] = [];
  for (const type of schedule) {
    if (type.due) due.push({ type, rows: await dueRecords(store.db, type.due, asOf) });
  }
  // People are swept last; those due now are counted in, so progress ends at its total.
  const people = personRuleFor(manifestFor(store, controllerId));
  const peopleDue = people ? (await duePeople(store.db, people.due, asOf)).length : 0;
  const total = due.reduce((n, d) => n + d.rows.length, 0) + peopleDue;
  const runId = await startRun(store.db, {
    controllerId,
    kind: 'sweep',
    startedBy: options.startedBy,
    asOf,
    now: asOf,
  });
  const progress = { controllerId, done: 0, total };
  options.onProgress?.(progress);
  const size = options.batchSize ?? DEFAULT_BATCH;
  const call = sweeperCall(controllerId);
  let batch = 0;
  // Each batch's tombstones go to the vault while the next batch runs; the outbox keeps them safe
  // meanwhile, and one delivery at a time keeps the order.
  let delivering: Promise<void> = Promise.resolve();
  try {
    for (const { type, rows } of due) {
      for (let start = 0; start < rows.length; start += size) {
        const candidates = rows.slice(start, start + size);
        const { outbox } = await disposeBatch(
          store,
          { runId, batch: ++batch, rule: type.due!, asOf, call },
          candidates,
        );
        await delivering;
        delivering = outbox ? deliverTombstones(store, outbox) : Promise.resolve();
        // Marked handled: a failure is rethrown where it is next awaited, not reported as unhandled.
        delivering.catch(() => undefined);
        progress.done += candidates.length;
        options.onProgress?.(progress);
      }
    }
    await delivering;
    // People last: those whose last record went in this run start their clock only now.
    if (people)
      batch = await sweepPeople(store, { runId, batch, rule: people.due, asOf, call, size }, (n) => {
        progress.done += n;
        progress.total = Math.max(progress.total, progress.done);
        options.onProgress?.(progress);
      });
  } catch (error) {
    await delivering.catch(() => undefined);
    await finishRun(store.db, runId, store.now(), 'failed', (error as Error).name);
    throw error;
  }
  await finishRun(store.db, runId, store.now(), 'finished');
  return { controllerId, runId, asOf, log: await runLog(store.db, runId) };
}
