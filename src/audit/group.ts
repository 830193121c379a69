/**
 * Folding many accesses of one kind into one audit event per person and outcome: a whole file read
 * or a batch import is recorded as "these records, these fields", not one event per row.
 */
import type { AuditEvent } from './event.ts';

export interface Access {
  personId: string;
  /** Null for an access to the person's own details rather than a record. */
  recordId: string | null;
  fields: readonly string[];
  outcome: AuditEvent['outcome'];
  reason?: string | null;
}

export function groupAccesses(
  base: Omit<AuditEvent, 'personId' | 'recordIds' | 'fields' | 'outcome' | 'reason'>,
  accesses: readonly Access[],
): AuditEvent[] {
  const groups = new Map<
    string,
    {
      personId: string;
      outcome: AuditEvent['outcome'];
      reason: string | null;
      recordIds: string[];
      fields: Set<string>;
    }
  >();
  for (const a of accesses) {
    const reason = a.reason ?? null;
    const key = `${a.personId}|${a.outcome}|${reason ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { personId: a.personId, outcome: a.outcome, reason, recordIds: [], fields: new Set() };
      groups.set(key, group);
    }
    if (a.recordId) group.recordIds.push(a.recordId);
    a.fields.forEach((f) => group.fields.add(f));
  }
  return [...groups.values()].map((g) => ({
    ...base,
    personId: g.personId,
    outcome: g.outcome,
    reason: g.reason,
    recordIds: g.recordIds,
    fields: [...g.fields].sort(),
  }));
}
