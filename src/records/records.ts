/**
 * Records of the types the manifest declares, about one person (the subject), optionally
 * mentioning others. The payload is sealed under the subject's data key. Every read and write
 * passes the access gate and is audited in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { decide, filterFields, type AccessRequest, type Decision, auditReason } from '../access/decide.ts';
import { appendAudit } from '../audit/append.ts';
import { readAudit } from '../audit/group-commit.ts';
import { groupAccesses, type Access } from '../audit/group.ts';
import type { AuditEvent } from '../audit/event.ts';
import { lookup } from '../manifest/lookup.ts';
import type { Manifest } from '../manifest/schema.ts';
import { aad, seal, unseal, recordAad } from '../store/person-keys.ts';
import { AccessDenied, InputError, NotFound } from './errors.ts';
import { RECORD_COLUMNS, recordContext, type RecordRow } from './record-rows.ts';
import { lifecycleDates } from './lifecycle.ts';
import { checkPayload } from './payload.ts';
import { gateState, loadPersonRow, type Profile } from './people.ts';
import {
  auditEvent,
  manifestFor,
  PERSON_TYPE,
  recordDenial,
  type Call,
  type Store,
  vaultOf,
} from './store.ts';

export const MENTION_PARTS = [
  'complainant',
  'witness',
  'alleged-perpetrator',
  'household-member',
  'staff',
  'caller',
  'representative',
  'other',
] as const;

export interface NewRecord {
  controllerId: string;
  personId: string;
  recordType: string;
  payload: Record<string, unknown>;
  patch?: string;
  team?: string;
  assignedTo?: string;
  occurredAt?: Date;
  closedAt?: Date;
  endedAt?: Date;
  mentions?: { personId: string; part: (typeof MENTION_PARTS)[number] }[];
}

function checkNewRecord(manifest: Manifest, input: NewRecord): Record<string, unknown> {
  const type = lookup(manifest).recordTypes.get(input.recordType);
  if (!type || type.id === PERSON_TYPE)
    throw new InputError('recordType', `"${input.recordType}" is not a record type the manifest declares`);
  const payload = checkPayload(type, input.payload);
  input.mentions?.forEach((m, i) => {
    if (!MENTION_PARTS.includes(m.part))
      throw new InputError(`mentions[${i}].part`, `must be one of ${MENTION_PARTS.join(', ')}`);
  });
  return payload;
}

async function denyAndThrow(
  store: Store,
  call: Call,
  controllerId: string,
  event: Partial<AuditEvent>,
  error: Error,
): Promise<never> {
  await recordDenial(
    store,
    auditEvent(call, controllerId, store.now(), {
      action: 'record.create',
      outcome: 'denied',
      reason: error.message,
      ...event,
    }),
  );
  throw error;
}

export async function createRecord(store: Store, call: Call, input: NewRecord): Promise<string> {
  const manifest = manifestFor(store, input.controllerId);
  let payload: Record<string, unknown>;
  try {
    payload = checkNewRecord(manifest, input);
  } catch (error) {
    return denyAndThrow(store, call, input.controllerId, { personId: null }, error as Error);
  }
  const person = await loadPersonRow(store.db, input.personId, call.actor.id);
  if (!person) return denyAndThrow(store, call, input.controllerId, {}, new NotFound('the person'));
  if (person.controller_id !== input.controllerId) {
    return denyAndThrow(
      store,
      call,
      input.controllerId,
      {},
      new InputError('controllerId', 'the person belongs to another controller'),
    );
  }
  const now = store.now();
  const decision = decide(manifest, {
    actor: call.actor,
    purpose: call.purpose,
    action: 'create',
    controllerId: input.controllerId,
    personId: input.personId,
    recordType: input.recordType,
    record: { patch: input.patch, team: input.team, assignedTo: input.assignedTo ?? call.actor.id },
    ...gateState(person, call),
    now,
  });
  const outside = Object.keys(payload).find((f) => !decision.fields.includes(f));
  if (!decision.allowed || outside) {
    const reason = decision.allowed ? `you may not write the field "${outside}"` : decision.reason;
    return denyAndThrow(
      store,
      call,
      input.controllerId,
      { personId: input.personId },
      new AccessDenied(reason),
    );
  }
  const id = randomUUID();
  const dates = lifecycleDates(lookup(manifest).recordTypes.get(input.recordType)!, payload, input);
  const key = (await vaultOf(store).load([input.personId])).get(input.personId);
  if (!key) throw new NotFound('the person');
  await store.db.transaction(async (tx) => {
    await tx.query(
      `insert into records (id, controller_id, person_id, record_type, payload, patch, team, assigned_to, created_at, occurred_at, closed_at, ended_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $9)`,
      [
        id,
        input.controllerId,
        input.personId,
        input.recordType,
        seal(key, payload, recordAad(input.controllerId, input.personId, id)),
        input.patch ?? null,
        input.team ?? null,
        input.assignedTo ?? null,
        now,
        dates.occurredAt ?? null,
        dates.closedAt ?? null,
        dates.endedAt ?? null,
      ],
    );
    for (const m of input.mentions ?? []) {
      await tx.query(
        'insert into mentions (record_id, person_id, controller_id, part) values ($1, $2, $3, $4) on conflict do nothing',
        [id, m.personId, input.controllerId, m.part],
      );
    }
    await appendAudit(tx, [
      auditEvent(call, input.controllerId, now, {
        action: 'record.create',
        outcome: 'allowed',
        personId: input.personId,
        recordIds: [id],
        fields: Object.keys(payload),
      }),
    ]);
  });
  return id;
}

export interface RecordView {
  id: string;
  recordType: string;
  createdAt: Date;
  fields: Record<string, unknown>;
}

export interface PersonFile {
  personId: string;
  profile: Profile;
  records: RecordView[];
  /** How many records exist that this actor may not see (they are audited as denied). */
  withheld: number;
}

/** A person's whole file as this actor may see it: one query, one key unwrap, one audit batch. */
export async function readPersonFile(store: Store, call: Call, personId: string): Promise<PersonFile> {
  const now = store.now();
  // Three independent reads at once (on a server they use separate connections); no transaction is
  // needed because nothing is returned until the audit event is written.
  const [keys, person, rows] = await Promise.all([
    vaultOf(store).load([personId]),
    loadPersonRow(store.db, personId, call.actor.id),
    store.db.query<RecordRow>(
      `select ${RECORD_COLUMNS} from records where person_id = $1 order by created_at, id`,
      [personId],
    ),
  ]);
  if (!person) throw new NotFound('the person');
  const decided = decideFile(store, call, now, person, rows);
  // Decryption overlaps the audit write's round trip; the file is returned only once the write
  // has committed, so no read goes unrecorded. Concurrent reads share one commit (group-commit.ts).
  const audited = readAudit(store.db).append(decided.events);
  // Let the driver take a connection and send the statement before the CPU-bound decryption.
  await new Promise((resolve) => setImmediate(resolve));
  let file: PersonFile;
  try {
    file = openFile(decided, person, keys.get(personId));
  } catch (error) {
    await audited.catch(() => undefined);
    throw error;
  }
  await audited;
  if (!decided.profileDecision.allowed && file.records.length === 0)
    throw new AccessDenied(decided.profileDecision.reason);
  return file;
}

type PersonContext = NonNullable<Awaited<ReturnType<typeof loadPersonRow>>>;

interface DecidedFile {
  events: AuditEvent[];
  profileDecision: Decision;
  /** The rows this actor may see, with the fields each may show. */
  permitted: { row: RecordRow; fields: Decision['fields'] }[];
  withheld: number;
}

/** Every decision for one file read, and the audit events that record them. */
function decideFile(
  store: Store,
  call: Call,
  now: Date,
  person: PersonContext,
  rows: RecordRow[],
): DecidedFile {
  const personId = person.id;
  const manifest = manifestFor(store, person.controller_id);
  const base: Omit<AccessRequest, 'recordType'> = {
    actor: call.actor,
    purpose: call.purpose,
    action: 'read',
    controllerId: person.controller_id,
    personId,
    ...gateState(person, call),
    now,
  };
  const profileDecision = decide(manifest, {
    ...base,
    recordType: PERSON_TYPE,
    record: { patch: person.patch, assignedTo: person.assigned ? call.actor.id : null },
  });
  const events: AuditEvent[] = [
    auditEvent(call, person.controller_id, now, {
      action: 'person.read',
      personId,
      outcome: profileDecision.allowed ? 'allowed' : 'denied',
      fields: profileDecision.fields,
      reason: auditReason(profileDecision),
    }),
  ];
  const permitted: DecidedFile['permitted'] = [];
  const accesses: Access[] = [];
  // A file's records mostly share their type and context, and decide() is pure: decide each
  // distinct context once.
  const decisions = new Map<string, Decision>();
  for (const row of rows) {
    const context = `${row.record_type}\u0000${row.patch}\u0000${row.team}\u0000${row.assigned_to}\u0000${row.closed_at?.getTime()}`;
    let d = decisions.get(context);
    if (!d) {
      d = decide(manifest, {
        ...base,
        recordType: row.record_type,
        record: recordContext(row),
      });
      decisions.set(context, d);
    }
    accesses.push({
      personId,
      recordId: row.id,
      outcome: d.allowed ? 'allowed' : 'denied',
      fields: d.fields,
      reason: auditReason(d),
    });
    if (d.allowed) permitted.push({ row, fields: d.fields });
  }
  events.push(
    ...groupAccesses(
      auditEvent(call, person.controller_id, now, { action: 'record.read', outcome: 'allowed' }),
      accesses,
    ),
  );
  return { events, profileDecision, permitted, withheld: rows.length - permitted.length };
}

/** Decrypt what was decided, keeping only the permitted fields. */
function openFile(decided: DecidedFile, person: PersonContext, key: Buffer | null | undefined): PersonFile {
  const personId = person.id;
  const profile = decided.profileDecision.allowed
    ? filterFields(
        unseal<Profile>(key, person.profile, aad(person.controller_id, personId, 'profile')),
        decided.profileDecision.fields,
      )
    : {};
  const records = decided.permitted.map(({ row, fields }) => ({
    id: row.id,
    recordType: row.record_type,
    createdAt: row.created_at,
    fields: filterFields(
      unseal<Record<string, unknown>>(key, row.payload, recordAad(person.controller_id, personId, row.id)),
      fields,
    ),
  }));
  return { personId, profile, records, withheld: decided.withheld };
}
