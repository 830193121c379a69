/**
 * A person's file as a page shows it: fields in the manifest's order with their labels, values
 * written for people (dates in words, money in pounds, yes or no), records grouped by type. Only
 * what the gate returned is shown; nothing here can add a field.
 */
import { lookup } from '../manifest/lookup.ts';
import type { Manifest, RecordType } from '../manifest/schema.ts';
import type { PersonFile, RecordView } from '../records/records.ts';
import { PERSON_TYPE } from '../records/store.ts';
import { humanise, ukDate, ukDateTime } from './views.ts';

type Field = RecordType['fields'][number];

export function formatValue(field: Pick<Field, 'type'>, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  switch (field.type) {
    case 'date':
      return ukDate(value);
    case 'datetime':
      return ukDateTime(typeof value === 'string' ? new Date(value) : value);
    case 'money':
      return typeof value === 'number'
        ? `£${value.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
        : String(value);
    case 'boolean':
      return value === true ? 'Yes' : value === false ? 'No' : String(value);
    case 'enum':
      return humanise(String(value));
    default:
      return String(value);
  }
}

export const fieldLabel = (f: Pick<Field, 'name' | 'label'>) => f.label ?? humanise(f.name);

export interface RecordGroup {
  type: RecordType;
  columns: { name: string; label: string }[];
  rows: { id: string; created: string; cells: string[] }[];
}

export interface FileView {
  profile: { label: string; value: string }[];
  groups: RecordGroup[];
  withheld: number;
}

function group(type: RecordType, records: RecordView[]): RecordGroup {
  const shown = new Set(records.flatMap((r) => Object.keys(r.fields)));
  const fields = type.fields.filter((f) => shown.has(f.name));
  return {
    type,
    columns: fields.map((f) => ({ name: f.name, label: fieldLabel(f) })),
    rows: records.map((r) => ({
      id: r.id,
      created: ukDate(r.createdAt),
      cells: fields.map((f) => formatValue(f, r.fields[f.name])),
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
