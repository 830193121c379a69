/**
 * The right to restriction (UK GDPR Art. 18) as rights work: applying it names which of the four
 * grounds of Art. 18(1) applies, and lifting it says why processing may resume (Art. 18(3): the
 * person is told before it is lifted). The flag itself, and the gate's check of who may set it,
 * are the records module's (records/restriction.ts); the ground goes into the audited reason.
 */
import { InputError } from '../../records/errors.ts';
import { gateRightsAction } from '../../records/rights-gate.ts';
import { loadPersonRow } from '../../records/people.ts';
import { setRestriction } from '../../records/restriction.ts';
import { auditRead, type Call, type Store } from '../../records/store.ts';
import { auditingDenials } from '../requests/gate.ts';
import { checkId, checkOneOf, checkText } from '../requests/input.ts';

/** Art. 18(1)(a)–(d): when a person may have processing of their data restricted. */
export const RESTRICTION_GROUNDS = {
  'accuracy-contested': {
    article: 'Art. 18(1)(a)',
    label: 'The person contests the accuracy of the data, while it is checked',
  },
  'unlawful-processing': {
    article: 'Art. 18(1)(b)',
    label: 'The processing is unlawful and the person asks for restriction instead of erasure',
  },
  'legal-claims': {
    article: 'Art. 18(1)(c)',
    label: 'We no longer need the data, but the person needs it for legal claims',
  },
  'objection-pending': {
    article: 'Art. 18(1)(d)',
    label: 'The person has objected (Art. 21(1)), while we check whether our grounds override theirs',
  },
} as const;
export type RestrictionGround = keyof typeof RESTRICTION_GROUNDS;
export const RESTRICTION_GROUND_CODES = Object.keys(RESTRICTION_GROUNDS) as RestrictionGround[];

export interface Restrict {
  personId: string;
  ground: RestrictionGround;
  /** Why, in the caseworker's words (kept in the audit log's reason). */
  reason: string;
}

export async function applyRestriction(store: Store, call: Call, input: Restrict): Promise<void> {
  const c = await auditingDenials(
    store,
    call,
    call.actor.controllerId,
    'person.restrict',
    undefined,
    async () => ({
      ground: checkOneOf(input?.ground, RESTRICTION_GROUND_CODES, 'ground'),
      reason: checkText(input?.reason, 'reason', true)!.trim(),
    }),
  );
  const g = RESTRICTION_GROUNDS[c.ground];
  await setRestriction(store, call, input.personId, true, `${g.article} ${c.ground}: ${c.reason}`);
}

export async function liftRestriction(
  store: Store,
  call: Call,
  input: { personId: string; reason: string },
): Promise<void> {
  const reason = await auditingDenials(
    store,
    call,
    call.actor.controllerId,
    'person.unrestrict',
    undefined,
    async () => checkText(input?.reason, 'reason', true)!.trim(),
  );
  await setRestriction(store, call, input.personId, false, `Art. 18(3) lifted: ${reason}`);
}

/** Whether processing of the person's data is restricted now: rights work, gated and audited. */
export async function isRestricted(store: Store, call: Call, personId: string): Promise<boolean> {
  const action = 'restriction.read';
  const id = await auditingDenials(store, call, call.actor.controllerId, action, undefined, async () =>
    checkId(personId, 'personId'),
  );
  // People may know whether their own data is restricted.
  const controllerId = await gateRightsAction(store, call, id, action, { byThePerson: true });
  const row = await loadPersonRow(store.db, id, call.actor.id);
  if (!row) throw new InputError('personId', "the person's data has been erased");
  // Only the flag is shown, no rows: the event names the person and no records.
  await auditRead(store, call, controllerId, { action, personId: id, rows: [] });
  return row.restricted;
}
