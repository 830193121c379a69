/**
 * Every automated decision about one person, newest first, each explained (and its read audited)
 * by explainDecision. Listing them is rights work on the person that the person may do about
 * themself (Art. 22): the rights gate decides for everyone, and refuses a person asking about
 * anyone else.
 */
import { gateRightsAction } from '../../records/rights-gate.ts';
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
  const id = await auditingDenials(store, call, controllerId, action, undefined, async () =>
    checkId(personId, 'personId'),
  );
  await gateRightsAction(store, call, id, action, { byThePerson: true });
  // Ids only: each decision is opened, gated and audited by explainDecision.
  const rows = await store.db.query<{ id: string }>(
    'select id from automated_decisions where person_id = $1 and controller_id = $2 order by decided_at desc, id',
    [id, controllerId],
  );
  const explained: DecisionExplanation[] = [];
  for (const r of rows) explained.push(await explainDecision(store, call, r.id));
  return explained;
}
