/**
 * What anonymisation keeps of a record: only values statistics can count, with nothing that points
 * back to a person. Kept: enums, true/false, numbers, and money to the whole pound; dates cut to
 * the month. Dropped: fields the manifest marks identifying, free text and strings (they can name
 * anyone), references (they link to other records), and everything around the record (its subject,
 * its id, patch, team, assignee, mentions and documents). The result is stored with no link to the
 * record it came from; see docs/retention.md for the reasoning against the ICO's tests.
 */
import type { RecordField, RecordType } from '../manifest/schema.ts';

function kept(field: RecordField, value: unknown): unknown {
  if (field.identifying || value === undefined || value === null) return undefined;
  switch (field.type) {
    case 'enum':
    case 'boolean':
    case 'number':
      return value;
    case 'money':
      return typeof value === 'number' ? Math.round(value) : undefined;
    case 'date':
    case 'datetime':
      return typeof value === 'string' && /^\d{4}-\d{2}/.test(value) ? value.slice(0, 7) : undefined;
    case 'string':
    case 'text':
    case 'reference':
      return undefined;
  }
}

/** The fields of `payload` that anonymisation keeps, by the record type's declaration. */
export function anonymisedFields(
  type: RecordType,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of type.fields) {
    const value = kept(field, payload[field.name]);
    if (value !== undefined) out[field.name] = value;
  }
  return out;
}
