/**
 * Ending a representative's authority before it expires: a power of attorney revoked, a tenant
 * withdrawing an advocate's authority. The row stays (requests and disclosures made under it still
 * show who acted); from the day it ended, authorityIn refuses it. Ended by whoever may add one
 * (the same gate: staff for the person, or the person themself); the reason is sealed under the
 * represented person's key, so the audit and the clear columns hold only ids, codes and dates.
 */
import { appendAudit } from '../../audit/append.ts';
import { InputError, NotFound } from '../../records/errors.ts';
import { auditEvent, type Call, type Store, vaultOf } from '../../records/store.ts';
import { aad, seal } from '../../store/person-keys.ts';
import type { IsoDate } from '../clock/index.ts';
import { auditingDenials, gateSubject } from '../requests/gate.ts';
import { checkId, checkPastDate, checkText, ukDate } from '../requests/input.ts';

export interface EndOfAuthority {
  /** The day the authority ended: from this day on it no longer holds. Not in the future. */
  endedOn: IsoDate;
  /** Why, e.g. "Power of attorney revoked by the donor" (sealed). */
  reason: string;
}

interface Row {
  controller_id: string;
  person_id: string;
  ended_on: string | null;
}

const MAX_REASON = 4000;

function checkInput(input: EndOfAuthority, today: IsoDate): EndOfAuthority {
  if (!input || typeof input !== 'object') throw new InputError('endedOn', 'is required');
  const endedOn = checkPastDate(input.endedOn, 'endedOn', today);
  const reason = checkText(input.reason, 'reason', true)!.trim();
  if (reason.length > MAX_REASON) throw new InputError('reason', `must be ${MAX_REASON} characters or fewer`);
  return { endedOn, reason };
}

async function loadChecked(store: Store, call: Call, id: unknown, input: EndOfAuthority) {
  const representativeId = checkId(id, 'representativeId');
  const [row] = await store.db.query<Row>(
    'select controller_id, person_id, ended_on from rights_representatives where id = $1',
    [representativeId],
  );
  if (!row || row.controller_id !== call.actor.controllerId)
    throw new NotFound('the representative (representativeId)');
  await gateSubject(store, call, row.controller_id, row.person_id, 'create', 'personId', {
    byThePerson: true,
  });
  if (row.ended_on)
    throw new InputError('representativeId', `the authority already ended on ${row.ended_on}`);
  // An end before the start is allowed: an authority withdrawn before the day it was to begin.
  return { representativeId, row, end: checkInput(input, ukDate(store.now())) };
}

/** End the authority. Bad input is refused, audited, and nothing is written. */
export async function endRepresentative(
  store: Store,
  call: Call,
  id: string,
  input: EndOfAuthority,
): Promise<void> {
  const action = 'representative.end';
  const c = await auditingDenials(store, call, call.actor.controllerId, action, undefined, () =>
    loadChecked(store, call, id, input),
  );
  const { controller_id: controllerId, person_id: personId } = c.row;
  const key = (await vaultOf(store).load([personId])).get(personId);
  if (!key) throw new InputError('personId', "the person's data has been erased");
  const now = store.now();
  const sealed = seal(
    key,
    c.end.reason,
    aad(controllerId, personId, `rights_representatives/${c.representativeId}/end`),
  );
  await store.db.transaction(async (tx) => {
    // `ended_on is null` again here: two staff ending it at once leave one end, not two.
    const done = await tx.query(
      `update rights_representatives set ended_on = $2, end_reason = $3, ended_at = $4, ended_by = $5
        where id = $1 and ended_on is null returning id`,
      [c.representativeId, c.end.endedOn, sealed, now, call.actor.id],
    );
    if (done.length !== 1) throw new InputError('representativeId', 'the authority has already ended');
    await appendAudit(tx, [
      auditEvent(call, controllerId, now, {
        action,
        outcome: 'allowed',
        personId,
        recordIds: [c.representativeId],
        reason: `authority ended on ${c.end.endedOn}`,
      }),
    ]);
  });
}
