/**
 * The register as the record of processing (Art. 30) reads it: each breach's reference, the data
 * categories and (where the DPO named them) the processing activities it affected, and its dates;
 * nothing about the incident or the people. The read is audited like every read of the register
 * (read-audit.ts), naming the breaches read.
 */
import type { Call, Store } from '../records/store.ts';
import { auditRegisterRead } from './read-audit.ts';
import type { BreachKind, BreachStatus } from './vocabulary.ts';

export interface CategorisedBreach {
  id: string;
  /** A short reference for people to quote ("B-" and the id's first eight characters). */
  reference: string;
  kind: BreachKind;
  categories: string[];
  /** The activities it affected, where named; empty when the record must link by category. */
  activities: string[];
  occurredAt: Date | null;
  awareAt: Date;
  status: BreachStatus;
}

/** The reference shown wherever a breach is listed beside others; the id stays the key. */
export const breachReference = (id: string) => `B-${id.slice(0, 8)}`;

interface Row {
  id: string;
  kind: BreachKind;
  categories: string[];
  activities: string[];
  occurred_at: Date | null;
  aware_at: Date;
  status: BreachStatus;
}

/**
 * Every breach and near miss of the caller's controller, oldest first, with what it affected. A
 * suspected breach a member of staff reported is left out until the DPO takes it into the register:
 * until then nobody has judged it a breach at all.
 */
export async function breachesByCategory(store: Store, call: Call): Promise<CategorisedBreach[]> {
  const rows = await store.db.query<Row>(
    `select id, kind, categories, activities, occurred_at, aware_at, status from breaches
      where controller_id = $1 and status <> 'reported' order by aware_at, id`,
    [call.actor.controllerId],
  );
  await auditRegisterRead(
    store,
    call,
    'breach.ropa',
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    reference: breachReference(r.id),
    kind: r.kind,
    categories: [...r.categories],
    activities: [...r.activities],
    occurredAt: r.occurred_at,
    awareAt: r.aware_at,
    status: r.status,
  }));
}
