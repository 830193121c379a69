/**
 * The last step of a controller's sweep: people's own details under the person type's rule, once
 * their records have gone (src/records/disposal-person.ts decides who is due). Batches of one
 * transaction each, like records; their ids and keys go through the outbox to the vault.
 */
import { deliverTombstones } from '../records/disposal.ts';
import { disposePeople, duePeople } from '../records/disposal-person.ts';
import type { Call, Store } from '../records/store.ts';
import type { PersonRule } from '../records/disposal-person.ts';

export interface PeopleSweep {
  runId: string;
  /** The number of the run's last batch so far; people's batches follow it. */
  batch: number;
  rule: PersonRule;
  asOf: Date;
  call: Call;
  size: number;
}

/** Dispose of every person due; returns the number of the run's last batch. */
export async function sweepPeople(
  store: Store,
  s: PeopleSweep,
  onBatch: (n: number) => void,
): Promise<number> {
  const ids = await duePeople(store.db, s.rule, s.asOf);
  let batch = s.batch;
  for (let start = 0; start < ids.length; start += s.size) {
    const candidates = ids.slice(start, start + s.size);
    const { outbox } = await disposePeople(store, { ...s, batch: ++batch }, candidates);
    if (outbox) await deliverTombstones(store, outbox);
    onBatch(candidates.length);
  }
  return batch;
}
