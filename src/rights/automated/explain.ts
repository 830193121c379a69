/**
 * An automated decision explained to the person it is about (UK GDPR Arts 15(1)(h), 22A–22D): what
 * was decided and when, that no person took part, how the logic works and which version made it,
 * what it means for them, the information it used, any human review and its result, and how to
 * ask for one. Read through the gate and audited.
 */
import { appendAudit } from '../../audit/append.ts';
import { gateDecisionSubject } from '../../records/automated.ts';
import { NotFound } from '../../records/errors.ts';
import { auditEvent, manifestFor, type Call, type Store, vaultOf } from '../../records/store.ts';
import { longDate } from '../erasure/words.ts';
import { auditingDenials } from '../requests/gate.ts';
import { checkId } from '../requests/input.ts';
import { declaredDecision, inputLabel } from './input.ts';
import { loadDecision, loadReviews, openContent, openReview, type Outcome, type Scalar } from './rows.ts';

export interface ReviewView {
  id: string;
  status: 'requested' | 'completed';
  requestedAt: Date;
  why: string | null;
  completedAt: Date | null;
  reviewer: string | null;
  result: 'upheld' | 'changed' | null;
  reasons: string | null;
  outcome: Outcome | null;
}

export interface DecisionExplanation {
  id: string;
  personId: string;
  activity: { id: string; name: string };
  decision: { id: string; name: string };
  logicVersion: string;
  decidedAt: Date;
  recordId: string | null;
  outcome: Outcome;
  inputs: { name: string; label: string; value: Scalar }[];
  reviews: ReviewView[];
  /** The whole explanation in plain English. */
  text: string;
}

const shown = (v: Scalar) => (v === null ? 'not given' : v === true ? 'yes' : v === false ? 'no' : String(v));
const outcomeWords = (o: Outcome) => o.summary ?? shown(o.value);

function reviewLines(reviews: readonly ReviewView[]): string[] {
  return reviews.map((r) => {
    if (r.status === 'requested')
      return `You asked for a person to look at this again on ${longDate(r.requestedAt)}. We are doing so.`;
    const result =
      r.result === 'changed'
        ? `changed the decision to: ${outcomeWords(r.outcome!)}`
        : 'agreed with the decision';
    return `A member of staff looked at it again on ${longDate(r.completedAt!)} and ${result}. Their reasons: ${r.reasons}`;
  });
}

export async function explainDecision(
  store: Store,
  call: Call,
  decisionId: string,
): Promise<DecisionExplanation> {
  const action = 'automated-decision.explain';
  const controllerId = call.actor.controllerId;
  const row = await auditingDenials(store, call, controllerId, action, undefined, async () => {
    const found = await loadDecision(store.db, checkId(decisionId, 'decisionId'));
    if (!found || found.controller_id !== controllerId)
      throw new NotFound('the automated decision (decisionId)');
    return found;
  });
  await gateDecisionSubject(store, call, action, 'read', row.person_id, row.record_id);
  const manifest = manifestFor(store, controllerId);
  const { activity, declared } = declaredDecision(manifest, row.activity_id, row.decision_kind);
  const key = (await vaultOf(store).load([row.person_id])).get(row.person_id);
  const content = openContent(key, row);
  const reviews: ReviewView[] = (await loadReviews(store.db, row.id)).map((r) => {
    const words = openReview(key, controllerId, r);
    return {
      id: r.id,
      status: r.status,
      requestedAt: r.requested_at,
      why: words.why,
      completedAt: r.completed_at,
      reviewer: r.reviewer,
      result: r.result,
      reasons: words.reasons ?? null,
      outcome: words.outcome ?? null,
    };
  });
  const inputs = Object.entries(content.inputs).map(([name, value]) => ({
    name,
    label: inputLabel(manifest, activity, name),
    value,
  }));
  const text = [
    `On ${longDate(row.decided_at)}, ${declared.name.charAt(0).toLowerCase()}${declared.name.slice(1)} decided: ${outcomeWords(content.outcome)}.`,
    'This decision was made by a computer, without a person taking part.',
    `How it works: ${declared.logic} (version ${row.logic_version} of the logic made this decision.)`,
    `What it means for you: ${declared.significance}`,
    'The information it used:',
    ...inputs.map((i) => `- ${i.label}: ${shown(i.value)}`),
    ...reviewLines(reviews),
    `Asking for a person to look at it again: ${declared.humanReview} You can also tell us your point of view and challenge the decision.`,
  ].join('\n');
  await appendAudit(store.db, [
    auditEvent(call, controllerId, store.now(), {
      action,
      outcome: 'allowed',
      personId: row.person_id,
      recordIds: row.record_id ? [row.id, row.record_id] : [row.id],
      fields: inputs.map((i) => i.name),
    }),
  ]);
  return {
    id: row.id,
    personId: row.person_id,
    activity: { id: activity.id, name: activity.name },
    decision: { id: declared.id, name: declared.name },
    logicVersion: row.logic_version,
    decidedAt: row.decided_at,
    recordId: row.record_id,
    outcome: content.outcome,
    inputs,
    reviews,
    text,
  };
}
