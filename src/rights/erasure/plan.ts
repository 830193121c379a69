/**
 * Planning an erasure: for an erasure request, list everything held about the person and propose,
 * item by item, to erase it or keep it with a reason and an explanation they can read. The plan is
 * stored (explanations sealed under the person's key) for a caseworker to confirm or override
 * before it is carried out. Nothing is erased here.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/append.ts';
import { InputError } from '../../records/errors.ts';
import { takeInventory, type Inventory } from '../../records/erasure-inventory.ts';
import { gateRightsAction } from '../../records/rights-gate.ts';
import { auditEvent, manifestFor, type Call, type Store, vaultOf } from '../../records/store.ts';
import { auditingDenials } from '../requests/gate.ts';
import { checkId } from '../requests/input.ts';
import { enteredEvents } from '../../retention/events.ts';
import { propose, type Proposal } from './propose.ts';
import { disclosedTo } from '../../sharing/recipients.ts';
import { planView, type ErasurePlanView } from './read.ts';
import { erasureRequest, loadItems, loadPlan, sealWords } from './rows.ts';
import { longDate, typeName } from './words.ts';
import type { Manifest } from '../../manifest/schema.ts';

function titleOf(manifest: Manifest, inventory: Inventory, p: Proposal): string {
  if (p.kind === 'profile') return 'Your name, contact details and identifiers';
  const held =
    p.kind === 'record'
      ? inventory.records.find((r) => r.id === p.recordId)!
      : inventory.mentions.find((m) => m.recordId === p.recordId)!;
  const on = longDate(held.occurredAt ?? held.createdAt);
  return p.kind === 'record'
    ? `${typeName(manifest, p.recordType)}, ${on}`
    : `${typeName(manifest, p.recordType)} about someone else, ${on}`;
}

export async function planErasure(store: Store, call: Call, requestId: string): Promise<ErasurePlanView> {
  const action = 'erasure.plan';
  const controllerId = call.actor.controllerId;
  const request = await auditingDenials(store, call, controllerId, action, undefined, async () => {
    const found = await erasureRequest(store.db, checkId(requestId, 'requestId'), controllerId, 'plan');
    const [open] = await store.db.query<{ id: string }>(
      "select id from erasure_plans where request_id = $1 and status = 'proposed'",
      [found.id],
    );
    if (open)
      throw new InputError('requestId', `already has an erasure plan awaiting execution (${open.id})`);
    return found;
  });
  const personId = request.person_id;
  await gateRightsAction(store, call, personId, action);
  const key = (await vaultOf(store).load([personId])).get(personId);
  if (!key) throw new InputError('requestId', "the person's data has already been erased");
  const manifest = manifestFor(store, controllerId);
  const now = store.now();
  const inventory = await takeInventory(store.db, personId, controllerId);
  const proposals = propose(manifest, inventory, now, await enteredEvents(store.db, controllerId));
  const plan = { id: randomUUID(), controller_id: controllerId, person_id: personId };
  await store.db.transaction(async (tx) => {
    await tx.query(
      `insert into erasure_plans (id, controller_id, person_id, request_id, status, created_at, created_by)
       values ($1, $2, $3, $4, 'proposed', $5, $6)`,
      [plan.id, controllerId, personId, request.id, now, call.actor.id],
    );
    for (const [i, p] of proposals.entries()) {
      const words = { title: titleOf(manifest, inventory, p), said: p.said, note: null };
      await tx.query(
        `insert into erasure_items (plan_id, controller_id, n, kind, record_id, record_type, parts,
           proposed_action, proposed_reason, action, reason, words)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $9, $10)`,
        [
          plan.id,
          controllerId,
          i + 1,
          p.kind,
          p.recordId,
          p.recordType,
          p.parts,
          p.action,
          p.reason,
          sealWords(key, plan, i + 1, words),
        ],
      );
    }
    const toErase = proposals.filter((p) => p.action === 'erase').length;
    await appendAudit(tx, [
      auditEvent(call, controllerId, now, {
        action,
        outcome: 'allowed',
        personId,
        recordIds: [...new Set(proposals.flatMap((p) => (p.recordId ? [p.recordId] : [])))],
        reason: `plan ${plan.id} for request ${request.id}: ${toErase} to erase, ${proposals.length - toErase} to keep`,
      }),
    ]);
  });
  const disclosed = await disclosedTo(store, call, personId);
  return planView(
    manifest,
    (await loadPlan(store.db, plan.id))!,
    await loadItems(store.db, plan.id),
    key,
    disclosed,
  );
}
