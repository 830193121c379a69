/** The audit log search, on record: each search is itself an audit event (ids and days only). */
import { appendAudit } from '../../audit/append.ts';
import type { AuditSearch } from '../../audit/search.ts';
import { auditEvent, type Call, type Store } from '../../records/store.ts';

/** The search, on record: the DPO's actor, what was searched for (ids and days only), how many found. */
export async function auditTheSearch(
  store: Store,
  call: Call,
  controllerId: string,
  s: AuditSearch,
  found: number,
) {
  const terms = [
    s.recordId && `record ${s.recordId}`,
    s.actor && `actor "${s.actor}"`,
    s.from && `from ${s.from}`,
    s.to && `to ${s.to}`,
    s.outcome && `outcome ${s.outcome}`,
  ].filter(Boolean);
  await store.db.transaction((tx) =>
    appendAudit(tx, [
      auditEvent(call, controllerId, store.now(), {
        action: 'audit.search',
        outcome: 'allowed',
        personId: s.personId ?? null,
        recordIds: s.recordId ? [s.recordId] : [],
        reason: `audit log searched${terms.length ? ` by ${terms.join(', ')}` : ''}; ${found} event(s) shown`,
      }),
    ]),
  );
}
