/**
 * A caseworker's decision on one item of an erasure plan: erase or keep, a reason from the fixed
 * vocabulary that fits the action, what the person will be told (the reason's own sentence unless
 * given), and the caseworker's own note of why, which is required. The person's details follow the
 * other items (kept while anything else is) unless a caseworker has decided them explicitly.
 */
import { appendAudit } from '../../audit/append.ts';
import { InputError, NotFound } from '../../records/errors.ts';
import { gateRightsAction } from '../../records/rights-gate.ts';
import { auditEvent, manifestFor, type Call, type Store, vaultOf } from '../../records/store.ts';
import type { Queryable } from '../../store/db.ts';
import { auditingDenials } from '../requests/gate.ts';
import { checkId, checkOneOf, checkText } from '../requests/input.ts';
import { decideProfile } from './propose.ts';
import { disclosedTo } from '../../sharing/recipients.ts';
import { planView, type ErasurePlanView } from './read.ts';
import { loadItems, loadPlan, openWords, sealWords, type ItemRow, type PlanRow } from './rows.ts';
import type { Said } from './told.ts';
import { ERASURE_ACTIONS, reasonsFor, type ErasureAction, type ErasureReason } from './vocabulary.ts';

export interface ItemDecision {
  /** The item's number in the plan. */
  n: number;
  action: ErasureAction;
  reason: ErasureReason;
  /** What the person is told; the reason's standard sentence when absent. */
  explanation?: string;
  /** The caseworker's own reasons, kept with the decision (sealed). */
  note: string;
}

interface Checked {
  n: number;
  action: ErasureAction;
  reason: ErasureReason;
  explanation: string | undefined;
  note: string;
}

function checkShape(input: ItemDecision): Checked {
  if (!Number.isInteger(input?.n) || input.n < 1)
    throw new InputError('n', 'must be an item number of the plan');
  const action = checkOneOf(input.action, ERASURE_ACTIONS, 'action');
  const reason = checkOneOf(input.reason, reasonsFor(action), 'reason');
  const explanation = checkText(input.explanation, 'explanation', false);
  const note = checkText(input.note, 'note', true)!;
  return { n: input.n, action, reason, explanation, note };
}

/** Items kept while the person's details are set (by a caseworker) to go would leave records with no one. */
function checkCoherent(items: readonly ItemRow[], c: Checked): void {
  const target = items.find((i) => i.n === c.n);
  if (!target) throw new InputError('n', `the plan has no item ${c.n}`);
  const profile = items.find((i) => i.kind === 'profile')!;
  const after = items.map((i) => (i.n === c.n ? { ...i, action: c.action } : i));
  const othersKept = after.some((i) => i.kind !== 'profile' && i.action === 'keep');
  const profileGoes = (target.kind === 'profile' ? c.action : profile.action) === 'erase';
  if (othersKept && profileGoes && (target.kind === 'profile' || profile.overridden_by))
    throw new InputError(
      'action',
      "the person's details can be erased only when everything else about them is erased",
    );
}

/** Re-derive the person's details from the other items, unless a caseworker has decided them. */
async function followProfile(tx: Queryable, plan: PlanRow, key: Buffer, items: ItemRow[]): Promise<void> {
  const profile = items.find((i) => i.kind === 'profile')!;
  if (profile.overridden_by) return;
  const others = items.filter((i) => i.kind !== 'profile');
  const derived = decideProfile(others, profile.proposed_reason === 'contract');
  const words = openWords(key, plan, profile.n, profile.words);
  await tx.query(
    'update erasure_items set action = $3, reason = $4, words = $5 where plan_id = $1 and n = $2',
    [
      plan.id,
      profile.n,
      derived.action,
      derived.reason,
      sealWords(key, plan, profile.n, { title: words.title, said: derived.said, note: words.note }),
    ],
  );
}

export async function decideItem(
  store: Store,
  call: Call,
  planId: string,
  input: ItemDecision,
): Promise<ErasurePlanView> {
  const action = 'erasure.override';
  const controllerId = call.actor.controllerId;
  const { plan, c } = await auditingDenials(store, call, controllerId, action, undefined, async () => {
    const row = await loadPlan(store.db, checkId(planId, 'planId'));
    if (!row || row.controller_id !== controllerId) throw new NotFound('the erasure plan (planId)');
    if (row.status !== 'proposed') throw new InputError('planId', 'the plan has already been carried out');
    return { plan: row, c: checkShape(input) };
  });
  await gateRightsAction(store, call, plan.person_id, action);
  const key = (await vaultOf(store).load([plan.person_id])).get(plan.person_id);
  if (!key) throw new InputError('planId', "the person's data has already been erased");
  const now = store.now();
  await auditingDenials(store, call, controllerId, action, plan.person_id, () =>
    store.db.transaction(async (tx) => {
      const locked = (await loadPlan(tx, plan.id, true))!;
      if (locked.status !== 'proposed')
        throw new InputError('planId', 'the plan has already been carried out');
      const items = await loadItems(tx, plan.id);
      checkCoherent(items, c);
      const target = items.find((i) => i.n === c.n)!;
      const title = openWords(key, plan, c.n, target.words).title;
      // The caseworker's own words are the person's to read as written; else the reason's sentence.
      const said: Said[] = c.explanation ? [{ words: c.explanation }] : [{ reason: c.reason }];
      await tx.query(
        `update erasure_items set action = $3, reason = $4, overridden_by = $5, overridden_at = $6, words = $7
          where plan_id = $1 and n = $2`,
        [
          plan.id,
          c.n,
          c.action,
          c.reason,
          call.actor.id,
          now,
          sealWords(key, plan, c.n, { title, said, note: c.note }),
        ],
      );
      if (target.kind !== 'profile') await followProfile(tx, plan, key, await loadItems(tx, plan.id));
      await appendAudit(tx, [
        auditEvent(call, controllerId, now, {
          action,
          outcome: 'allowed',
          personId: plan.person_id,
          recordIds: target.record_id ? [plan.id, target.record_id] : [plan.id],
          reason: `item ${c.n}: ${c.action} (${c.reason})`,
        }),
      ]);
    }),
  );
  return planView(
    manifestFor(store, controllerId),
    (await loadPlan(store.db, plan.id))!,
    await loadItems(store.db, plan.id),
    key,
    await disclosedTo(store, call, plan.person_id),
  );
}
