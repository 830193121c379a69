/**
 * Rectification (UK GDPR Art. 16): correcting one field of a person's details or of one of their
 * records, keeping the history. The value replaced, the new one and the reason are sealed under the
 * person's key in the same transaction as the change and its audit event; who and when are in
 * clear. The field must be one the actor may update for the purpose given. A correction made for
 * a rectification request may be made while processing is restricted (settling contested accuracy
 * is what the restriction waits for); any other correction may not.
 */
import { randomUUID } from 'node:crypto';
import { decide, type ConsentInForce } from '../access/decide.ts';
import { appendAudit } from '../audit/append.ts';
import { lookup } from '../manifest/lookup.ts';
import type { RecordType } from '../manifest/schema.ts';
import type { Queryable } from '../store/db.ts';
import { aad, recordAad, seal, unseal } from '../store/person-keys.ts';
import { AccessDenied, InputError, NotFound } from './errors.ts';
import { lifecycleDates } from './lifecycle.ts';
import { lookupToken, PROFILE_LOOKUPS, type LookupKind } from './lookup-tokens.ts';
import { cleanText } from './formats.ts';
import { checkPayload } from './payload.ts';
import { gateState, loadPersonRow } from './people.ts';
import {
  auditEvent,
  manifestFor,
  PERSON_TYPE,
  recordDenial,
  type Call,
  type Store,
  vaultOf,
} from './store.ts';

export interface Correction {
  personId: string;
  /** The record to correct; absent for the person's own details. */
  recordId?: string | null;
  field: string;
  /** The correct value; null removes an optional field. */
  value: unknown;
  /** Why the value was wrong, as the history will show it (sealed). */
  reason: string;
  /** The rectification request this answers, if any (checked by the caller). */
  requestId?: string | null;
}

export interface Corrected {
  id: string;
  personId: string;
  recordId: string | null;
  recordType: string;
  field: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Target {
  controllerId: string;
  type: RecordType;
  recordId: string | null;
  sealed: Uint8Array;
  where: string;
  context: {
    patch?: string | null;
    team?: string | null;
    assignedTo?: string | null;
    closedAt?: Date | null;
  };
  restricted: boolean;
  objections: readonly string[];
  consents?: readonly ConsentInForce[];
}

function checkShape(input: Correction): void {
  if (typeof input?.personId !== 'string' || !UUID.test(input.personId))
    throw new InputError('personId', 'is not a valid id');
  if (input.recordId != null && (typeof input.recordId !== 'string' || !UUID.test(input.recordId)))
    throw new InputError('recordId', 'is not a valid id');
  if (typeof input.field !== 'string' || !input.field) throw new InputError('field', 'is required');
  if (typeof input.reason !== 'string' || !input.reason.trim()) throw new InputError('reason', 'is required');
  if (input.value === undefined)
    throw new InputError('value', 'is required (null removes an optional field)');
}

/** The person's details or one of their records, as the gate and the correction need them. */
async function targetOf(
  q: Queryable,
  store: Store,
  call: Call,
  input: Correction,
  lock: boolean,
): Promise<Target> {
  const person = await loadPersonRow(q, input.personId, call.actor.id);
  if (!person || person.controller_id !== call.actor.controllerId)
    throw new NotFound('the person (personId)');
  const types = lookup(manifestFor(store, person.controller_id)).recordTypes;
  const base = { controllerId: person.controller_id, ...gateState(person, call) };
  if (input.recordId == null) {
    const type = types.get(PERSON_TYPE)!;
    if (lock) await q.query('select id from people where id = $1 for update', [person.id]);
    return {
      ...base,
      type,
      recordId: null,
      sealed: person.profile,
      where: aad(person.controller_id, person.id, 'profile'),
      context: { patch: person.patch, assignedTo: person.assigned ? call.actor.id : null },
    };
  }
  const [r] = await q.query<{
    record_type: string;
    payload: Uint8Array;
    patch: string | null;
    team: string | null;
    assigned_to: string | null;
    closed_at: Date | null;
  }>(
    `select record_type, payload, patch, team, assigned_to, closed_at from records
      where id = $1 and person_id = $2${lock ? ' for update' : ''}`,
    [input.recordId, person.id],
  );
  if (!r) throw new InputError('recordId', 'is not a record of this person');
  return {
    ...base,
    type: types.get(r.record_type)!,
    recordId: input.recordId,
    sealed: r.payload,
    where: recordAad(person.controller_id, person.id, input.recordId),
    context: { patch: r.patch, team: r.team, assignedTo: r.assigned_to, closedAt: r.closed_at },
  };
}

/** The payload with the field corrected, checked against its type; problems are the value's. */
function corrected(type: RecordType, payload: Record<string, unknown>, field: string, value: unknown) {
  const next = { ...payload };
  if (value === null) delete next[field];
  else next[field] = value;
  let checked: Record<string, unknown>;
  try {
    // As stored: identifiers normalised and free text cleaned, so "ab 12 34 56 c" is AB123456C.
    checked = checkPayload(type, next);
  } catch (error) {
    // A problem with another field is that field's (a held value that no longer passes), not the new value's.
    const other =
      error instanceof InputError && error.field.startsWith('payload.') && error.field !== `payload.${field}`;
    if (error instanceof InputError) throw new InputError(other ? error.field : 'value', error.reason);
    throw error;
  }
  if (JSON.stringify(payload[field] ?? null) === JSON.stringify(checked[field] ?? null))
    throw new InputError('value', 'is the value already held');
  return checked;
}

async function writeLookup(
  tx: Queryable,
  store: Store,
  controllerId: string,
  personId: string,
  field: string,
  value: unknown,
) {
  const kind = (Object.keys(PROFILE_LOOKUPS) as LookupKind[]).find((k) => PROFILE_LOOKUPS[k] === field);
  if (!kind) return;
  await tx.query('delete from person_lookup where person_id = $1 and kind = $2', [personId, kind]);
  if (typeof value !== 'string' || !value.trim()) return;
  await tx.query(
    'insert into person_lookup (controller_id, kind, token, person_id) values ($1, $2, $3, $4) on conflict do nothing',
    [controllerId, kind, lookupToken(store.keys.lookupKey(controllerId), kind, value), personId],
  );
}

async function writeCorrection(
  tx: Queryable,
  store: Store,
  t: Target,
  personId: string,
  field: string,
  next: Record<string, unknown>,
  key: Buffer,
  now: Date,
): Promise<void> {
  const sealed = seal(key, next, t.where);
  if (t.recordId === null) {
    await tx.query('update people set profile = $2, updated_at = $3 where id = $1', [personId, sealed, now]);
    await writeLookup(tx, store, t.controllerId, personId, field, next[field]);
    return;
  }
  // A corrected lifecycle field moves the date retention keys on.
  const dates = lifecycleDates(t.type, next);
  const column = (['occurred', 'closed', 'ended'] as const).find((k) => t.type.lifecycle?.[k] === field);
  const value =
    column && { occurred: dates.occurredAt, closed: dates.closedAt, ended: dates.endedAt }[column];
  await tx.query(
    `update records set payload = $2, updated_at = $3${column ? `, ${column}_at = $4` : ''} where id = $1`,
    column ? [t.recordId, sealed, now, value ?? null] : [t.recordId, sealed, now],
  );
}

export async function rectify(store: Store, call: Call, input: Correction): Promise<Corrected> {
  const action = input?.recordId ? 'record.rectify' : 'person.rectify';
  const controllerId = call.actor.controllerId;
  const now = store.now();
  const denied = (error: Error, personId: string | null) =>
    recordDenial(
      store,
      auditEvent(call, controllerId, now, { action, outcome: 'denied', personId, reason: error.message }),
    );
  try {
    checkShape(input);
  } catch (error) {
    await denied(error as Error, null);
    throw error;
  }
  const key = (await vaultOf(store).load([input.personId])).get(input.personId);
  const id = randomUUID();
  try {
    return await store.db.transaction(async (tx) => {
      const t = await targetOf(tx, store, call, input, true);
      if (!t.type.fields.some((f) => f.name === input.field))
        throw new InputError('field', `"${input.field}" is not a field of ${t.type.name}`);
      const decision = decide(manifestFor(store, t.controllerId), {
        actor: call.actor,
        purpose: call.purpose,
        action: 'update',
        controllerId: t.controllerId,
        personId: input.personId,
        recordType: t.type.id,
        fields: [input.field],
        record: t.context,
        restricted: input.requestId ? false : t.restricted,
        objections: t.objections,
        consents: t.consents,
        now,
      });
      if (!decision.allowed || !decision.fields.includes(input.field))
        throw new AccessDenied(
          decision.allowed ? `you may not correct the field "${input.field}"` : decision.reason,
        );
      const old = unseal<Record<string, unknown>>(key, t.sealed, t.where);
      const next = corrected(t.type, old, input.field, input.value);
      await writeCorrection(tx, store, t, input.personId, input.field, next, key!, now);
      await tx.query(
        `insert into rectifications (id, controller_id, person_id, record_id, record_type, field, request_id, change, actor, actor_kind, at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          id,
          t.controllerId,
          input.personId,
          t.recordId,
          t.type.id,
          input.field,
          input.requestId ?? null,
          seal(
            key!,
            {
              old: old[input.field] ?? null,
              new: next[input.field] ?? null,
              reason: cleanText(input.reason),
            },
            aad(t.controllerId, input.personId, `rectifications/${id}`),
          ),
          call.actor.id,
          call.actor.kind,
          now,
        ],
      );
      await appendAudit(tx, [
        auditEvent(call, t.controllerId, now, {
          action,
          outcome: 'allowed',
          personId: input.personId,
          recordIds: t.recordId ? [t.recordId] : [],
          fields: [input.field],
          reason: input.requestId
            ? `Art. 16 rectification for request ${input.requestId}`
            : 'Art. 16 rectification',
        }),
      ]);
      return {
        id,
        personId: input.personId,
        recordId: t.recordId,
        recordType: t.type.id,
        field: input.field,
      };
    });
  } catch (error) {
    if (error instanceof InputError || error instanceof NotFound || error instanceof AccessDenied)
      await denied(error, error instanceof NotFound ? null : input.personId);
    throw error;
  }
}
