/**
 * The text hashed for an audit event: PostgreSQL's own text form of a row value holding the
 * event's fields in a fixed order, `(controller,at_ms,actor,kind,purpose,person,{ids},{fields},
 * action,channel,outcome,reason)`. The database builds it with one C function (record_out) both
 * when it appends and when it verifies, which is what lets verification run at well over 200,000
 * events a second even on the embedded engine (docs/performance.md); hand-assembled JSON took
 * five times as long. The format quotes and escapes every value, so no separator can be forged.
 *
 * The in-process verifier rebuilds the same text here in JavaScript from the columns, following
 * record_out's and array_out's quoting rules, so it checks the chain independently of the
 * database's serialisation; a property test holds the two to the same output on both engines.
 */
import type { AuditEvent } from './event.ts';

/** The SQL expression of an event's canonical text over columns of these names (table alias `a`). */
export function canonicalSql(a: string): string {
  return `row(${a}.controller_id, (extract(epoch from ${a}.at) * 1000)::bigint, ${a}.actor, ${a}.actor_kind, ${a}.purpose,
    ${a}.person_id, ${a}.record_ids, ${a}.fields, ${a}.action, ${a}.channel, ${a}.outcome, ${a}.reason)::text`;
}

// PostgreSQL's isspace() in the C locale, which record_out and array_out consult.
const SPACE = '[ \\t\\n\\r\\v\\f]';
const RECORD_NEEDS_QUOTES = new RegExp(`["\\\\(),]|${SPACE}`);
const ARRAY_NEEDS_QUOTES = new RegExp(`[{}",\\\\]|${SPACE}`);

/** A field of a row value as record_out writes it: quoted, with `"` and `\` doubled, when needed. */
function recordField(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (value !== '' && !RECORD_NEEDS_QUOTES.test(value)) return value;
  return `"${value.replace(/["\\]/g, (c) => c + c)}"`;
}

/** A one-dimensional array as array_out writes it: elements quoted, with `"` and `\` escaped, when needed. */
function arrayText(values: readonly string[]): string {
  const elements = values.map((v) =>
    v === '' || v.toLowerCase() === 'null' || ARRAY_NEEDS_QUOTES.test(v)
      ? `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`
      : v,
  );
  return `{${elements.join(',')}}`;
}

/** The canonical text of an event, exactly as `canonicalSql` has the database build it. */
export function canonical(e: AuditEvent): string {
  return `(${[
    e.controllerId,
    String(e.at.getTime()),
    e.actor,
    e.actorKind,
    e.purpose,
    e.personId?.toLowerCase(),
    arrayText((e.recordIds ?? []).map((id) => id.toLowerCase())),
    arrayText(e.fields ?? []),
    e.action,
    e.channel,
    e.outcome,
    e.reason,
  ]
    .map(recordField)
    .join(',')})`;
}
