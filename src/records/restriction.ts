/**
 * Restricting processing (Art. 18): while a person's data is restricted the gate refuses every
 * read and change, leaving only storage. Setting or lifting it needs the right to update the
 * person's details for the purpose given, judged as if the data were not restricted.
 */
import { decide } from '../access/decide.ts';
import { appendAudit } from '../audit/append.ts';
import { AccessDenied, NotFound } from './errors.ts';
import { auditEvent, manifestFor, PERSON_TYPE, recordDenial, type Call, type Store } from './store.ts';

export async function setRestriction(
  store: Store,
  call: Call,
  personId: string,
  restricted: boolean,
  reason: string,
): Promise<void> {
  const now = store.now();
  const [person] = await store.db.query<{ controller_id: string }>(
    'select controller_id from people where id = $1',
    [personId],
  );
  if (!person) throw new NotFound('the person');
  const action = restricted ? 'person.restrict' : 'person.unrestrict';
  const decision = decide(manifestFor(store, person.controller_id), {
    actor: call.actor,
    purpose: call.purpose,
    action: 'update',
    controllerId: person.controller_id,
    personId,
    recordType: PERSON_TYPE,
    now,
  });
  if (!decision.allowed) {
    await recordDenial(
      store,
      auditEvent(call, person.controller_id, now, {
        action,
        outcome: 'denied',
        personId,
        reason: decision.reason,
      }),
    );
    throw new AccessDenied(decision.reason);
  }
  await store.db.transaction(async (tx) => {
    await tx.query('update people set restricted_since = $2 where id = $1', [
      personId,
      restricted ? now : null,
    ]);
    await appendAudit(tx, [
      auditEvent(call, person.controller_id, now, { action, outcome: 'allowed', personId, reason }),
    ]);
  });
}
