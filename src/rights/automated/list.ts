/**
 * Every automated decision about one person, newest first, each explained (and its read audited)
 * by explainDecision. Listing them is rights work on the person: the gate must let the actor act on
 * their rights, or the person must be asking about themself.
 */
import { AccessDenied } from '../../records/errors.ts';
import { gateRightsAction } from '../../records/erasure-inventory.ts';
import type { Call, Store } from '../../records/store.ts';
import { auditingDenials } from '../requests/gate.ts';
import { checkId } from '../requests/input.ts';
import { explainDecision, type DecisionExplanation } from './explain.ts';

export async function explainDecisionsAbout(
  store: Store,
  call: Call,
  personId: string,
): Promise<DecisionExplanation[]> {
  const action = 'automated-decision.explain';
  const controllerId = call.actor.controllerId;
  const id = await auditingDenials(store, call, controllerId, action, undefined, async () => {
    const checked = checkId(personId, 'personId');
    if (call.actor.kind === 'subject' && call.actor.personId !== checked)
      throw new AccessDenied('people may see only the decisions made about themselves');
    return checked;
  });
  if (call.actor.kind !== 'subject') await gateRightsAction(store, call, id, action);
  // Ids only: each decision is opened, gated and audited by explainDecision.
  const rows = await store.db.query<{ id: string }>(
    'select id from automated_decisions where person_id = $1 and controller_id = $2 order by decided_at desc, id',
    [id, controllerId],
  );
  const explained: DecisionExplanation[] = [];
  for (const r of rows) explained.push(await explainDecision(store, call, r.id));
  return explained;
}
