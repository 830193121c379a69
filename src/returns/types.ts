/** The shapes every return kind shares: what it plans to read, and what it built. */
import type { OpenedPerson } from '../records/returns.ts';

export interface Period {
  from: string;
  to: string;
}

export interface ReturnFile {
  /** A suggested file name, e.g. "nfi-housing-tenants.csv". */
  name: string;
  content: string;
  rows: number;
}

/** Who a return will read: each person with the records picked for it, and the kind's own context. */
export interface Plan<C> {
  people: Map<string, string[]>;
  context: C;
}

/** What of a person's went into the return: "recordType.field" for fields, STRUCTURAL for facts held in clear. */
export type Disclosed = Map<string, Set<string>>;
export const STRUCTURAL = '*structural';

export interface Built {
  files: ReturnFile[];
  disclosed: Disclosed;
  /** People planned but left out by the kind itself (e.g. no rent data that month), by reason. */
  skipped: Record<string, number>;
}

export type Opened = ReadonlyMap<string, OpenedPerson>;

export function mark(disclosed: Disclosed, personId: string, what: Iterable<string>): void {
  let set = disclosed.get(personId);
  if (!set) disclosed.set(personId, (set = new Set()));
  for (const w of what) set.add(w);
}

/** The person fields (as "person.x") that a row actually carried: those with a value. */
export function personFieldsUsed(person: OpenedPerson, fields: readonly string[]): string[] {
  return fields
    .filter((f) => person.details[f] !== undefined && person.details[f] !== '')
    .map((f) => `person.${f}`);
}

export const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';

/**
 * People named on a tenancy in a stable order. The store keeps no order of names, so the one with
 * the lowest customer reference comes first (and is taken as the lead tenant).
 */
export function namedOrder(people: readonly OpenedPerson[]): OpenedPerson[] {
  return [...people].sort(
    (a, b) =>
      text(a.details.customerRef).localeCompare(text(b.details.customerRef)) ||
      a.personId.localeCompare(b.personId),
  );
}

/** The opened people among these ids, in named order. */
export function openedParties(ids: readonly string[], opened: Opened): OpenedPerson[] {
  return namedOrder(ids.map((id) => opened.get(id)).filter((p): p is OpenedPerson => p !== undefined));
}
