/**
 * Recording an automated decision as it is made (e.g. housing-register banding): which declared
 * decision of which activity, the version of the logic, the inputs and the outcome (sealed), and
 * the record it is about. It is recorded under its activity's purpose, so the gate (and any
 * objection the person has made to that activity) applies to it like any other processing.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/append.ts';
import { gateDecisionSubject } from '../../records/automated.ts';
import { InputError } from '../../records/errors.ts';
import { auditEvent, manifestFor, type Call, type Store, vaultOf } from '../../records/store.ts';
import { auditingDenials } from '../requests/gate.ts';
import { checkId } from '../requests/input.ts';
import { checkInputs, checkInstant, checkOutcome, checkVersion, declaredDecision } from './input.ts';
import { sealContent, type Outcome, type Scalar } from './rows.ts';

export interface NewAutomatedDecision {
  personId: string;
  /** The activity the decision belongs to; the call's purpose must be this activity. */
  activityId: string;
  /** The id of the automated decision the activity declares in the manifest. */
  decision: string;
  logicVersion: string;
  inputs: Record<string, Scalar>;
  outcome: Outcome;
  /** The record the decision is about, e.g. the housing application. */
  recordId?: string | null;
  /** When it was made, ISO 8601; now if absent. */
  decidedAt?: string;
}

export async function recordDecision(store: Store, call: Call, input: NewAutomatedDecision): Promise<string> {
  const action = 'automated-decision.create';
  const controllerId = call.actor.controllerId;
  const manifest = manifestFor(store, controllerId);
  const now = store.now();
  const c = await auditingDenials(store, call, controllerId, action, undefined, async () => {
    const personId = checkId(input?.personId, 'personId');
    const { activity, declared } = declaredDecision(manifest, input.activityId, input.decision);
    if (call.purpose !== activity.id)
      throw new InputError(
        'activityId',
        `a decision of ${activity.name} is recorded under the purpose "${activity.id}"`,
      );
    return {
      personId,
      activityId: activity.id,
      decision: declared.id,
      logicVersion: checkVersion(input.logicVersion),
      inputs: checkInputs(input.inputs),
      outcome: checkOutcome(input.outcome),
      recordId: input.recordId == null ? null : checkId(input.recordId, 'recordId'),
      decidedAt: checkInstant(input.decidedAt, 'decidedAt', now),
    };
  });
  await gateDecisionSubject(store, call, action, 'create', c.personId, c.recordId);
  const key = (await vaultOf(store).load([c.personId])).get(c.personId);
  if (!key) throw new InputError('personId', "the person's data has been erased");
  const id = randomUUID();
  await store.db.transaction(async (tx) => {
    await tx.query(
      `insert into automated_decisions (id, controller_id, person_id, activity_id, decision_kind, logic_version, record_id,
         decided_at, content, created_at, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        id,
        controllerId,
        c.personId,
        c.activityId,
        c.decision,
        c.logicVersion,
        c.recordId,
        c.decidedAt,
        sealContent(key, controllerId, c.personId, id, { inputs: c.inputs, outcome: c.outcome }),
        now,
        call.actor.id,
      ],
    );
    await appendAudit(tx, [
      auditEvent(call, controllerId, now, {
        action,
        outcome: 'allowed',
        personId: c.personId,
        recordIds: c.recordId ? [id, c.recordId] : [id],
        fields: Object.keys(c.inputs),
        reason: `${c.decision} (logic ${c.logicVersion})`,
      }),
    ]);
  });
  return id;
}
