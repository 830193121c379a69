/**
 * The gate for acting on a person's rights (UK GDPR Arts 15–22): planning or carrying out an
 * erasure, restricting, recording or settling an objection, consent, reviews of automated
 * decisions. The actor must be allowed to act on the person's details for the purpose given,
 * judged as "create" so that a restriction (Art. 18) does not block the handling of the request it
 * may be waiting on. Every refusal is audited.
 *
 * People acting about themselves pass the same gate: where an act is theirs to do (byThePerson),
 * decide() judges it, and refuses anything about someone else (decideForSubject).
 */
import { decide } from '../access/decide.ts';
import { AccessDenied, NotFound } from './errors.ts';
import { gateState, loadPersonRow } from './people.ts';
import { auditEvent, manifestFor, PERSON_TYPE, recordDenial, type Call, type Store } from './store.ts';

/** The person as the gate sees them; an erased person (when allowed) has no patch or assignment. */
async function personForGate(store: Store, personId: string, actorId: string, allowErased: boolean) {
  const row = await loadPersonRow(store.db, personId, actorId);
  if (row || !allowErased)
    return (
      row && {
        controllerId: row.controller_id,
        patch: row.patch,
        assigned: row.assigned,
        objections: row.objections,
        consents: gateState(row).consents,
      }
    );
  const [erased] = await store.db.query<{ controller_id: string }>(
    'select controller_id from people where id = $1 and erased_at is not null',
    [personId],
  );
  return (
    erased && {
      controllerId: erased.controller_id,
      patch: null,
      assigned: false,
      objections: [],
      consents: [],
    }
  );
}

/**
 * May the actor act on this person's rights? Throws (audited) when not; returns the controller.
 * `erased: 'allow'` admits a person already erased, for reading back what was done; `byThePerson`
 * lets people do this for themselves (else only staff and services may act on someone's rights).
 */
export async function gateRightsAction(
  store: Store,
  call: Call,
  personId: string,
  action: string,
  options: { erased?: 'allow'; byThePerson?: boolean } = {},
): Promise<string> {
  if (call.actor.kind === 'subject' && !options.byThePerson) {
    // The landlord's part of rights work (see refusePersonUnlessTheirs in rights/requests/gate.ts).
    const reason = 'this is done by our staff: ask us by making a request';
    await recordDenial(
      store,
      auditEvent(call, call.actor.controllerId, store.now(), { action, outcome: 'denied', reason }),
    );
    throw new AccessDenied(reason);
  }
  if (call.actor.kind === 'subject' && call.actor.personId !== personId) {
    // Refused before any look-up, so a person cannot learn which other ids exist.
    const reason = 'people may read or act on only their own records';
    await recordDenial(
      store,
      auditEvent(call, call.actor.controllerId, store.now(), { action, personId, outcome: 'denied', reason }),
    );
    throw new AccessDenied(reason);
  }
  const person = await personForGate(store, personId, call.actor.id, options.erased === 'allow');
  const now = store.now();
  if (!person || person.controllerId !== call.actor.controllerId) {
    await recordDenial(
      store,
      auditEvent(call, call.actor.controllerId, now, { action, outcome: 'denied', reason: 'no such person' }),
    );
    throw new NotFound('the person (personId)');
  }
  const decision = decide(manifestFor(store, person.controllerId), {
    actor: call.actor,
    purpose: call.purpose,
    action: 'create',
    controllerId: person.controllerId,
    personId,
    recordType: PERSON_TYPE,
    record: { patch: person.patch, assignedTo: person.assigned ? call.actor.id : null },
    objections: person.objections,
    consents: person.consents,
    now,
  });
  if (!decision.allowed) {
    await recordDenial(
      store,
      auditEvent(call, person.controllerId, now, {
        action,
        outcome: 'denied',
        personId,
        reason: decision.reason,
      }),
    );
    throw new AccessDenied(decision.reason);
  }
  return person.controllerId;
}
