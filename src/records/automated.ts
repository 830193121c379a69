/**
 * The gate for automated decisions (UK GDPR Arts 22A–22D): recording one is processing of the
 * person's data for the decision's activity, and reading one back is reading their data. The
 * decision may be about one of the person's records (an application): that record must be theirs
 * and serve the activity, and the gate then judges against it. Refusals are audited.
 */
import { decide, type AccessAction } from '../access/decide.ts';
import { lookup } from '../manifest/lookup.ts';
import { AccessDenied, InputError, NotFound } from './errors.ts';
import { loadRecordGateRow, recordContext } from './record-rows.ts';
import { gateState, loadPersonRow } from './people.ts';
import { auditEvent, manifestFor, PERSON_TYPE, recordDenial, type Call, type Store } from './store.ts';

export interface DecisionSubject {
  controllerId: string;
  /** The type the gate judged: the record's, or the person's details. */
  recordType: string;
}

async function refuse(
  store: Store,
  call: Call,
  action: string,
  personId: string | null,
  error: Error,
): Promise<never> {
  await recordDenial(
    store,
    auditEvent(call, call.actor.controllerId, store.now(), {
      action,
      outcome: 'denied',
      personId,
      reason: error.message,
    }),
  );
  throw error;
}

/**
 * May the caller `access` this person's data (and record) for an automated decision under the
 * call's purpose? Throws NotFound, InputError or AccessDenied, each audited as a denial of `action`.
 */
export async function gateDecisionSubject(
  store: Store,
  call: Call,
  action: string,
  access: AccessAction,
  personId: string,
  recordId: string | null,
): Promise<DecisionSubject> {
  const person = await loadPersonRow(store.db, personId, call.actor.id);
  if (!person || person.controller_id !== call.actor.controllerId)
    return refuse(store, call, action, null, new NotFound('the person (personId)'));
  const manifest = manifestFor(store, person.controller_id);
  let recordType = PERSON_TYPE;
  let context: Parameters<typeof decide>[1]['record'] = {
    patch: person.patch,
    assignedTo: person.assigned ? call.actor.id : null,
  };
  if (recordId) {
    const r = await loadRecordGateRow(store.db, recordId, personId);
    if (!r)
      return refuse(
        store,
        call,
        action,
        personId,
        new InputError('recordId', 'is not a record of this person'),
      );
    const type = lookup(manifest).recordTypes.get(r.record_type);
    if (access === 'create' && call.purpose && !type?.activities.includes(call.purpose))
      return refuse(
        store,
        call,
        action,
        personId,
        new InputError('recordId', `${type?.name ?? r.record_type} records do not serve "${call.purpose}"`),
      );
    recordType = r.record_type;
    context = recordContext(r);
  }
  const decision = decide(manifest, {
    actor: call.actor,
    purpose: call.purpose,
    action: access,
    controllerId: person.controller_id,
    personId,
    recordType,
    record: context,
    ...gateState(person, call),
    now: store.now(),
  });
  if (!decision.allowed) return refuse(store, call, action, personId, new AccessDenied(decision.reason));
  return { controllerId: person.controller_id, recordType };
}
