/**
 * Reading what a routine return holds, through the full gate: for each person, their details and
 * the records picked for the return, under the return's activity, with their restriction (Art. 18)
 * and objections (Art. 21) applied. A person the gate refuses is left out of the return whole, with
 * the reason. Every access, allowed or refused, is audited (one event per person) before any data
 * is returned.
 */
import { auditReason, decide, filterFields, type Decision } from '../access/decide.ts';
import { appendAudit } from '../audit/append.ts';
import { groupAccesses, type Access } from '../audit/group.ts';
import { aad, recordAad, unseal } from '../store/person-keys.ts';
import type { ConsentRow } from './consent-gate.ts';
import { InputError } from './errors.ts';
import { gateColumnsSql, gateState } from './people.ts';
import { auditEvent, manifestFor, PERSON_TYPE, type Call, type Store, vaultOf } from './store.ts';

export interface ReturnWants {
  controllerId: string;
  /** For each person, the records picked for the return (ids; may be empty). */
  people: ReadonlyMap<string, readonly string[]>;
  /** The fields wanted, by record type (PERSON_TYPE for the person's own details). */
  fields: ReadonlyMap<string, readonly string[]>;
  /** The audit action, e.g. "return.nfi". */
  action: string;
}

export interface OpenedRecord {
  id: string;
  recordType: string;
  fields: Record<string, unknown>;
}

export interface OpenedPerson {
  personId: string;
  details: Record<string, unknown>;
  records: OpenedRecord[];
}

/** Why a person is left out: restricted, objected, no consent, erased (or unknown), or refused by the gate. */
export type Exclusion = 'restricted' | 'objected' | 'no-consent' | 'erased' | 'refused';

export interface ReturnRead {
  opened: Map<string, OpenedPerson>;
  excluded: Map<string, Exclusion>;
  /** The gate's reason for the first person refused for a reason not their own (no role, out of scope). */
  refusal: string | null;
}

interface PersonRow {
  id: string;
  profile: Uint8Array;
  restricted: boolean;
  objections: string[];
  consents: ConsentRow[];
}

interface RecordRow {
  id: string;
  person_id: string;
  record_type: string;
  payload: Uint8Array;
  patch: string | null;
  team: string | null;
  assigned_to: string | null;
  closed_at: Date | null;
}

/** The person's own reasons (restriction, objection, consent) leave them out; any other refusal is the actor's. */
function exclusionOf(d: Decision): Exclusion {
  if (d.reason.includes('(Art. 18)')) return 'restricted';
  if (d.reason.includes('(Art. 21)')) return 'objected';
  return d.reason.includes('(Art. 7)') ? 'no-consent' : 'refused';
}

async function loadRows(store: Store, wants: ReturnWants) {
  const ids = [...wants.people.keys()];
  const recordIds = [...wants.people.values()].flat();
  const people = await store.db.query<PersonRow>(
    `select p.id, p.profile, ${gateColumnsSql('p')}
       from people p where p.id = any($1::uuid[]) and p.controller_id = $2 and p.erased_at is null`,
    [ids, wants.controllerId],
  );
  const records = await store.db.query<RecordRow>(
    `select id, person_id, record_type, payload, patch, team, assigned_to, closed_at from records
      where id = any($1::uuid[]) and controller_id = $2 order by created_at, id`,
    [recordIds, wants.controllerId],
  );
  return { people: new Map(people.map((p) => [p.id, p])), records };
}

export async function readForReturn(store: Store, call: Call, wants: ReturnWants): Promise<ReturnRead> {
  const manifest = manifestFor(store, wants.controllerId);
  const personFields = wants.fields.get(PERSON_TYPE);
  if (!personFields?.length)
    throw new InputError('fields', 'a return reads at least one of the person’s details');
  const now = store.now();
  const rows = await loadRows(store, wants);
  const keys = await vaultOf(store).load([...rows.people.keys()]);
  const byPerson = new Map<string, RecordRow[]>();
  for (const r of rows.records) {
    const list = byPerson.get(r.person_id);
    if (list) list.push(r);
    else byPerson.set(r.person_id, [r]);
  }
  const opened = new Map<string, OpenedPerson>();
  const excluded = new Map<string, Exclusion>();
  let refusal: string | null = null;
  const accesses: Access[] = [];
  for (const personId of wants.people.keys()) {
    const person = rows.people.get(personId);
    const key = keys.get(personId);
    if (!person || !key) {
      excluded.set(personId, 'erased');
      continue;
    }
    const base = {
      actor: call.actor,
      purpose: call.purpose,
      action: 'read' as const,
      controllerId: wants.controllerId,
      personId,
      ...gateState(person),
      now,
    };
    const d = decide(manifest, { ...base, recordType: PERSON_TYPE, fields: personFields });
    accesses.push({
      personId,
      recordId: null,
      outcome: d.allowed ? 'allowed' : 'denied',
      fields: d.fields,
      reason: auditReason(d),
    });
    if (!d.allowed) {
      excluded.set(personId, exclusionOf(d));
      if (exclusionOf(d) === 'refused') refusal ??= d.reason;
      continue;
    }
    const details = filterFields(
      unseal<Record<string, unknown>>(key, person.profile, aad(wants.controllerId, personId, 'profile')),
      d.fields,
    );
    const records: OpenedRecord[] = [];
    for (const r of byPerson.get(personId) ?? []) {
      const rd = decide(manifest, {
        ...base,
        recordType: r.record_type,
        fields: wants.fields.get(r.record_type),
        record: { patch: r.patch, team: r.team, assignedTo: r.assigned_to, closedAt: r.closed_at },
      });
      accesses.push({
        personId,
        recordId: r.id,
        outcome: rd.allowed ? 'allowed' : 'denied',
        fields: rd.fields,
        reason: auditReason(rd),
      });
      if (!rd.allowed) continue;
      const payload = unseal<Record<string, unknown>>(
        key,
        r.payload,
        recordAad(wants.controllerId, personId, r.id),
      );
      records.push({ id: r.id, recordType: r.record_type, fields: filterFields(payload, rd.fields) });
    }
    opened.set(personId, { personId, details, records });
  }
  await appendAudit(
    store.db,
    groupAccesses(
      auditEvent(call, wants.controllerId, now, { action: wants.action, outcome: 'allowed' }),
      accesses,
    ),
  );
  return { opened, excluded, refusal };
}
