/**
 * The dates retention keys on (occurred, closed, ended), taken from the payload fields the record
 * type's `lifecycle` names, unless the caller gave them. They are kept in clear beside the sealed
 * payload so a retention sweep never has to decrypt.
 */
import type { RecordType } from '../manifest/schema.ts';

export interface LifecycleDates {
  occurredAt?: Date;
  closedAt?: Date;
  endedAt?: Date;
}

function dateIn(payload: Record<string, unknown>, field: string | undefined): Date | undefined {
  const v = field === undefined ? undefined : payload[field];
  if (typeof v !== 'string') return undefined;
  const d = new Date(v.length === 10 ? `${v}T00:00:00Z` : v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function lifecycleDates(
  type: RecordType,
  payload: Record<string, unknown>,
  given: LifecycleDates = {},
): LifecycleDates {
  const dates: LifecycleDates = {
    occurredAt: given.occurredAt ?? dateIn(payload, type.lifecycle?.occurred),
    closedAt: given.closedAt ?? dateIn(payload, type.lifecycle?.closed),
    endedAt: given.endedAt ?? dateIn(payload, type.lifecycle?.ended),
  };
  return Object.fromEntries(Object.entries(dates).filter(([, d]) => d !== undefined)) as LifecycleDates;
}
