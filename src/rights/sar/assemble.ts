/**
 * Assembling a subject access pack (UK GDPR Art. 15): the person's own file, records on other
 * people's files that mention them, the documents held, who has accessed their file, and the
 * supplementary information, with third-party data redacted by default. Every read goes through
 * the access gate and is audited. The pack is a draft for a caseworker to review before release.
 */
import { whoAccessed } from '../../audit/queries.ts';
import { lookup } from '../../manifest/lookup.ts';
import type { Manifest } from '../../manifest/schema.ts';
import { AccessDenied } from '../../records/errors.ts';
import {
  householdOf,
  listDocumentsOf,
  peopleMentionedIn,
  readMentionsOf,
  readNamesOf,
} from '../../records/mentions.ts';
import type { Profile } from '../../records/people.ts';
import { readPersonFile, type RecordView } from '../../records/records.ts';
import { manifestFor, type Call, type Store } from '../../records/store.ts';
import { isFreeText, knownPersonFrom, redactField, type RedactionSetting } from './redact.ts';
import { activitiesFor, PERSON_TYPE, supplementary } from './supplementary.ts';
import type { PackField, PackRecord, PackRedaction, SarPack } from './types.ts';

export interface AssembleOptions {
  /** The date of assembly, YYYY-MM-DD. */
  today: string;
  /**
   * The purposes under which the file is read; by default the fewest declared activities that
   * between them cover every record type. Each read is audited under its purpose.
   */
  purposes?: readonly string[];
}

/** The fewest activities (greedy, in declaration order) that together serve every record type. */
export function coveringPurposes(manifest: Manifest): string[] {
  const chosen: string[] = [];
  for (const type of manifest.recordTypes) {
    if (type.activities.some((a) => chosen.includes(a))) continue;
    chosen.push(type.activities[0]!);
  }
  return chosen;
}

function fieldsOf(
  manifest: Manifest,
  recordId: string,
  recordType: string,
  values: Record<string, unknown>,
  setting: RedactionSetting | undefined,
  redactions: PackRedaction[],
): PackField[] {
  const type = lookup(manifest).recordTypes.get(recordType);
  const out: PackField[] = [];
  for (const f of type?.fields ?? []) {
    if (!(f.name in values)) continue;
    const raw = values[f.name];
    let value = raw;
    let count = 0;
    if (setting && isFreeText(f.type) && typeof raw === 'string') {
      const r = redactField(raw, recordId, f.name, setting);
      value = r.value;
      count = r.redactions.length;
      redactions.push(...r.redactions);
    }
    out.push({ name: f.name, label: f.label ?? f.name, type: f.type, value, redactions: count });
  }
  return out;
}

export async function assemblePack(
  store: Store,
  call: Call,
  personId: string,
  options: AssembleOptions,
): Promise<SarPack> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today)) throw new TypeError('today must be a date, YYYY-MM-DD');
  const manifest = manifestFor(store, call.actor.controllerId);
  const l = lookup(manifest);
  const purposes = options.purposes ?? coveringPurposes(manifest);
  // Who had accessed the file before this request: read first, so the pack does not list itself.
  const history = await whoAccessed(store.db, personId, 100_000);

  // 1. The person's own file, once per purpose; the gate decides what each purpose opens.
  let profile: Profile = {};
  const own = new Map<string, RecordView>();
  let total = 0;
  let refusal: AccessDenied | undefined;
  let opened = false;
  for (const purpose of purposes) {
    try {
      const file = await readPersonFile(store, { ...call, purpose }, personId);
      opened = true;
      profile = { ...profile, ...file.profile };
      for (const r of file.records) own.set(r.id, r);
      total = file.records.length + file.withheld;
    } catch (error) {
      if (!(error instanceof AccessDenied)) throw error;
      refusal = error;
    }
  }
  if (!opened) throw refusal ?? new AccessDenied('no purpose was given');

  // 2. Records on other people's files that mention the person; 3. documents held.
  const mentions = await readMentionsOf(store, call, personId, purposes);
  const docs = await listDocumentsOf(store, call, personId, purposes);

  // The other people who may appear in the text: mentioned in the same records, holders of the
  // mentioning records, and the person's household (a joint tenant's data is never disclosed).
  const others = new Set<string>([
    ...(await peopleMentionedIn(store, [...own.keys()])),
    ...mentions.records.flatMap((m) => [m.subjectId, ...m.otherPeople]),
    ...(await householdOf(store, personId)),
  ]);
  others.delete(personId);
  const names = await readNamesOf(store, call, [...others], purposes);
  const setting: RedactionSetting = {
    requester: knownPersonFrom(personId, profile),
    knownPeople: [...names].map(([id, p]) => knownPersonFrom(id, p)),
  };

  const redactions: PackRedaction[] = [];
  const records: PackRecord[] = [];
  const sorted = [...own.values()].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
  );
  for (const r of sorted) {
    records.push({
      id: r.id,
      recordType: r.recordType,
      recordTypeName: l.recordTypes.get(r.recordType)?.name ?? r.recordType,
      createdAt: r.createdAt.toISOString(),
      source: 'own',
      parts: [],
      fields: fieldsOf(manifest, r.id, r.recordType, r.fields, setting, redactions),
    });
  }
  for (const m of mentions.records) {
    records.push({
      id: m.id,
      recordType: m.recordType,
      recordTypeName: l.recordTypes.get(m.recordType)?.name ?? m.recordType,
      createdAt: m.createdAt.toISOString(),
      source: 'mention',
      parts: m.parts,
      fields: fieldsOf(manifest, m.id, m.recordType, m.fields, setting, redactions),
    });
  }

  const contact = manifest.controller.contacts[0];
  return {
    controller: {
      id: manifest.controller.id,
      name: manifest.controller.name,
      contact: contact?.value ?? null,
    },
    personId,
    today: options.today,
    generatedAt: store.now().toISOString(),
    // The requester's own details are theirs: disclosed as held, not redacted.
    details: fieldsOf(manifest, personId, PERSON_TYPE, profile, undefined, redactions),
    records,
    documents: docs.documents.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
    accesses: history.map((a) => ({
      at: new Date(a.at).toISOString(),
      actorKind: a.actorKind,
      purpose: a.purpose,
      purposeName: a.purpose ? (l.activities.get(a.purpose)?.name ?? a.purpose) : null,
      action: a.action,
      outcome: a.outcome,
    })),
    supplementary: supplementary(
      manifest,
      activitiesFor(
        manifest,
        records.map((r) => r.recordType),
      ),
    ),
    redactions,
    withheld: {
      records: Math.max(0, total - own.size),
      mentions: mentions.withheld,
      documents: docs.withheld,
    },
  };
}
