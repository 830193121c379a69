/**
 * What anonymisation keeps of a record: only values statistics can count, with nothing that points
 * back to a person. Kept: enums, true/false, numbers, and money to the whole pound; dates cut to
 * the month. Dropped: fields the manifest marks identifying, free text and strings (they can name
 * anyone), references (they link to other records), and everything around the record (its subject,
 * its id, patch, team, assignee, mentions and documents). The result is stored with no link to the
 * record it came from; see docs/retention.md for the reasoning against the ICO's tests.
 */
import type { RecordField, RecordType } from '../manifest/schema.ts';
import type { Queryable } from '../store/db.ts';

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

/**
 * Drop what hangs off records that are anonymised or erased: the rectification history (it holds
 * the old and new values) and automated decisions with their inputs and human reviews. The foreign
 * keys cascade too, but a statistic must never outlive its source by an oversight in a migration,
 * so disposal says so itself. Runs before the records are deleted, in the same transaction.
 */
export async function dropRecordHistory(
  tx: Queryable,
  recordIds: readonly string[],
): Promise<{ rectifications: number; automatedDecisions: number }> {
  if (recordIds.length === 0) return { rectifications: 0, automatedDecisions: 0 };
  const [gone] = await tx.query<{ rectifications: number; decisions: number }>(
    `with v as (delete from automated_decision_reviews where decision_id in
                  (select id from automated_decisions where record_id = any($1::uuid[])) returning 1),
          a as (delete from automated_decisions where record_id = any($1::uuid[]) returning 1),
          r as (delete from rectifications where record_id = any($1::uuid[]) returning 1)
     select (select count(*) from r)::int as rectifications, (select count(*) from a)::int as decisions`,
    [recordIds],
  );
  return { rectifications: gone?.rectifications ?? 0, automatedDecisions: gone?.decisions ?? 0 };
}
