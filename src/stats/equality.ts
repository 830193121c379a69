/**
 * Equality monitoring statistics: how many people gave each answer to the equality questions, one
 * table per question, with small numbers suppressed (suppress.ts). The counting is done in
 * src/records (field-counts.ts) through the gate with the action "aggregate", under the equality
 * monitoring activity; this module never sees any one person's answers, only the counts.
 */
import { lookup } from '../manifest/lookup.ts';
import { countFieldValues, type LeftOut } from '../records/field-counts.ts';
import { InputError } from '../records/errors.ts';
import { manifestFor, type Call, type Store } from '../records/store.ts';
import { roundCount, suppress, type ShownCell } from './suppress.ts';

/** The activity the statistics serve, and the record type holding the answers (demo and starter). */
export const EQUALITY_ACTIVITY = 'equality-monitoring';
export const EQUALITY_RECORD_TYPE = 'equality-monitoring';

export const DEFAULT_K = 10;
export const MIN_K = 2;
export const MAX_K = 100;

/** The answer given when a person answered other questions but not this one. */
export const NOT_ANSWERED = 'not-answered';

export interface StatisticsWanted {
  /** The questions (enum fields of the equality record type) to make a table of. */
  by: readonly string[];
  /** The smallest count shown; anything from 1 to k−1 is suppressed. */
  k?: number;
}

export interface StatisticsCell extends ShownCell {
  label: string;
  /** What the page shows: the number, "fewer than k", or "not shown" (suppressed to protect another). */
  text: string;
}

export interface StatisticsTable {
  field: string;
  label: string;
  cells: StatisticsCell[];
  totalShown: number;
  suppressedCells: number;
}

export interface EqualityStatistics {
  recordType: string;
  recordTypeName: string;
  k: number;
  tables: StatisticsTable[];
  /** The people counted, rounded (never exact): see suppress.ts. */
  people: { rounded: number | null; text: string };
  /** People whose answers were left out, and why (restriction, objection, no consent). */
  leftOut: Record<LeftOut, number>;
  leftOutTotal: number;
  generatedAt: Date;
}

/** "asian-or-asian-british" → "Asian or asian british"; "ethnicGroup" → "Ethnic group". */
export function labelOf(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The questions that can be counted: the enum fields of the equality record type. */
export function countableFields(store: Store, controllerId: string) {
  const type = lookup(manifestFor(store, controllerId)).recordTypes.get(EQUALITY_RECORD_TYPE);
  if (!type)
    throw new InputError('recordType', `the manifest declares no "${EQUALITY_RECORD_TYPE}" record type`);
  return {
    type,
    fields: type.fields
      .filter((f) => f.type === 'enum')
      .map((f) => ({ name: f.name, label: f.label ?? labelOf(f.name) })),
  };
}

/** A secondary cell may be large: it is "not shown", never called "fewer than k". */
export function cellText(c: ShownCell, k: number): string {
  if (c.suppressed === 'primary') return `fewer than ${k}`;
  return c.suppressed === 'secondary' ? 'not shown' : String(c.count);
}

export function checkK(k: unknown): number {
  if (typeof k !== 'number' || !Number.isInteger(k) || k < MIN_K || k > MAX_K)
    throw new InputError('k', `must be a whole number from ${MIN_K} to ${MAX_K}`);
  return k;
}

function checkBy(type: ReturnType<typeof countableFields>['type'], by: readonly string[]): string[] {
  if (by.length === 0) throw new InputError('by', 'choose at least one question to count');
  for (const name of by) {
    const field = type.fields.find((f) => f.name === name);
    if (!field) throw new InputError('by', `"${name}" is not a question of ${type.name}`);
    if (field.type !== 'enum')
      throw new InputError(
        'by',
        `"${name}" is not a question with a fixed list of answers, so it cannot be counted`,
      );
  }
  return [...new Set(by)];
}

export async function equalityStatistics(
  store: Store,
  call: Call,
  wanted: StatisticsWanted,
): Promise<EqualityStatistics> {
  const k = checkK(wanted.k ?? DEFAULT_K);
  const { type } = countableFields(store, call.actor.controllerId);
  const by = checkBy(type, wanted.by);
  if (call.purpose !== undefined && call.purpose !== EQUALITY_ACTIVITY)
    throw new InputError('purpose', `equality statistics are made only for "${EQUALITY_ACTIVITY}"`);
  const counts = await countFieldValues(
    store,
    { ...call, purpose: EQUALITY_ACTIVITY },
    { recordType: type.id, fields: by },
  );
  const tables = counts.fields.map((fc) => {
    const field = type.fields.find((f) => f.name === fc.field)!;
    const shown = suppress(
      [
        ...Object.entries(fc.values).map(([value, count]) => ({ value, count })),
        { value: NOT_ANSWERED, count: fc.notAnswered },
      ],
      k,
    );
    return {
      field: fc.field,
      label: field.label ?? labelOf(fc.field),
      cells: shown.cells.map((c) => ({
        ...c,
        label: labelOf(c.value),
        text: cellText(c, k),
      })),
      totalShown: shown.totalShown,
      suppressedCells: shown.suppressedCells,
    };
  });
  return {
    recordType: type.id,
    recordTypeName: type.name,
    k,
    tables,
    people: roundCount(counts.counted, k),
    leftOut: counts.leftOut,
    leftOutTotal: Object.values(counts.leftOut).reduce((a, b) => a + b, 0),
    generatedAt: store.now(),
  };
}
