/**
 * Everything a subject access pack is made from, read through the access gate and audited: the
 * person's own file, records on other people's files that mention them, the documents held, who
 * had accessed their file, and the names of the other people who may appear in the text (for
 * redaction). Nothing here redacts or lays out; assemble.ts and the review do that.
 */
import { appendAudit } from '../../audit/append.ts';
import { whoAccessed, type AccessEntry } from '../../audit/queries.ts';
import type { Manifest } from '../../manifest/schema.ts';
import { AccessDenied, InputError, NotFound } from '../../records/errors.ts';
import {
  householdOf,
  listDocumentsOf,
  peopleMentionedIn,
  readMentionsOf,
  readNamesOf,
  type DocumentListing,
  type MentionedRecord,
} from '../../records/mentions.ts';
import { readConsents, type StoredConsent } from '../../records/consent-read.ts';
import type { Profile } from '../../records/people.ts';
import { readPersonFile, type RecordView } from '../../records/records.ts';
import { auditEvent, manifestFor, type Call, type Store } from '../../records/store.ts';
import { disclosuresAbout, type DisclosureView } from '../../sharing/read.ts';
import { isIsoDate } from '../clock/index.ts';
import { auditingDenials } from '../requests/gate.ts';
import { checkId } from '../requests/input.ts';
import { knownPersonFrom, type RedactionSetting } from './redact.ts';
import { sarPurposes } from './purposes.ts';

export interface SourceOptions {
  /** The date of assembly, YYYY-MM-DD. */
  today: string;
  /** The purposes the file is read under; by default the manifest's subject-access activity. */
  purposes?: readonly string[];
  /** List only accesses up to this audit sequence number (a review lists those before it started). */
  accessesUpToSeq?: number;
}

export interface PackSource {
  manifest: Manifest;
  personId: string;
  today: string;
  purposes: string[];
  profile: Profile;
  /** The person's own records, oldest first. */
  own: RecordView[];
  mentions: MentionedRecord[];
  documents: DocumentListing[];
  /** Accesses to the file before this read, newest first. */
  history: AccessEntry[];
  /** The person's consents, with every event. */
  consents: StoredConsent[];
  /** Disclosures about them, as staff see them: those withheld from the person are flagged. */
  disclosures: DisclosureView[];
  withheld: { records: number; mentions: number; documents: number };
  setting: RedactionSetting;
}

export const ASSEMBLE_ACTION = 'sar.assemble';

/** The person's own file, once per purpose; the gate decides what each purpose opens. */
async function readOwnFile(store: Store, call: Call, personId: string, purposes: readonly string[]) {
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
  const records = [...own.values()].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
  );
  return { profile, records, withheld: Math.max(0, total - own.size) };
}

/**
 * The consent ledger and the disclosure log for the person, read under the first of the purposes
 * that the gate allows (each read is gated and audited by its own module); refused if none does,
 * since a pack without them would be incomplete without saying so.
 */
async function readLedgers(store: Store, call: Call, personId: string, purposes: readonly string[]) {
  let refusal: AccessDenied | undefined;
  for (const purpose of purposes) {
    try {
      const under = { ...call, purpose };
      const { consents } = await readConsents(store, under, personId, 'consent.read');
      const disclosures = await disclosuresAbout(store, under, personId);
      return { consents, disclosures };
    } catch (error) {
      if (!(error instanceof AccessDenied)) throw error;
      refusal = error;
    }
  }
  throw refusal ?? new AccessDenied('no purpose was given');
}

/**
 * Read the pack's source. A malformed id or date, or an unknown person, is refused with the
 * field and the reason and audited as a denied `sar.assemble`; nothing is read.
 */
export async function readPackSource(
  store: Store,
  asked: Call,
  personIdInput: string,
  options: SourceOptions,
): Promise<PackSource> {
  const controllerId = asked.actor.controllerId;
  const manifest = manifestFor(store, controllerId);
  const personId = await auditingDenials(store, asked, controllerId, ASSEMBLE_ACTION, undefined, async () => {
    const id = checkId(personIdInput, 'personId');
    if (!isIsoDate(options.today))
      throw new InputError('today', `${JSON.stringify(options.today)} is not a real date written YYYY-MM-DD`);
    return id;
  });
  // Every read below answers this person's own request: the gate lets it reach their data even
  // while processing is restricted (records/people.ts gateState).
  const call: Call = { ...asked, forRequestOf: personId };
  const purposes = [...(options.purposes ?? sarPurposes(manifest))];
  // Who had accessed the file before this request: read first, so the pack does not list itself.
  const upTo = options.accessesUpToSeq;
  const history = (await whoAccessed(store.db, personId, 100_000)).filter(
    (a) => upTo === undefined || a.seq <= upTo,
  );
  const file = await auditingDenials(store, call, controllerId, ASSEMBLE_ACTION, undefined, async () => {
    try {
      return await readOwnFile(store, call, personId, purposes);
    } catch (error) {
      if (error instanceof NotFound) throw new NotFound('the person (personId)');
      throw error;
    }
  });
  const mentions = await readMentionsOf(store, call, personId, purposes);
  const docs = await listDocumentsOf(store, call, personId, purposes);
  const { consents, disclosures } = await readLedgers(store, call, personId, purposes);
  // The other people who may appear in the text: mentioned in the same records, holders of the
  // mentioning records, and the person's household (a joint tenant's data is never disclosed).
  const others = new Set<string>([
    ...(await peopleMentionedIn(
      store,
      file.records.map((r) => r.id),
    )),
    ...mentions.records.flatMap((m) => [m.subjectId, ...m.otherPeople]),
    ...(await householdOf(store, personId)),
  ]);
  others.delete(personId);
  const names = await readNamesOf(store, call, [...others], purposes);
  await appendAudit(store.db, [
    auditEvent(call, controllerId, store.now(), {
      action: ASSEMBLE_ACTION,
      outcome: 'allowed',
      personId,
      reason: `${file.records.length} records, ${mentions.records.length} mentions, ${docs.documents.length} documents, ${consents.length} consents, ${disclosures.length} disclosures`,
    }),
  ]);
  return {
    manifest,
    personId,
    today: options.today,
    purposes,
    profile: file.profile,
    own: file.records,
    mentions: mentions.records,
    documents: docs.documents,
    history,
    consents,
    disclosures,
    withheld: { records: file.withheld, mentions: mentions.withheld, documents: docs.withheld },
    setting: {
      requester: knownPersonFrom(personId, file.profile),
      knownPeople: [...names].map(([id, p]) => knownPersonFrom(id, p)),
    },
  };
}
