/**
 * What is held about a person, for an erasure decision (UK GDPR Art. 17): their records, their
 * parts in other people's records, documents, and whether they still hold a tenancy. Ids, types
 * and lifecycle dates only: deciding what may go never needs to open sealed data. Taking it is
 * rights work on the person: gate it first with gateRightsAction (rights-gate.ts).
 */
import type { Queryable } from '../store/db.ts';
import { heldRecordIds, personIsHeld } from './holds.ts';

export interface Lifecycle {
  createdAt: Date;
  occurredAt: Date | null;
  closedAt: Date | null;
  endedAt: Date | null;
}

export interface HeldRecord extends Lifecycle {
  id: string;
  recordType: string;
  /** Documents attached to the record: they go with it. */
  documents: number;
  /** A legal hold in force covers it (records/holds.ts): it is kept for legal claims. */
  held: boolean;
}

export interface HeldMention extends Lifecycle {
  recordId: string;
  recordType: string;
  /** Whose file holds the record. */
  holderId: string;
  parts: string[];
  /** A legal hold in force covers the record: the person's part in it is kept for legal claims. */
  held: boolean;
}

export interface Inventory {
  personId: string;
  controllerId: string;
  records: HeldRecord[];
  mentions: HeldMention[];
  /** Documents attached to the person alone (an ID scan): they go with the person's details. */
  personDocuments: number;
  /** Tenancies the person is a party to: none, a current one, or the day the last one ended. */
  tenancy: { held: boolean; current: boolean; lastEnded: Date | null };
  /** A legal hold in force covers the person: their details are kept, they are not erased entirely. */
  personHeld: boolean;
  /** Activity → when their consent to it was withdrawn, for consents standing withdrawn (the ledger). */
  consentsWithdrawn?: Map<string, Date>;
}

interface LifecycleRow {
  created_at: Date;
  occurred_at: Date | null;
  closed_at: Date | null;
  ended_at: Date | null;
}

const lifecycle = (r: LifecycleRow): Lifecycle => ({
  createdAt: r.created_at,
  occurredAt: r.occurred_at,
  closedAt: r.closed_at,
  endedAt: r.ended_at,
});

async function heldRecords(q: Queryable, personId: string): Promise<HeldRecord[]> {
  const rows = await q.query<LifecycleRow & { id: string; record_type: string; documents: number }>(
    `select r.id, r.record_type, r.created_at, r.occurred_at, r.closed_at, r.ended_at,
            (select count(*)::int from documents d where d.record_id = r.id) as documents
       from records r where r.person_id = $1 order by r.created_at, r.id`,
    [personId],
  );
  return rows.map((r) => ({
    id: r.id,
    recordType: r.record_type,
    documents: r.documents,
    held: false,
    ...lifecycle(r),
  }));
}

async function heldMentions(q: Queryable, personId: string): Promise<HeldMention[]> {
  const rows = await q.query<
    LifecycleRow & { record_id: string; record_type: string; holder_id: string; parts: string[] }
  >(
    `select r.id as record_id, r.record_type, r.person_id as holder_id, r.created_at, r.occurred_at,
            r.closed_at, r.ended_at, array_agg(m.part order by m.part) as parts
       from mentions m join records r on r.id = m.record_id
      where m.person_id = $1 and r.person_id <> $1
      group by r.id order by r.created_at, r.id`,
    [personId],
  );
  return rows.map((r) => ({
    recordId: r.record_id,
    recordType: r.record_type,
    holderId: r.holder_id,
    parts: r.parts,
    held: false,
    ...lifecycle(r),
  }));
}

async function tenancyOf(q: Queryable, personId: string): Promise<Inventory['tenancy']> {
  const [row] = await q.query<{ held: number; current: number; last_ended: string | null }>(
    `select count(*)::int as held, count(*) filter (where t.ended_on is null)::int as current,
            max(t.ended_on) as last_ended
       from tenancy_parties tp join tenancies t on t.id = tp.tenancy_id where tp.person_id = $1`,
    [personId],
  );
  return {
    held: (row?.held ?? 0) > 0,
    current: (row?.current ?? 0) > 0,
    lastEnded: row?.last_ended ? new Date(`${row.last_ended}T00:00:00Z`) : null,
  };
}

/** When each consent standing withdrawn was withdrawn: as the sweep reads it (records/disposal-due.ts). */
async function withdrawnConsents(q: Queryable, personId: string): Promise<Map<string, Date>> {
  const rows = await q.query<{ activity_id: string; at: Date }>(
    `select c.activity_id, max(e.at) as at from consent_records c
       join consent_events e on e.record_id = c.id and e.state = 'withdrawn'
      where c.person_id = $1 and c.status = 'withdrawn' group by c.activity_id`,
    [personId],
  );
  return new Map(rows.map((r) => [r.activity_id, new Date(r.at)]));
}

/** Everything held about the person, by id, type and date. Call after gateRightsAction (rights-gate.ts). */
export async function takeInventory(
  q: Queryable,
  personId: string,
  controllerId: string,
): Promise<Inventory> {
  // One after another: inside a transaction the queries share one connection anyway.
  const records = await heldRecords(q, personId);
  const mentions = await heldMentions(q, personId);
  const tenancy = await tenancyOf(q, personId);
  const docs = await q.query<{ n: number }>(
    'select count(*)::int as n from documents where person_id = $1 and record_id is null',
    [personId],
  );
  const held = await heldRecordIds(q, controllerId, [
    ...records.map((r) => r.id),
    ...mentions.map((m) => m.recordId),
  ]);
  for (const r of records) r.held = held.has(r.id);
  for (const m of mentions) m.held = held.has(m.recordId);
  const personHeld = await personIsHeld(q, controllerId, personId);
  const consentsWithdrawn = await withdrawnConsents(q, personId);
  return {
    personId,
    controllerId,
    records,
    mentions,
    personDocuments: docs[0]?.n ?? 0,
    tenancy,
    personHeld,
    consentsWithdrawn,
  };
}
