/**
 * Laying out a pack from its source: the person's details as held, each record's fields with the
 * free text passed through a redactor (the detectors' proposals for a draft, the caseworker's
 * decisions for a release), the documents, the accesses and the supplementary information.
 */
import { lookup } from '../../manifest/lookup.ts';
import { PERSON_TYPE } from '../../manifest/reserved.ts';
import type { Manifest } from '../../manifest/schema.ts';
import { packAccessOf, revealsWithheld } from './accesses.ts';
import { ownDateOf } from './present.ts';
import { isFreeText } from './redact.ts';
import type { PackSource } from './source.ts';
import { activitiesFor, supplementary } from './supplementary.ts';
import type { StoredConsent } from '../../records/consent-read.ts';
import type { DisclosureView } from '../../sharing/read.ts';
import type {
  PackConsent,
  PackDisclosure,
  PackExemption,
  PackField,
  PackRecord,
  PackRedaction,
  SarPack,
} from './types.ts';

export type PackItemKind = 'record' | 'document' | 'disclosure';

/** The disclosed text of one free-text field and the redactions made to it. */
export type FieldRedactor = (
  recordId: string,
  field: string,
  text: string,
) => { value: string; redactions: PackRedaction[] };

export interface BuildOptions {
  status: SarPack['status'];
  redactor: FieldRedactor;
  /**
   * Which records, documents and disclosures go in. By default all records and documents, and the
   * disclosures the log does not withhold from the person; a review decides item by item.
   */
  include?: (kind: PackItemKind, id: string) => boolean;
  exemptions?: PackExemption[];
  generatedAt: Date;
}

/** A field's name as words when the manifest gives no label: "dateOfBirth" → "Date of birth", "niNumber" → "NI number". */
export function labelFor(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(' ')
    .map((w) => (w === 'ni' || w === 'nhs' || w === 'id' ? w.toUpperCase() : w));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The fields of a record as disclosed; `redactor` undefined leaves them as held (the person's own details). */
export function fieldsOf(
  manifest: Manifest,
  recordId: string,
  recordType: string,
  values: Record<string, unknown>,
  redactor: FieldRedactor | undefined,
  redactions: PackRedaction[],
): PackField[] {
  const type = lookup(manifest).recordTypes.get(recordType);
  const out: PackField[] = [];
  for (const f of type?.fields ?? []) {
    if (!(f.name in values)) continue;
    const raw = values[f.name];
    let value = raw;
    let count = 0;
    if (redactor && isFreeText(f.type) && typeof raw === 'string') {
      const r = redactor(recordId, f.name, raw);
      value = r.value;
      count = r.redactions.length;
      redactions.push(...r.redactions);
    }
    out.push({ name: f.name, label: f.label ?? labelFor(f.name), type: f.type, value, redactions: count });
  }
  return out;
}

function packConsent(l: ReturnType<typeof lookup>, c: StoredConsent): PackConsent {
  const given = c.events.filter((e) => e.state === 'given').at(-1);
  return {
    id: c.id,
    activityId: c.activityId,
    activityName: l.activities.get(c.activityId)?.name ?? c.activityId,
    status: c.status,
    givenAt: given ? given.at.toISOString() : null,
    expiresAt: c.expiresAt ? c.expiresAt.toISOString() : null,
    events: c.events.map((e) => ({
      at: e.at.toISOString(),
      state: e.state,
      channel: e.channel,
      method: e.method,
      noticeVersion: e.noticeVersion,
      expressedBy: e.expressedBy,
      explicit: e.explicit,
    })),
  };
}

/** What the person is told of a disclosure: never the staff reasons or the approver's name. */
function packDisclosure(d: DisclosureView): PackDisclosure {
  return {
    id: d.id,
    kind: d.kind,
    disclosedOn: d.disclosedOn,
    recipient: d.recipient.name,
    recipientKind: d.recipient.kind,
    basis: d.basis,
    basisLabel: d.basisLabel,
    law: d.law,
    activity: d.activity?.name ?? null,
    categories: d.categories.map((c) => c.name),
    reference: d.reference,
    description: d.description,
  };
}

export function buildPack(source: PackSource, options: BuildOptions): SarPack {
  const { manifest } = source;
  const l = lookup(manifest);
  const include = options.include ?? (() => true);
  const disclosed = options.include
    ? (d: DisclosureView) => options.include!('disclosure', d.id)
    : (d: DisclosureView) => !d.withheldFromSubject;
  const redactions: PackRedaction[] = [];
  const records: PackRecord[] = [];
  const typeName = (t: string) => l.recordTypes.get(t)?.name ?? t;
  const occurredAt = (t: string, fields: Record<string, unknown>) =>
    ownDateOf(l.recordTypes.get(t), fields)?.value ?? null;
  for (const r of source.own) {
    if (!include('record', r.id)) continue;
    records.push({
      id: r.id,
      recordType: r.recordType,
      recordTypeName: typeName(r.recordType),
      createdAt: r.createdAt.toISOString(),
      occurredAt: occurredAt(r.recordType, r.fields),
      source: 'own',
      parts: [],
      fields: fieldsOf(manifest, r.id, r.recordType, r.fields, options.redactor, redactions),
    });
  }
  for (const m of source.mentions) {
    if (!include('record', m.id)) continue;
    records.push({
      id: m.id,
      recordType: m.recordType,
      recordTypeName: typeName(m.recordType),
      createdAt: m.createdAt.toISOString(),
      occurredAt: occurredAt(m.recordType, m.fields),
      source: 'mention',
      parts: m.parts,
      fields: fieldsOf(manifest, m.id, m.recordType, m.fields, options.redactor, redactions),
    });
  }
  const contact = manifest.controller.contacts[0];
  const givenDisclosures = source.disclosures.filter(disclosed);
  const given = new Set(givenDisclosures.map((d) => d.id));
  return {
    status: options.status,
    controller: {
      id: manifest.controller.id,
      name: manifest.controller.name,
      contact: contact?.value ?? null,
    },
    personId: source.personId,
    today: source.today,
    generatedAt: options.generatedAt.toISOString(),
    // The requester's own details are theirs: disclosed as held, not redacted.
    details: fieldsOf(manifest, source.personId, PERSON_TYPE, source.profile, undefined, redactions),
    records,
    documents: source.documents
      .filter((d) => include('document', d.id))
      .map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
    // A line about a disclosure the pack leaves out would tell the person what the exemption withholds.
    accesses: source.history
      .filter((a) => !revealsWithheld(a, given))
      .map((a) => packAccessOf(a, (id) => l.activities.get(id)?.name)),
    consents: source.consents.map((c) => packConsent(l, c)),
    disclosures: givenDisclosures.map(packDisclosure),
    supplementary: supplementary(
      manifest,
      activitiesFor(
        manifest,
        records.map((r) => r.recordType),
      ),
    ),
    redactions,
    exemptions: options.exemptions ?? [],
    withheld: source.withheld,
  };
}
