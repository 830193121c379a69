/** The subject access pack: everything a response under UK GDPR Art. 15 gives, as a draft or as released. */
import type { RedactionKind } from '../redaction/index.ts';

export interface PackField {
  name: string;
  label: string;
  type: string;
  /** The value as disclosed: free text with third-party spans replaced by placeholders. */
  value: unknown;
  /** How many spans were redacted from this field. */
  redactions: number;
}

export interface PackRecord {
  id: string;
  recordType: string;
  recordTypeName: string;
  createdAt: string;
  /**
   * When it happened, as held: the field the record type's lifecycle names (a payment's posting
   * day, a call's time), or null when it names none. The cover dates a record by this, not by the
   * day it was added (often an import's).
   */
  occurredAt: string | null;
  /** 'own': on the requester's file; 'mention': on someone else's file, mentioning the requester. */
  source: 'own' | 'mention';
  /** For a mention: the requester's part in the record (complainant, witness…). */
  parts: string[];
  fields: PackField[];
}

export interface PackRedaction {
  recordId: string;
  field: string;
  /** Offsets into the original (unredacted) text, which the pack does not carry. */
  start: number;
  end: number;
  /** The detector that proposed it, or 'caseworker' for a passage a caseworker added. */
  kind: RedactionKind | 'caseworker';
  /** The legal reason, in words, with its reference. */
  reason: string;
}

/** Items withheld in full under an exemption, counted per exemption (the items are not named). */
export interface PackExemption {
  code: string;
  label: string;
  reference: string;
  items: number;
}

export interface PackDocument {
  id: string;
  kind: string;
  mediaType: string;
  sizeBytes: number;
  createdAt: string;
  recordId: string | null;
}

/** One access to the requester's file, as the ICO expects it: recipient kind and purpose, no staff names. */
export interface PackAccess {
  at: string;
  actorKind: string;
  purpose: string | null;
  purposeName: string | null;
  action: string;
  outcome: string;
}

/** One event in a consent's history: when it was given, withdrawn or expired, how and by whom. */
export interface PackConsentEvent {
  at: string;
  state: string;
  channel: string;
  method: string;
  /** The version of the notice shown when it was given. */
  noticeVersion: string | null;
  /** 'subject': the person; 'representative': someone on their behalf; 'controller': e.g. on expiry. */
  expressedBy: string;
  explicit: boolean;
}

/**
 * A consent on the ledger (ISO/IEC TS 27560 shape). The sealed words (evidence, notes, the name of
 * whoever consented on the person's behalf) are left out: they can name others, and the events
 * already say what was consented to, when and how.
 */
export interface PackConsent {
  id: string;
  activityId: string;
  activityName: string;
  status: string;
  givenAt: string | null;
  expiresAt: string | null;
  events: PackConsentEvent[];
}

/** A disclosure about the person to someone outside the controller (the disclosure log). */
export interface PackDisclosure {
  id: string;
  /** 'ad-hoc' (a single request) or 'routine' (part of a routine return). */
  kind: string;
  disclosedOn: string;
  recipient: string;
  recipientKind: string;
  basis: string;
  basisLabel: string;
  law: string;
  activity: string | null;
  categories: string[];
  reference: string | null;
  description: string | null;
}

export interface PackActivity {
  id: string;
  name: string;
  purpose: string;
  lawfulBases: string[];
  categories: string[];
  recipients: { name: string; country: string }[];
  retention: string | null;
  sources: string[];
  automatedDecisions: { name: string; logic: string; significance: string; humanReview: string }[];
  transfers: { country: string; safeguard: string | null }[];
  rights: string[];
}

export interface Supplementary {
  activities: PackActivity[];
  /** Art. 15(1)(f): the right to complain to the ICO. */
  complaint: string;
  /** Art. 15(1)(e): the rights to rectification, erasure, restriction and objection, in words. */
  rightsStatement: string;
}

export interface SarPack {
  /** A draft is for a caseworker's review; only a released pack goes to the person. */
  status: 'draft' | 'released';
  controller: { id: string; name: string; contact: string | null };
  personId: string;
  /** The date the pack was assembled (YYYY-MM-DD). */
  today: string;
  generatedAt: string;
  /** The requester's own details, as the gate allowed: their own data, not redacted. */
  details: PackField[];
  records: PackRecord[];
  documents: PackDocument[];
  accesses: PackAccess[];
  /** The person's consents, each with its history. */
  consents: PackConsent[];
  /**
   * Disclosures about the person, oldest first. Those the log withholds from the person (crime and
   * taxation) appear only once a caseworker has released them; they are never counted here.
   */
  disclosures: PackDisclosure[];
  supplementary: Supplementary;
  redactions: PackRedaction[];
  exemptions: PackExemption[];
  /** Records (own and mentioning) and documents the assembling actor was not allowed to see. */
  withheld: { records: number; mentions: number; documents: number };
}
