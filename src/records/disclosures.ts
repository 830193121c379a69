/**
 * The gate for the disclosure log. Recording that a person's data went outside the controller,
 * or reading that log back, is a use of their data: the person must exist (not erased) under the
 * actor's controller, and the actor must be allowed to read their details for the purpose given.
 * A refusal is audited on its own and thrown; nothing else is written.
 *
 * Restriction and objections are not applied here (consents are): an ad hoc disclosure rests on an exemption,
 * a legal duty or the person's own representative (which Art. 18(2) and Art. 21 leave open), and
 * the person reading their own log must always succeed. Routine returns, which rest on the
 * activity alone, go through the full gate (returns.ts).
 */
import { decide } from '../access/decide.ts';
import { AccessDenied, InputError, NotFound } from './errors.ts';
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

export interface DisclosureSubject {
  controllerId: string;
  /** The person's data key: the log's words are sealed under it. */
  key: Buffer;
}

export async function gateDisclosure(
  store: Store,
  call: Call,
  personId: string,
  action: string,
): Promise<DisclosureSubject> {
  const now = store.now();
  const row = await loadPersonRow(store.db, personId, call.actor.id);
  const refuse = async (error: Error, person: string | null) => {
    await recordDenial(
      store,
      auditEvent(call, call.actor.controllerId, now, {
        action,
        outcome: 'denied',
        personId: person,
        reason: error.message,
      }),
    );
    throw error;
  };
  if (!row || row.controller_id !== call.actor.controllerId)
    return refuse(new NotFound('the person (personId)'), null);
  const decision = decide(manifestFor(store, row.controller_id), {
    actor: call.actor,
    purpose: call.purpose,
    action: 'read',
    controllerId: row.controller_id,
    personId,
    recordType: PERSON_TYPE,
    record: { patch: row.patch, assignedTo: row.assigned ? call.actor.id : null },
    consents: gateState(row).consents,
    now,
  });
  if (!decision.allowed) return refuse(new AccessDenied(decision.reason), personId);
  const key = (await vaultOf(store).load([personId])).get(personId);
  if (!key) return refuse(new InputError('personId', "the person's data has been erased"), personId);
  return { controllerId: row.controller_id, key };
}
