/**
 * Rights work goes through the same gate as any other use of a person's data: the person must
 * exist (and not be erased) under the controller, and the actor must be allowed to act on their
 * details for the purpose given. Restriction (Art. 18) is not a bar: handling a rights request is
 * what a restricted person's data may still be used for, so writes are judged as "create".
 */
import { decide } from '../../access/decide.ts';
import { AccessDenied, InputError, NotFound } from '../../records/errors.ts';
import { gateState, loadPersonRow } from '../../records/people.ts';
import {
  auditEvent,
  manifestFor,
  PERSON_TYPE,
  recordDenial,
  type Call,
  type Store,
} from '../../records/store.ts';

/**
 * Run the checks of a write; an InputError, NotFound or AccessDenied is audited as a denial of
 * `action` (in its own transaction, nothing else written) and rethrown.
 */
export async function auditingDenials<T>(
  store: Store,
  call: Call,
  controllerId: string,
  action: string,
  personId: string | undefined,
  checks: () => Promise<T>,
): Promise<T> {
  try {
    return await checks();
  } catch (error) {
    if (error instanceof InputError || error instanceof NotFound || error instanceof AccessDenied) {
      await recordDenial(
        store,
        auditEvent(call, controllerId, store.now(), {
          action,
          outcome: 'denied',
          personId: personId ?? null,
          reason: error.message,
        }),
      );
    }
    throw error;
  }
}

/**
 * Most rights work is the landlord's: moving a request on, deciding an erasure, restricting. The
 * gate lets people act on their own rights, so an operation a person may take for themself
 * (making a request, naming a representative, consent) says so; every other write refuses them.
 */
export function refusePersonUnlessTheirs(call: Call, byThePerson: boolean | undefined): void {
  if (call.actor.kind === 'subject' && !byThePerson)
    throw new AccessDenied('this is done by our staff: ask us by making a request');
}

/**
 * The person must exist under this controller and the actor may act on their details; throws
 * otherwise. A write (create) is refused to the person themself unless `byThePerson`.
 */
export async function gateSubject(
  store: Store,
  call: Call,
  controllerId: string,
  personId: string,
  action: 'create' | 'read',
  field = 'personId',
  options: { byThePerson?: boolean } = {},
): Promise<void> {
  if (action === 'create') refusePersonUnlessTheirs(call, options.byThePerson);
  const row = await loadPersonRow(store.db, personId, call.actor.id);
  if (!row || row.controller_id !== controllerId) throw new NotFound(`the person (${field})`);
  const decision = decide(manifestFor(store, controllerId), {
    actor: call.actor,
    purpose: call.purpose,
    action,
    controllerId,
    personId,
    recordType: PERSON_TYPE,
    record: { patch: row.patch, assignedTo: row.assigned ? call.actor.id : null },
    // Rights work goes on while processing is restricted; objections and consents still count.
    ...gateState(row, call),
    restricted: false,
    now: store.now(),
  });
  if (!decision.allowed) throw new AccessDenied(decision.reason);
}
