/**
 * Carrying out an erasure plan once the request is under way: the items decided "erase" go in one
 * transaction with the audit events and the plan marked executed; then tombstones are left in the
 * key vault and, if the person's details went too, their key is destroyed. The result lists the
 * recipients to tell (Art. 19). Repeating it on a plan whose vault steps failed finishes them.
 */
import { InputError, NotFound } from '../../records/errors.ts';
import { eraseHeld, finishErasure, type ErasedCounts } from '../../records/erasure-execute.ts';
import { gateRightsAction } from '../../records/rights-gate.ts';
import { manifestFor, type Call, type Store } from '../../records/store.ts';
import { disclosedTo } from '../../sharing/recipients.ts';
import type { Queryable } from '../../store/db.ts';
import { auditingDenials } from '../requests/gate.ts';
import { checkId } from '../requests/input.ts';
import { recipientsToTell, type RecipientToTell } from './recipients.ts';
import { erasureRequest, loadItems, loadPlan, unfinished, type ItemRow, type PlanRow } from './rows.ts';

export interface ErasureResult extends ErasedCounts {
  planId: string;
  /** Items kept, with their reasons: the person is told each one. */
  kept: number;
  recipients: RecipientToTell[];
}

function checkCoherent(items: readonly ItemRow[]): void {
  const profile = items.find((i) => i.kind === 'profile');
  if (profile?.action === 'erase' && items.some((i) => i.kind !== 'profile' && i.action === 'keep'))
    throw new InputError('planId', "the person's details are to be erased while other items are kept");
}

function markExecuted(store: Store, call: Call, planId: string, personErased: boolean) {
  return async (tx: Queryable): Promise<void> => {
    const rows = await tx.query(
      `update erasure_plans set status = 'executed', executed_at = $2, executed_by = $3, person_erased = $4
        where id = $1 and status = 'proposed' returning id`,
      [planId, store.now(), call.actor.id, personErased],
    );
    if (rows.length !== 1) throw new InputError('planId', 'the plan has already been carried out');
  };
}

async function markFinished(store: Store, planId: string, keyDestroyed: boolean): Promise<void> {
  await store.db.query(
    `update erasure_plans set tombstoned_at = coalesce(tombstoned_at, $2),
            key_destroyed_at = case when $3 then coalesce(key_destroyed_at, $2) else key_destroyed_at end
      where id = $1`,
    [planId, store.now(), keyDestroyed],
  );
}

const toErase = (items: readonly ItemRow[], kind: ItemRow['kind']) =>
  items.filter((i) => i.action === 'erase' && i.kind === kind).map((i) => i.record_id!);

/** The vault steps of a plan already carried out: the data is gone, so only ids are left to give. */
async function finishOnly(store: Store, call: Call, plan: PlanRow, items: readonly ItemRow[]) {
  await gateRightsAction(store, call, plan.person_id, 'erasure.execute', { erased: 'allow' });
  const finished = await finishErasure(store, call, plan.controller_id, {
    personId: plan.person_id,
    recordIds: toErase(items, 'record'),
    documentIds: [],
    personErased: plan.person_erased,
  });
  await markFinished(store, plan.id, finished.keyDestroyed);
  return { records: 0, mentions: 0, documents: 0, personErased: plan.person_erased, ...finished };
}

export async function executeErasure(store: Store, call: Call, planId: string): Promise<ErasureResult> {
  const action = 'erasure.execute';
  const controllerId = call.actor.controllerId;
  const manifest = manifestFor(store, controllerId);
  const { plan, items } = await auditingDenials(store, call, controllerId, action, undefined, async () => {
    const row = await loadPlan(store.db, checkId(planId, 'planId'));
    if (!row || row.controller_id !== controllerId) throw new NotFound('the erasure plan (planId)');
    const all = await loadItems(store.db, row.id);
    if (row.status === 'proposed') {
      await erasureRequest(store.db, row.request_id, controllerId, 'execute');
      checkCoherent(all);
    } else if (!unfinished(row)) {
      throw new InputError('planId', 'the plan has already been carried out');
    }
    return { plan: row, items: all };
  });
  // Who the log shows received the data, read before anything is erased (it needs no key, but a
  // failure here should leave the plan untouched rather than half-reported).
  const disclosed = await disclosedTo(store, call, plan.person_id);
  const erase = items.filter((i) => i.action === 'erase');
  const result = (counts: ErasedCounts): ErasureResult => ({
    planId: plan.id,
    ...counts,
    kept: items.length - erase.length,
    recipients: recipientsToTell(
      manifest,
      erase.filter((i) => i.kind !== 'mention').map((i) => i.record_type),
      disclosed,
    ),
  });
  if (plan.status === 'executed') return result(await finishOnly(store, call, plan, items));
  const personErased = erase.some((i) => i.kind === 'profile');
  const counts = await eraseHeld(
    store,
    call,
    {
      personId: plan.person_id,
      recordIds: toErase(items, 'record'),
      mentionRecordIds: toErase(items, 'mention'),
      erasePerson: personErased,
      reason: `erasure plan ${plan.id}`,
    },
    markExecuted(store, call, plan.id, personErased),
  );
  await markFinished(store, plan.id, counts.keyDestroyed);
  return result(counts);
}
