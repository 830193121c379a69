/**
 * The register as the record of processing (Art. 30) reads it: each breach's reference, the data
 * categories it affected and its dates, and nothing about the incident or the people. Read like
 * the register page reads it (listBreaches): by controller, from the breaches table only, with no
 * personal data, so no gate decision or audit event is needed.
 */
import type { Store } from '../records/store.ts';
import type { BreachKind } from './vocabulary.ts';

export interface CategorisedBreach {
  id: string;
  /** A short reference for people to quote ("B-" and the id's first eight characters). */
  reference: string;
  kind: BreachKind;
  categories: string[];
  occurredAt: Date | null;
  awareAt: Date;
  status: 'open' | 'closed';
}

/** The reference shown wherever a breach is listed beside others; the id stays the key. */
export const breachReference = (id: string) => `B-${id.slice(0, 8)}`;

interface Row {
  id: string;
  kind: BreachKind;
  categories: string[];
  occurred_at: Date | null;
  aware_at: Date;
  status: 'open' | 'closed';
}

/** Every breach and near miss of the controller, oldest first, with the categories it affected. */
export async function breachesByCategory(store: Store, controllerId: string): Promise<CategorisedBreach[]> {
  const rows = await store.db.query<Row>(
    `select id, kind, categories, occurred_at, aware_at, status from breaches
      where controller_id = $1 order by aware_at, id`,
    [controllerId],
  );
  return rows.map((r) => ({
    id: r.id,
    reference: breachReference(r.id),
    kind: r.kind,
    categories: [...r.categories],
    occurredAt: r.occurred_at,
    awareAt: r.aware_at,
    status: r.status,
  }));
}
