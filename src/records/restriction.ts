/**
 * Restricting processing (Art. 18): while a person's data is restricted the gate refuses every
 * read and change, leaving only storage. Setting or lifting it needs the right to update the
 * person's details for the purpose given, judged as if the data were not restricted. Restricting
 * someone already restricted keeps the day it began.
 */
import { decide } from '../access/decide.ts';
import { appendAudit } from '../audit/append.ts';
import { AccessDenied, InputError, NotFound } from './errors.ts';
import { gateState, loadPersonRow } from './people.ts';
import { auditEvent, manifestFor, PERSON_TYPE, recordDenial, type Call, type Store } from './store.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function setRestriction(
  store: Store,
  call: Call,
  personId: string,
  restricted: boolean,
  reason: string,
): Promise<void> {
  const now = store.now();
  const action = restricted ? 'person.restrict' : 'person.unrestrict';
  const refuse = async (error: Error, known: boolean) => {
    await recordDenial(
      store,
      auditEvent(call, call.actor.controllerId, now, {
        action,
        outcome: 'denied',
        personId: known ? personId : null,
        reason: error.message,
      }),
    );
    throw error;
  };
  if (typeof personId !== 'string' || !UUID.test(personId))
    return refuse(new InputError('personId', 'must be the id of a person'), false);
  if (typeof reason !== 'string' || !reason.trim())
    return refuse(
      new InputError('reason', 'is required: say why processing is restricted or resumed'),
      false,
    );
  const person = await loadPersonRow(store.db, personId, call.actor.id);
  if (!person || person.controller_id !== call.actor.controllerId)
    return refuse(new NotFound('the person'), false);
  const decision = decide(manifestFor(store, person.controller_id), {
    actor: call.actor,
    purpose: call.purpose,
    action: 'update',
    controllerId: person.controller_id,
    personId,
    recordType: PERSON_TYPE,
    record: { patch: person.patch, assignedTo: person.assigned ? call.actor.id : null },
    ...gateState(person, call),
    restricted: false,
    now,
  });
  if (!decision.allowed) return refuse(new AccessDenied(decision.reason), true);
  await store.db.transaction(async (tx) => {
    await tx.query(
      `update people set restricted_since = case when $2 then coalesce(restricted_since, $3) end where id = $1`,
      [personId, restricted, now],
    );
    await appendAudit(tx, [
      auditEvent(call, person.controller_id, now, { action, outcome: 'allowed', personId, reason }),
    ]);
  });
}
