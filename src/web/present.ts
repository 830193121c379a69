/**
 * A person's file as a page shows it: fields in the manifest's order with their labels, values
 * written for people (dates in words, money in pounds, yes or no), records grouped by type. Only
 * what the gate returned is shown; nothing here can add a field.
 */
import { lookup } from '../manifest/lookup.ts';
import type { Manifest, RecordType } from '../manifest/schema.ts';
import type { PersonFile, RecordView } from '../records/records.ts';
import { PERSON_TYPE } from '../records/store.ts';
import { labelWords, newestFirst, ownDateOf, presentValue } from '../rights/sar/present.ts';
import { humanise, ukDate } from './views.ts';

type Field = RecordType['fields'][number];

/** A value in words, as the subject access pack's cover writes it (one presenter for both). */
export const formatValue = (field: Pick<Field, 'name' | 'type'>, value: unknown): string =>
  presentValue(field, value);

export const fieldLabel = (f: Pick<Field, 'name' | 'label' | 'type'>) =>
  labelWords(f, f.label ?? humanise(f.name));

export interface RecordGroup {
  type: RecordType;
  columns: { name: string; label: string }[];
  /**
   * What dates each record: the type's own date field (when a payment was posted, a call made),
   * else "Added". A demo or a migration adds every record on one day, which tells a reader nothing.
   */
  dateLabel: string;
  /** The columns without that date field (a page that shows the date first shows it once). */
  otherColumns: { name: string; label: string }[];
  /** Newest first by the record's own date, else by when it was added. */
  rows: { id: string; created: string; date: string; cells: string[]; otherCells: string[] }[];
}

export interface FileView {
  profile: { label: string; value: string }[];
  groups: RecordGroup[];
  withheld: number;
}

function group(type: RecordType, records: RecordView[]): RecordGroup {
  const shown = new Set(records.flatMap((r) => Object.keys(r.fields)));
  const fields = type.fields.filter((f) => shown.has(f.name));
  const dated = records.map((r) => ({ r, own: ownDateOf(type, r.fields) }));
  const ownField = dated.find((d) => d.own)?.own?.field;
  const others = fields.filter((f) => f !== ownField);
  const added = (r: RecordView) => (ownField ? `${ukDate(r.createdAt)} (added)` : ukDate(r.createdAt));
  return {
    type,
    columns: fields.map((f) => ({ name: f.name, label: fieldLabel(f) })),
    dateLabel: ownField ? fieldLabel(ownField) : 'Added',
    otherColumns: others.map((f) => ({ name: f.name, label: fieldLabel(f) })),
    rows: newestFirst(dated, (d) => d.own?.value ?? d.r.createdAt).map(({ r, own }) => ({
      id: r.id,
      created: ukDate(r.createdAt),
      date: own ? formatValue(own.field, own.value) : added(r),
      cells: fields.map((f) => formatValue(f, r.fields[f.name])),
      otherCells: others.map((f) => formatValue(f, r.fields[f.name])),
    })),
  };
}

export function presentFile(manifest: Manifest, file: PersonFile): FileView {
  const types = lookup(manifest).recordTypes;
  const personType = types.get(PERSON_TYPE);
  const profile = (personType?.fields ?? [])
    .filter((f) => file.profile[f.name] !== undefined)
    .map((f) => ({ label: fieldLabel(f), value: formatValue(f, file.profile[f.name]) }));
  const byType = new Map<string, RecordView[]>();
  for (const r of file.records) byType.set(r.recordType, [...(byType.get(r.recordType) ?? []), r]);
  const groups = manifest.recordTypes.filter((t) => byType.has(t.id)).map((t) => group(t, byType.get(t.id)!));
  return { profile, groups, withheld: file.withheld };
}
