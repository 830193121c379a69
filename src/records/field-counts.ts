/**
 * Counting the values of enum fields across people, for anonymised statistics: each person's most
 * recent record of the type is judged by the gate with the action "aggregate", opened with their
 * own key only if allowed, and its values added to the counts. Nothing about any one person leaves
 * this module: the answer is counts only, never ids or a person's values. Every person judged is
 * audited (action "stats.count", the fields, the outcome), a batch at a time, before the next batch
 * is read; a restricted person (Art. 18), or one who objected (Art. 21), is left out and said so.
 */
import { auditReason, decide, type Decision, type PersonRefusal } from '../access/decide.ts';
import { appendAudit } from '../audit/append.ts';
import { groupAccesses, type Access } from '../audit/group.ts';
import { lookup } from '../manifest/lookup.ts';
import type { Manifest, RecordType } from '../manifest/schema.ts';
import { recordAad, unseal } from '../store/person-keys.ts';
import type { ConsentRow } from './consent-gate.ts';
import { AccessDenied, InputError } from './errors.ts';
import { gateColumnsSql, gateState } from './people.ts';
import { auditEvent, manifestFor, recordDenial, type Call, type Store, vaultOf } from './store.ts';

export const COUNT_ACTION = 'stats.count';

/** How many people are read, unsealed and audited at a time. */
const BATCH = 500;

export interface CountWanted {
  recordType: string;
  /** Enum fields of the record type. */
  fields: readonly string[];
}

/** Why a person's answers were left out of the counts. */
export type LeftOut = 'restricted' | 'objected' | 'no-consent' | 'refused';

export interface FieldCount {
  field: string;
  /** People by value, every declared value present (0 when none). */
  values: Record<string, number>;
  /** People counted who gave no (or no recognised) answer for this field. */
  notAnswered: number;
}

export interface FieldCounts {
  recordType: string;
  fields: FieldCount[];
  /** People whose answers were counted. */
  counted: number;
  leftOut: Record<LeftOut, number>;
}

interface Row {
  id: string;
  restricted: boolean;
  objections: string[];
  consents: ConsentRow[];
  record_id: string;
  payload: Uint8Array;
  patch: string | null;
  team: string | null;
  assigned_to: string | null;
  closed_at: Date | null;
}

function checkWanted(manifest: Manifest, wanted: CountWanted): RecordType {
  const type = lookup(manifest).recordTypes.get(wanted.recordType);
  if (!type) throw new InputError('recordType', `"${wanted.recordType}" is not a declared record type`);
  if (wanted.fields.length === 0) throw new InputError('fields', 'name at least one field to count');
  for (const name of wanted.fields) {
    const field = type.fields.find((f) => f.name === name);
    if (!field) throw new InputError('fields', `"${name}" is not a field of ${type.name}`);
    if (field.type !== 'enum')
      throw new InputError(
        'fields',
        `"${name}" is not a field with a fixed list of answers, so it cannot be counted`,
      );
  }
  return type;
}

const LEFT_OUT_BY: Record<PersonRefusal, LeftOut> = {
  restriction: 'restricted',
  objection: 'objected',
  consent: 'no-consent',
};

const leftOutFor = (d: Decision): LeftOut => (d.refusedBy ? LEFT_OUT_BY[d.refusedBy] : 'refused');

/** The next batch of people holding a record of the type, each with their most recent such record. */
async function nextBatch(store: Store, controllerId: string, recordType: string, after: string | null) {
  return store.db.query<Row>(
    `select p.id, ${gateColumnsSql('p')},
            r.id as record_id, r.payload, r.patch, r.team, r.assigned_to, r.closed_at
       from people p
       join lateral (
         select x.id, x.payload, x.patch, x.team, x.assigned_to, x.closed_at from records x
          where x.person_id = p.id and x.controller_id = p.controller_id and x.record_type = $2
          order by x.created_at desc, x.id desc limit 1
       ) r on true
      where p.controller_id = $1 and p.erased_at is null and ($3::uuid is null or p.id > $3::uuid)
      order by p.id limit $4`,
    [controllerId, recordType, after, BATCH],
  );
}

/**
 * Count the values of `fields` across the controller's people. The actor must be allowed to
 * aggregate the type for the call's purpose; if they may not for anyone, the refusal is audited
 * and thrown before anything is read.
 */
export async function countFieldValues(store: Store, call: Call, wanted: CountWanted): Promise<FieldCounts> {
  const controllerId = call.actor.controllerId;
  const manifest = manifestFor(store, controllerId);
  const type = checkWanted(manifest, wanted);
  const now = store.now();
  const request = {
    actor: call.actor,
    purpose: call.purpose,
    action: 'aggregate' as const,
    controllerId,
    recordType: type.id,
    fields: wanted.fields,
    now,
  };
  // Judged first as for anyone in the actor's own patch and team, with nothing of their own in the
  // way (restriction, objection, consent): a role that may never count these fields is refused
  // once, on record, before a single person is read. A field it may not count is named.
  const upFront = decide(manifest, {
    ...request,
    personId: '',
    record: { patch: call.actor.patches?.[0], team: call.actor.teams?.[0], assignedTo: call.actor.id },
    consents: manifest.activities.map((a) => ({ activity: a.id, until: null })),
  });
  const missing = wanted.fields.find((f) => !upFront.fields.includes(f));
  if (!upFront.allowed || missing) {
    const reason = upFront.allowed ? `you may not count the field "${missing}"` : upFront.reason;
    await recordDenial(
      store,
      auditEvent(call, controllerId, now, {
        action: COUNT_ACTION,
        outcome: 'denied',
        fields: [...wanted.fields],
        reason,
      }),
    );
    throw new AccessDenied(reason);
  }
  const counts = new Map(
    wanted.fields.map((name) => {
      const values = type.fields.find((f) => f.name === name)!.values ?? [];
      return [name, { field: name, values: Object.fromEntries(values.map((v) => [v, 0])), notAnswered: 0 }];
    }),
  );
  const leftOut: Record<LeftOut, number> = { restricted: 0, objected: 0, 'no-consent': 0, refused: 0 };
  let counted = 0;
  for (let after: string | null = null; ;) {
    const rows = await nextBatch(store, controllerId, type.id, after);
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    const keys = await vaultOf(store).load(rows.map((r) => r.id));
    const accesses: Access[] = [];
    for (const row of rows) {
      const key = keys.get(row.id);
      if (!key) continue; // erased since (its key destroyed): nothing left to count
      const d = decide(manifest, {
        ...request,
        personId: row.id,
        record: { patch: row.patch, team: row.team, assignedTo: row.assigned_to, closedAt: row.closed_at },
        ...gateState(row, call),
      });
      // A person is counted in every table or in none, so each table's cells add up to the same
      // people: one whose decision leaves out a wanted field (a consent-bound category) is left out.
      const partial = d.allowed && wanted.fields.some((f) => !d.fields.includes(f));
      accesses.push({
        personId: row.id,
        recordId: row.record_id,
        outcome: d.allowed && !partial ? 'allowed' : 'denied',
        fields: d.fields,
        reason: partial ? 'not every field asked for may be counted for this person' : auditReason(d),
      });
      if (!d.allowed || partial) {
        leftOut[partial ? 'refused' : leftOutFor(d)] += 1;
        continue;
      }
      const payload = unseal<Record<string, unknown>>(
        key,
        row.payload,
        recordAad(controllerId, row.id, row.record_id),
      );
      for (const name of d.fields) {
        const c = counts.get(name)!;
        const value = payload[name];
        if (typeof value === 'string' && Object.hasOwn(c.values, value)) c.values[value]! += 1;
        else c.notAnswered += 1;
      }
      counted += 1;
    }
    // On record before the next batch is read; the counts are returned only after every batch is.
    await appendAudit(
      store.db,
      groupAccesses(
        auditEvent(call, controllerId, now, { action: COUNT_ACTION, outcome: 'allowed' }),
        accesses,
      ),
    );
  }
  return { recordType: type.id, fields: [...counts.values()], counted, leftOut };
}
