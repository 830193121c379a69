/**
 * What a caseworker sees of a review: every item the pack held when the review started, each
 * free-text field in full with its proposed and added redactions and their decisions, the
 * exemptions applied, and whether the item has changed or gone since. The text comes from a fresh
 * read through the gate; the review itself holds no text.
 */
import { lookup } from '../../manifest/lookup.ts';
import { labelFor } from '../sar/build.ts';
import { isFreeText } from '../sar/redact.ts';
import type { PackSource } from '../sar/source.ts';
import { fieldDigest, sameDigest } from './digest.ts';
import { fieldKey, type FieldRow, type ItemRow, type RedactionRow, type ReviewRow } from './rows.ts';
import {
  EXEMPTIONS,
  type Decision,
  type ExemptionCode,
  type IdentityMethod,
  type RedactionReason,
  type ReviewStatus,
} from './vocabulary.ts';

export interface ReviewSpan {
  n: number;
  start: number;
  end: number;
  /** The detector's kind, or 'caseworker'. */
  kind: string;
  origin: 'proposed' | 'added';
  reason: RedactionReason;
  decision: Decision | 'pending';
  note: string | null;
}

export interface ReviewField {
  name: string;
  label: string;
  type: string;
  /** The value as held: the caseworker sees the original text. */
  value: unknown;
  spans: ReviewSpan[];
}

export interface ReviewExemption {
  code: ExemptionCode;
  label: string;
  reference: string;
  note: string | null;
}

/** as-reviewed: as when the review started; changed: a reviewed text differs; gone: no longer readable. */
export type ItemState = 'as-reviewed' | 'changed' | 'gone';

export interface ReviewRecordItem {
  kind: 'record';
  id: string;
  source: 'own' | 'mention';
  recordType: string | null;
  recordTypeName: string | null;
  createdAt: string | null;
  parts: string[];
  fields: ReviewField[];
  exemption: ReviewExemption | null;
  state: ItemState;
}

export interface ReviewDocumentItem {
  kind: 'document';
  id: string;
  documentKind: string | null;
  mediaType: string | null;
  createdAt: string | null;
  exemption: ReviewExemption | null;
  state: ItemState;
}

/**
 * A disclosure about the person (the disclosure log). One the log withholds from the person starts
 * with the crime and taxation exemption; it goes out only if the caseworker lifts it.
 */
export interface ReviewDisclosureItem {
  kind: 'disclosure';
  id: string;
  disclosedOn: string | null;
  recipient: string | null;
  basisLabel: string | null;
  reference: string | null;
  /** The log marks it as kept from the person while telling them would prejudice the purpose. */
  withheldFromSubject: boolean;
  exemption: ReviewExemption | null;
  state: 'as-reviewed' | 'gone';
}

export interface ReviewView {
  id: string;
  requestId: string;
  personId: string;
  status: ReviewStatus;
  startedOn: string;
  purposes: string[];
  identity: { method: IdentityMethod; verifiedOn: string } | null;
  items: (ReviewRecordItem | ReviewDocumentItem)[];
  /** The disclosure log's entries about the person, each released or withheld as decided. */
  disclosures: ReviewDisclosureItem[];
  counts: {
    pending: number;
    accepted: number;
    rejected: number;
    exempt: number;
    changed: number;
    gone: number;
    /** Items held now that were not when the review started: not in this review, not released. */
    newSinceStart: number;
  };
}

export interface ReviewRows {
  review: ReviewRow;
  items: ItemRow[];
  fields: FieldRow[];
  redactions: RedactionRow[];
}

type Opener = (sealed: Uint8Array, where: string) => { note?: string };

interface SourceRecord {
  id: string;
  recordType: string;
  createdAt: Date;
  parts: string[];
  fields: Record<string, unknown>;
}

function sourceRecords(source: PackSource): Map<string, SourceRecord> {
  const out = new Map<string, SourceRecord>();
  for (const r of source.own) out.set(r.id, { ...r, parts: [] });
  for (const m of source.mentions) out.set(m.id, m);
  return out;
}

/** The free-text fields of a record whose text is not what was reviewed (or was never reviewed). */
export function changedFields(
  digestKey: Buffer,
  source: PackSource,
  record: SourceRecord,
  reviewed: ReadonlyMap<string, FieldRow>,
): string[] {
  const type = lookup(source.manifest).recordTypes.get(record.recordType);
  const changed: string[] = [];
  for (const f of type?.fields ?? []) {
    const text = record.fields[f.name];
    if (!isFreeText(f.type) || typeof text !== 'string') continue;
    const row = reviewed.get(fieldKey(record.id, f.name));
    if (!row || !sameDigest(row.digest, fieldDigest(digestKey, record.id, f.name, text)))
      changed.push(f.name);
  }
  return changed;
}

function exemptionOf(item: ItemRow, open: Opener, where: string): ReviewExemption | null {
  if (!item.exemption) return null;
  const e = EXEMPTIONS[item.exemption];
  return {
    code: item.exemption,
    label: e.label,
    reference: e.reference,
    note: item.exemption_note ? (open(item.exemption_note, where).note ?? null) : null,
  };
}

export function buildView(
  source: PackSource,
  rows: ReviewRows,
  digestKey: Buffer,
  open: Opener,
  places: {
    exemption: (kind: string, id: string) => string;
    redaction: (n: number) => string;
  },
): ReviewView {
  const l = lookup(source.manifest);
  const records = sourceRecords(source);
  const documents = new Map(source.documents.map((d) => [d.id, d]));
  const reviewed = new Map(rows.fields.map((f) => [fieldKey(f.record_id, f.field), f]));
  const spans = new Map<string, ReviewSpan[]>();
  for (const r of rows.redactions) {
    const list = spans.get(fieldKey(r.record_id, r.field)) ?? [];
    spans.set(fieldKey(r.record_id, r.field), list);
    list.push({
      n: r.n,
      start: r.start_at,
      end: r.end_at,
      kind: r.kind,
      origin: r.origin,
      reason: r.reason,
      decision: r.decision ?? 'pending',
      note: r.note ? (open(r.note, places.redaction(r.n)).note ?? null) : null,
    });
  }
  const items: ReviewView['items'] = [];
  const disclosures: ReviewDisclosureItem[] = [];
  const logged = new Map(source.disclosures.map((d) => [d.id, d]));
  const inReview = new Set<string>();
  for (const item of rows.items) {
    inReview.add(item.item_id);
    const exemption = exemptionOf(item, open, places.exemption(item.item_kind, item.item_id));
    if (item.item_kind === 'disclosure') {
      const d = logged.get(item.item_id);
      disclosures.push({
        kind: 'disclosure',
        id: item.item_id,
        disclosedOn: d?.disclosedOn ?? null,
        recipient: d?.recipient.name ?? null,
        basisLabel: d?.basisLabel ?? null,
        reference: d?.reference ?? null,
        withheldFromSubject: d?.withheldFromSubject ?? false,
        exemption,
        state: d ? 'as-reviewed' : 'gone',
      });
      continue;
    }
    if (item.item_kind === 'document') {
      const d = documents.get(item.item_id);
      items.push({
        kind: 'document',
        id: item.item_id,
        documentKind: d?.kind ?? null,
        mediaType: d?.mediaType ?? null,
        createdAt: d?.createdAt.toISOString() ?? null,
        exemption,
        state: d ? 'as-reviewed' : 'gone',
      });
      continue;
    }
    const r = records.get(item.item_id);
    const type = r ? l.recordTypes.get(r.recordType) : undefined;
    items.push({
      kind: 'record',
      id: item.item_id,
      source: item.source === 'mention' ? 'mention' : 'own',
      recordType: r?.recordType ?? null,
      recordTypeName: type?.name ?? r?.recordType ?? null,
      createdAt: r?.createdAt.toISOString() ?? null,
      parts: r?.parts ?? [],
      fields: (type?.fields ?? [])
        .filter((f) => r && f.name in r.fields)
        .map((f) => ({
          name: f.name,
          label: f.label ?? labelFor(f.name),
          type: f.type,
          value: r!.fields[f.name],
          spans: spans.get(fieldKey(item.item_id, f.name)) ?? [],
        })),
      exemption,
      state: !r ? 'gone' : changedFields(digestKey, source, r, reviewed).length ? 'changed' : 'as-reviewed',
    });
  }
  const decisions = rows.redactions.map((r) => r.decision ?? 'pending');
  const count = (d: string) => decisions.filter((x) => x === d).length;
  const review = rows.review;
  return {
    id: review.id,
    requestId: review.request_id,
    personId: review.person_id,
    status: review.status,
    startedOn: review.started_on,
    purposes: review.purposes,
    identity:
      review.identity_method && review.identity_verified_on
        ? { method: review.identity_method, verifiedOn: review.identity_verified_on }
        : null,
    items,
    disclosures,
    counts: {
      pending: count('pending'),
      accepted: count('accepted'),
      rejected: count('rejected'),
      exempt: rows.items.filter((i) => i.exemption).length,
      changed: items.filter((i) => i.state === 'changed').length,
      gone: items.filter((i) => i.state === 'gone').length,
      newSinceStart: [...records.keys(), ...documents.keys(), ...logged.keys()].filter(
        (id) => !inReview.has(id),
      ).length,
    },
  };
}
