/**
 * Reading an erasure plan back: every item with its proposal, the decision in force (and who
 * overrode the proposal), the explanation the person will read, and the recipients to tell
 * (Art. 19). Once the person's key is destroyed only the codes remain readable.
 */
import { appendAudit } from '../../audit/append.ts';
import type { Manifest } from '../../manifest/schema.ts';
import { NotFound } from '../../records/errors.ts';
import { gateRightsAction } from '../../records/rights-gate.ts';
import { auditEvent, manifestFor, type Call, type Store, vaultOf } from '../../records/store.ts';
import { disclosedTo, type ActualRecipient } from '../../sharing/recipients.ts';
import { auditingDenials } from '../requests/gate.ts';
import { checkId } from '../requests/input.ts';
import { recipientsToTell, type RecipientToTell } from './recipients.ts';
import { loadItems, loadPlan, openWords, type ItemRow, type ItemWords, type PlanRow } from './rows.ts';
import { saidFromStored, tell, type Said } from './told.ts';
import { reasonEntry, type ErasureAction, type ErasureReason, type ItemKind } from './vocabulary.ts';
import { typeName } from './words.ts';

export interface ErasureItemView {
  n: number;
  kind: ItemKind;
  recordId: string | null;
  recordType: string;
  parts: string[];
  /** "Contact log, 20 November 2026"; the type's name alone once the person's key is destroyed. */
  title: string;
  proposed: { action: ErasureAction; reason: ErasureReason };
  action: ErasureAction;
  reason: ErasureReason;
  /** The article of UK GDPR the reason rests on, and its label. */
  article: string;
  reasonLabel: string;
  /** What the person is told, by vocabulary code and words as written: the letter says it in its tense. */
  said: Said[];
  /** The same as the plan reads while proposed (what we will do). */
  explanation: string;
  note: string | null;
  overridden: { by: string; at: Date } | null;
}

export interface ErasurePlanView {
  id: string;
  personId: string;
  requestId: string;
  status: 'proposed' | 'executed';
  createdAt: Date;
  executedAt: Date | null;
  personErased: boolean;
  keyDestroyed: boolean;
  items: ErasureItemView[];
  /**
   * Recipients to tell of the erasure (Art. 19): those the disclosure log shows received the
   * person's data, and those the manifest declares for the activities of what is (to be) erased.
   */
  recipients: RecipientToTell[];
}

/**
 * What the item tells the person. Once the key is destroyed only the reason's code is left; items
 * stored before the codes were kept with the words are read back from their one text (a text no
 * caseworker decided is the proposal's own).
 */
function saidOf(row: ItemRow, words: ItemWords | null): Said[] {
  if (words?.said) return words.said;
  if (words?.explanation !== undefined) return saidFromStored(words.explanation, row.overridden_by === null);
  return [{ reason: row.reason }];
}

function itemView(
  manifest: Manifest,
  plan: PlanRow,
  row: ItemRow,
  key: Buffer | null | undefined,
): ErasureItemView {
  const entry = reasonEntry(row.action, row.reason);
  const words = key ? openWords(key, plan, row.n, row.words) : null;
  const said = saidOf(row, words);
  return {
    n: row.n,
    kind: row.kind,
    recordId: row.record_id,
    recordType: row.record_type,
    parts: row.parts,
    title: words?.title ?? typeName(manifest, row.record_type),
    proposed: { action: row.proposed_action, reason: row.proposed_reason },
    action: row.action,
    reason: row.reason,
    article: entry.article,
    reasonLabel: entry.label,
    said,
    explanation: tell(said, 'will'),
    note: words?.note ?? null,
    overridden:
      row.overridden_by && row.overridden_at ? { by: row.overridden_by, at: row.overridden_at } : null,
  };
}

/**
 * The plan as it stands, without auditing: for callers that audit the step they took. `disclosed`
 * is the disclosure log's recipients (sharing's disclosedTo, which audits its own read).
 */
export function planView(
  manifest: Manifest,
  plan: PlanRow,
  items: readonly ItemRow[],
  key: Buffer | null | undefined,
  disclosed: readonly ActualRecipient[],
): ErasurePlanView {
  const views = items.map((row) => itemView(manifest, plan, row, key));
  const erased = views.filter((i) => i.action === 'erase' && i.kind !== 'mention').map((i) => i.recordType);
  return {
    id: plan.id,
    personId: plan.person_id,
    requestId: plan.request_id,
    status: plan.status,
    createdAt: plan.created_at,
    executedAt: plan.executed_at,
    personErased: plan.person_erased,
    keyDestroyed: plan.key_destroyed_at !== null,
    items: views,
    recipients: recipientsToTell(manifest, erased, disclosed),
  };
}

export async function readPlan(store: Store, call: Call, planId: string): Promise<ErasurePlanView> {
  const action = 'erasure.read';
  const controllerId = call.actor.controllerId;
  const plan = await auditingDenials(store, call, controllerId, action, undefined, async () => {
    const row = await loadPlan(store.db, checkId(planId, 'planId'));
    if (!row || row.controller_id !== controllerId) throw new NotFound('the erasure plan (planId)');
    return row;
  });
  // People may read the answer to their own request.
  await gateRightsAction(store, call, plan.person_id, action, { erased: 'allow', byThePerson: true });
  const key = (await vaultOf(store).load([plan.person_id])).get(plan.person_id);
  const items = await loadItems(store.db, plan.id);
  await appendAudit(store.db, [
    auditEvent(call, controllerId, store.now(), {
      action,
      outcome: 'allowed',
      personId: plan.person_id,
      recordIds: [plan.id],
    }),
  ]);
  const disclosed = await disclosedTo(store, call, plan.person_id);
  return planView(manifestFor(store, controllerId), plan, items, key, disclosed);
}
