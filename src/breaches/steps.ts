/**
 * How each step on a breach runs: its checks first, a failure audited as a denial with nothing
 * written; then its write in one transaction with one audit event naming the breach.
 */
import { appendAudit } from '../audit/append.ts';
import { InputError } from '../records/errors.ts';
import { auditEvent, type Call, type Store } from '../records/store.ts';
import { auditingDenials } from '../rights/requests/gate.ts';
import { checkId, checkText } from '../rights/requests/input.ts';
import type { Queryable } from '../store/db.ts';
import { loadBreach, type BreachRow } from './rows.ts';

/** A required text, trimmed; the error names the field. */
export const required = (value: unknown, field: string) => checkText(value, field, true)!.trim();

/** Run a step: its checks audited as a denial when they fail, then its write with one audit event. */
export async function step<T>(
  store: Store,
  call: Call,
  action: string,
  checks: () => Promise<T>,
  write: (tx: Queryable, checked: T, now: Date) => Promise<string>,
): Promise<string> {
  const controllerId = call.actor.controllerId;
  const checked = await auditingDenials(store, call, controllerId, action, undefined, checks);
  const now = store.now();
  return store.db.transaction(async (tx) => {
    const id = await write(tx, checked, now);
    await appendAudit(tx, [
      auditEvent(call, controllerId, now, { action, outcome: 'allowed', recordIds: [id] }),
    ]);
    return id;
  });
}

/** The caller's controller's breach, refused once it is closed. */
export async function openBreach(store: Store, call: Call, id: unknown): Promise<BreachRow> {
  const row = await loadBreach(store.db, call.actor.controllerId, checkId(id, 'breachId'));
  if (row.status === 'closed') throw new InputError('breachId', 'the breach is closed');
  return row;
}
