/** A person's objections, with their words, read through the gate and audited. */
import { gateRightsAction } from '../../records/rights-gate.ts';
import { auditRead, type Call, type Store, vaultOf } from '../../records/store.ts';
import { auditingDenials } from '../requests/gate.ts';
import { checkId } from '../requests/input.ts';
import { objectionsOf, openWords } from './rows.ts';
import type { ObjectionGround, ObjectionStatus, OverrideCode } from './vocabulary.ts';

export interface ObjectionView {
  id: string;
  scope: 'activity' | 'direct-marketing';
  activityId: string | null;
  ground: ObjectionGround;
  status: ObjectionStatus;
  receivedOn: string;
  requestId: string | null;
  note: string | null;
  overrideCode: OverrideCode | null;
  grounds: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
}

export async function listObjections(store: Store, call: Call, personId: string): Promise<ObjectionView[]> {
  const action = 'objection.read';
  const id = await auditingDenials(store, call, call.actor.controllerId, action, undefined, async () =>
    checkId(personId, 'personId'),
  );
  // People may see their own objections.
  const controllerId = await gateRightsAction(store, call, id, action, { byThePerson: true });
  const key = (await vaultOf(store).load([id])).get(id);
  const rows = await objectionsOf(store.db, id);
  const views = rows.map((r) => {
    const words = openWords(key, r);
    return {
      id: r.id,
      scope: r.scope,
      activityId: r.activity_id,
      ground: r.ground,
      status: r.status,
      receivedOn: r.received_on,
      requestId: r.request_id,
      note: words.note,
      overrideCode: r.override_code,
      grounds: words.grounds ?? null,
      decidedAt: r.decided_at,
      decidedBy: r.decided_by,
    };
  });
  await auditRead(store, call, controllerId, { action, personId: id, rows });
  return views;
}
