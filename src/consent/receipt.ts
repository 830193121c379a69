/**
 * A consent receipt for the person: an authoritative copy of their consent records in the
 * information structure of ISO/IEC TS 27560:2023, with the field names of the standard and the
 * W3C DPV-27560 profile (header, processing, parties, events). Built from the manifest and the
 * ledger alone, so it says exactly what the notice says about each purpose.
 */
import { createHash } from 'node:crypto';
import { describeRetention, rightsForActivity } from '../notice/describe.ts';
import { lookup } from '../manifest/lookup.ts';
import type { Activity, LawfulBasis, Manifest } from '../manifest/schema.ts';
import { LAWFUL_BASES, RIGHTS } from '../manifest/vocabulary/law.ts';
import type { StoredConsent, StoredConsentEvent } from '../records/consent-read.ts';
import { restsOnConsent } from './reliance.ts';
import { STATE_TERMS, type ConsentState } from './vocabulary.ts';

export const RECEIPT_SCHEMA = 'ISO/IEC TS 27560:2023; w3id.org/dpv/schema/dpv-27560 receipt, UK GDPR';
const ICO = 'ico';

export interface ReceiptEvent {
  event_time: string;
  /** ISO 8601 duration the consent given in this event lasts; null until withdrawn. */
  validity_duration: string | null;
  entity_id: string;
  entity_role: 'dpv:DataSubject' | 'dpv:Representative' | 'dpv:DataController';
  event_type: 'dpv:ExplicitlyExpressedConsent' | 'dpv:ExpressedConsent' | null;
  event_state: string;
  state: ConsentState;
  notice_version: string | null;
  language: string | null;
  channel: string;
  method: string;
  on_behalf: { kind: string; name: string } | null;
}

export interface ReceiptPurpose {
  purpose_id: string;
  purpose_name: string;
  purpose: string;
  purpose_type: string | null;
  lawful_basis: { id: string; label: string; article: string; dpv: string }[];
  pii_information: {
    pii_type: string;
    pii_type_dpv: string[];
    pii_optional: boolean;
    sensitive_pii_category: boolean;
    special_pii_category: boolean;
  }[];
  pii_controllers: string[];
  collection_method: string[];
  storage_locations: string[];
  retention_period: string | null;
  recipient_third_parties: string[];
  withdrawal_method: string;
  privacy_rights: string[];
  impact_assessment: string | null;
}

export interface ReceiptRecord {
  record_id: string;
  /** The state now; "expired" once an agreed end has passed even before the ledger marks it. */
  consent_state: ConsentState;
  in_force: boolean;
  expires_at: string | null;
  privacy_notice: { title: string; version: string | null; effective: string | null };
  language: string;
  purposes: ReceiptPurpose[];
  events: ReceiptEvent[];
}

export interface ReceiptParty {
  party_id: string;
  party_name: string;
  party_role: 'dpv:DataController' | 'dpv:Authority';
  party_address: string | null;
  party_email: string | null;
  party_phone: string | null;
  party_url: string | null;
}

export interface ConsentReceipt {
  schema_version: string;
  receipt_id: string;
  receipt_time: string;
  pii_principal_id: string;
  jurisdiction: 'GB';
  authority_party: string;
  records: ReceiptRecord[];
  party_identification: ReceiptParty[];
}

/** "P1Y2M3DT4H": whole days and hours, enough for the agreed length of a consent. */
function isoDuration(from: Date, to: Date): string {
  const hours = Math.max(0, Math.round((to.getTime() - from.getTime()) / 3_600_000));
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return `P${days}D${rest ? `T${rest}H` : ''}`;
}

function withdrawalMethod(manifest: Manifest, activity: Activity): string {
  const said = activity.lawfulBases.find((b) => restsOnConsent(b) && b.withdrawal)?.withdrawal;
  const portal = manifest.notice.portal ? ` or in the resident portal (${manifest.notice.portal})` : '';
  return said ?? `Tell us at any time${portal}; it is as easy as giving it.`;
}

type ReceiptBasis = ReceiptPurpose['lawful_basis'][number];

/** The consent each basis rests on, once each: Art. 6(1)(a), Art. 9(2)(a), DPA 2018 Sch. 1 para. 29. */
function consentBases(bases: readonly LawfulBasis[]): ReceiptBasis[] {
  const found = new Map<string, ReceiptBasis>();
  const art6 = LAWFUL_BASES.consent;
  for (const b of bases) {
    if (b.basis === 'consent')
      found.set('consent', {
        id: 'consent',
        label: art6.label,
        article: `Article ${art6.article}`,
        dpv: art6.dpv,
      });
    if (b.art9 === 'a')
      found.set('art9-a', {
        id: 'art9-a',
        label: 'Explicit consent',
        article: 'Article 9(2)(a)',
        dpv: 'eu-gdpr:A9-2-a',
      });
    if (b.art10?.schedule1.includes(29))
      found.set('schedule1-29', {
        id: 'schedule1-29',
        label: 'Consent (criminal offence data)',
        article: 'DPA 2018 Schedule 1 paragraph 29',
        dpv: 'dpv:Consent',
      });
  }
  return [...found.values()];
}

function purposeOf(manifest: Manifest, activity: Activity): ReceiptPurpose {
  const l = lookup(manifest);
  const bases = activity.lawfulBases.filter(restsOnConsent);
  const consentCats = new Set(bases.flatMap((b) => b.categories ?? activity.categories));
  const rule = activity.retention ? l.retention.get(activity.retention) : undefined;
  return {
    purpose_id: activity.id,
    purpose_name: activity.name,
    purpose: activity.purpose,
    purpose_type: activity.function ?? null,
    lawful_basis: consentBases(bases),
    pii_information: activity.categories
      .filter((c) => consentCats.has(c))
      .map((c) => {
        const cat = l.categories.get(c);
        return {
          pii_type: cat?.name ?? c,
          pii_type_dpv: cat?.dpv ?? [],
          pii_optional: activity.requirement?.required === 'optional',
          sensitive_pii_category: cat ? cat.kind !== 'ordinary' : false,
          special_pii_category: cat?.kind === 'special',
        };
      }),
    pii_controllers: [manifest.controller.id],
    collection_method: activity.sources.map((s) => l.sources.get(s)?.name ?? s),
    storage_locations: activity.systems.length
      ? activity.systems.map((s) => l.systems.get(s)?.location ?? s)
      : [manifest.notice.storage ?? 'United Kingdom'],
    retention_period: rule ? describeRetention(manifest, rule) : null,
    recipient_third_parties: activity.recipients.map((r) => l.recipients.get(r)?.name ?? r),
    withdrawal_method: withdrawalMethod(manifest, activity),
    privacy_rights: rightsForActivity(activity).map((r) => `${RIGHTS[r].label} (${RIGHTS[r].article})`),
    impact_assessment: activity.dpia?.reference ?? null,
  };
}

function eventOf(e: StoredConsentEvent, personId: string, controllerId: string): ReceiptEvent {
  const byRep = e.expressedBy === 'representative';
  return {
    event_time: e.at.toISOString(),
    validity_duration: e.state === 'given' && e.expiresAt ? isoDuration(e.at, e.expiresAt) : null,
    entity_id: byRep
      ? (e.representativeId ?? `representative:${e.words?.onBehalf?.kind ?? 'unregistered'}`)
      : e.expressedBy === 'controller'
        ? controllerId
        : personId,
    entity_role: byRep
      ? 'dpv:Representative'
      : e.expressedBy === 'controller'
        ? 'dpv:DataController'
        : 'dpv:DataSubject',
    event_type:
      e.expressedBy === 'controller'
        ? null
        : e.explicit
          ? 'dpv:ExplicitlyExpressedConsent'
          : 'dpv:ExpressedConsent',
    event_state: STATE_TERMS[e.state],
    state: e.state,
    notice_version: e.noticeVersion,
    language: e.language,
    channel: e.channel,
    method: e.method,
    on_behalf: e.words?.onBehalf ? { kind: e.words.onBehalf.kind, name: e.words.onBehalf.name } : null,
  };
}

function recordOf(manifest: Manifest, c: StoredConsent, personId: string, now: Date): ReceiptRecord {
  const activity = lookup(manifest).activities.get(c.activityId);
  const lapsed = c.status === 'given' && c.expiresAt !== null && c.expiresAt <= now;
  const shown = [...c.events].reverse().find((e) => e.noticeVersion);
  const version = shown?.noticeVersion ?? null;
  const effective =
    version === manifest.notice.version
      ? manifest.notice.effective
      : (manifest.notice.changelog.find((x) => x.version === version)?.date ?? null);
  return {
    record_id: c.id,
    consent_state: lapsed ? 'expired' : c.status,
    in_force: c.status === 'given' && !lapsed,
    expires_at: c.expiresAt?.toISOString() ?? null,
    privacy_notice: { title: manifest.notice.title, version, effective },
    language: shown?.language ?? 'en',
    purposes: activity
      ? [purposeOf(manifest, activity)]
      : [{ ...EMPTY_PURPOSE, purpose_id: c.activityId, purpose_name: c.activityId }],
    events: c.events.map((e) => eventOf(e, personId, manifest.controller.id)),
  };
}

/** An activity taken out of the manifest since: its id is all that is left to say. */
const EMPTY_PURPOSE: ReceiptPurpose = {
  purpose_id: '',
  purpose_name: '',
  purpose: 'No longer carried out',
  purpose_type: null,
  lawful_basis: [],
  pii_information: [],
  pii_controllers: [],
  collection_method: [],
  storage_locations: [],
  retention_period: null,
  recipient_third_parties: [],
  withdrawal_method: '',
  privacy_rights: [],
  impact_assessment: null,
};

function parties(manifest: Manifest): ReceiptParty[] {
  const c = manifest.controller;
  const contact = (kind: string) => c.contacts.find((x) => x.kind === kind)?.value ?? null;
  return [
    {
      party_id: c.id,
      party_name: c.name,
      party_role: 'dpv:DataController',
      party_address: c.address ?? contact('post'),
      party_email: c.dpo?.email ?? contact('email'),
      party_phone: contact('phone'),
      party_url: c.website ?? null,
    },
    {
      party_id: ICO,
      party_name: 'Information Commissioner’s Office',
      party_role: 'dpv:Authority',
      party_address: 'Wycliffe House, Water Lane, Wilmslow, Cheshire, SK9 5AF',
      party_email: null,
      party_phone: '0303 123 1113',
      party_url: 'https://ico.org.uk',
    },
  ];
}

/** The receipt's id names what it is a copy of: the same records and events give the same id. */
function receiptId(personId: string, consents: readonly StoredConsent[]): string {
  const h = createHash('sha256').update(personId);
  for (const c of consents) h.update(`/${c.id}:${c.events.length}`);
  const hex = h.digest('hex');
  // Laid out as an RFC 9562 UUID of version 8 (defined by its maker).
  const variant = ((parseInt(hex[16]!, 16) & 3) | 8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function buildReceipt(
  manifest: Manifest,
  personId: string,
  consents: readonly StoredConsent[],
  now: Date,
): ConsentReceipt {
  return {
    schema_version: RECEIPT_SCHEMA,
    receipt_id: receiptId(personId, consents),
    receipt_time: now.toISOString(),
    pii_principal_id: personId,
    jurisdiction: 'GB',
    authority_party: ICO,
    records: consents.map((c) => recordOf(manifest, c, personId, now)),
    party_identification: parties(manifest),
  };
}
