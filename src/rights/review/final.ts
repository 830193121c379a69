/**
 * The caseworker's decisions applied to a pack: the accepted redactions (proposed or added) replace
 * their spans with a labelled placeholder, rejected ones are disclosed, exempt items are left out
 * and counted per exemption, and items not in the review (held only since it started) are left out.
 * Pure functions over the review's rows.
 */
import { placeholderFor, type RedactionKind } from '../redaction/index.ts';
import type { FieldRedactor, PackItemKind } from '../sar/build.ts';
import type { PackSource } from '../sar/source.ts';
import type { PackExemption, PackRedaction } from '../sar/types.ts';
import { fieldKey, type ItemRow, type RedactionRow } from './rows.ts';
import { EXEMPTIONS, type ExemptionCode, type RedactionReason } from './vocabulary.ts';

interface Span {
  start: number;
  end: number;
  kind: RedactionKind | 'caseworker';
  reason: RedactionReason;
}

export const reasonText = (reason: RedactionReason): string =>
  `${EXEMPTIONS[reason].label} (${EXEMPTIONS[reason].reference})`;

function placeholder(s: Span): string {
  if (s.kind !== 'caseworker' && s.reason === 'third-party') return placeholderFor(s.kind);
  return s.reason === 'third-party'
    ? '[redacted: third party]'
    : `[redacted: ${EXEMPTIONS[s.reason].label.toLowerCase()}]`;
}

/** Overlapping spans become one, keeping the first one's kind and reason. */
function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const prev = out[out.length - 1];
    if (prev && s.start < prev.end) prev.end = Math.max(prev.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

export function applySpans(text: string, spans: readonly Span[]): string {
  let out = '';
  let pos = 0;
  for (const s of spans) {
    out += text.slice(pos, s.start) + placeholder(s);
    pos = s.end;
  }
  return out + text.slice(pos);
}

/** A redactor applying the accepted redactions of each field. */
export function finalRedactor(rows: readonly RedactionRow[]): FieldRedactor {
  const byField = new Map<string, Span[]>();
  for (const r of rows) {
    if (r.decision !== 'accepted') continue;
    const key = fieldKey(r.record_id, r.field);
    const list = byField.get(key) ?? [];
    byField.set(key, list);
    list.push({ start: r.start_at, end: r.end_at, kind: r.kind as Span['kind'], reason: r.reason });
  }
  return (recordId, field, text) => {
    const spans = merge(byField.get(fieldKey(recordId, field)) ?? []);
    const redactions: PackRedaction[] = spans.map((s) => ({
      recordId,
      field,
      start: s.start,
      end: s.end,
      kind: s.kind,
      reason: reasonText(s.reason),
    }));
    return { value: applySpans(text, spans), redactions };
  };
}

/**
 * Items the review holds and does not withhold. A disclosure the log withholds from the person
 * starts exempt (review/start.ts), so it goes out only if the caseworker lifts the exemption.
 */
export function releasedItems(items: readonly ItemRow[]): (kind: PackItemKind, id: string) => boolean {
  const included = new Set(items.filter((i) => !i.exemption).map((i) => `${i.item_kind}/${i.item_id}`));
  return (kind, id) => included.has(`${kind}/${id}`);
}

/**
 * Withheld items counted per exemption, counting only records and documents still held. Withheld
 * disclosures are not counted: saying that one exists would tell the person what the crime and
 * taxation exemption keeps from them (DPA 2018 Sch. 2 para. 2).
 */
export function exemptionSummary(items: readonly ItemRow[], held: (id: string) => boolean): PackExemption[] {
  const counts = new Map<ExemptionCode, number>();
  for (const i of items)
    if (i.exemption && held(i.item_id)) counts.set(i.exemption, (counts.get(i.exemption) ?? 0) + 1);
  return [...counts].map(([code, n]) => ({ code, ...EXEMPTIONS[code], items: n }));
}

/**
 * What a released pack says is held but not in it yet: everything held that the review does not
 * cover, whether the caseworker's role could not see it or it was first held after the review
 * started. Counted from the review, not from what the reader happened to be refused, so the pack
 * says the same whoever builds it (release.ts, and released.ts giving it again).
 */
export function outsideReview(
  items: readonly ItemRow[],
  source: Pick<PackSource, 'own' | 'mentions' | 'documents' | 'withheld'>,
): PackSource['withheld'] {
  const reviewed = new Set(items.map((i) => `${i.item_kind}/${i.item_id}`));
  const outside = (kind: string, list: readonly { id: string }[]) =>
    list.filter((x) => !reviewed.has(`${kind}/${x.id}`)).length;
  return {
    records: source.withheld.records + outside('record', source.own),
    mentions: source.withheld.mentions + outside('record', source.mentions),
    documents: source.withheld.documents + outside('document', source.documents),
  };
}
