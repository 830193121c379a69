/** The cover letter's words, shared by the HTML and PDF covers so both say the same. */
import { dayWords, idWords, presentValue, valueWords } from './present.ts';
import type { PackConsent, PackDisclosure, PackField, PackRecord, SarPack } from './types.ts';

export interface CoverLetter {
  draftWarning: string;
  opening: string[];
  redactionNote: string | null;
  /** The pack's sections with their counts. */
  contents: string[];
  /** What was left out and why, one line each. */
  leftOut: string[];
  /** The files in the zip. */
  files: string[];
  /** Why the data files look different from this letter. */
  formatsNote: string;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function requesterName(pack: SarPack): string {
  const name = ['givenName', 'familyName']
    .map((n) => pack.details.find((f) => f.name === n)?.value)
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .join(' ');
  return name || 'Sir or Madam';
}

/** When a record happened if its type says (a payment's posting day), else the day it was added. */
export const recordDate = (r: PackRecord): string => r.occurredAt ?? r.createdAt;

/** A field's value as the cover shows it: in words (dates, money, yes or no), a dash for nothing. */
export const displayValue = (f: PackField): string => presentValue(f, f.value) || '—';

export function packFiles(pack: SarPack): string[] {
  const files = [
    'cover.html and cover.pdf: this letter and an index of the pack',
    'data.json: everything in this pack, for computers',
    'data.csv: your details, records, consents and sharing, for spreadsheets',
  ];
  if (pack.status === 'released' && pack.documents.length)
    files.push('documents: a copy of each document listed');
  return files;
}

function leftOut(pack: SarPack): string[] {
  const byReason = new Map<string, number>();
  for (const r of pack.redactions) byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + 1);
  const lines = [...byReason].map(([reason, n]) => `${plural(n, 'passage', 'passages')} removed: ${reason}`);
  for (const e of pack.exemptions)
    lines.push(`${plural(e.items, 'item', 'items')} withheld in full: ${e.label} (${e.reference})`);
  const withheld = pack.withheld.records + pack.withheld.mentions + pack.withheld.documents;
  if (withheld)
    lines.push(
      `${plural(withheld, 'other item is', 'other items are')} being reviewed and ${withheld === 1 ? 'is' : 'are'} not included yet.`,
    );
  return lines;
}

export function coverLetter(pack: SarPack): CoverLetter {
  const own = pack.records.filter((r) => r.source === 'own').length;
  const mentions = pack.records.length - own;
  return {
    draftWarning: 'Draft for review: this pack has not been reviewed by a caseworker and must not be sent.',
    opening: [
      'You asked us for a copy of the personal information we hold about you. This pack gives you that information, and explains why we hold it, who we share it with, how long we keep it and what your rights are.',
    ],
    redactionNote: pack.redactions.length
      ? 'Some words have been replaced with [redacted: …] because they are about other people, or because the law lets us withhold them. The law lets us withhold information about other people unless they agree or it is reasonable to share it (Data Protection Act 2018, Schedule 2, paragraph 16).'
      : null,
    contents: [
      'Your details',
      `Records on your file (${own})`,
      `Other records that mention you (${mentions})`,
      `Documents we hold (${pack.documents.length})`,
      `Your consents (${pack.consents.length})`,
      `Who we have shared your information with (${pack.disclosures.length})`,
      'Who has seen your information',
      'Handling your request',
      'Why we hold your information and who we share it with',
      'Information we have not included',
      'Your rights',
    ],
    leftOut: leftOut(pack),
    files: packFiles(pack),
    formatsNote:
      'This letter writes dates, times, amounts and choices in words. data.json and data.csv keep them exactly as we hold them (dates as year, month and day in figures, times in UTC, choices as short codes), so that a computer can read them or you can take them to another organisation.',
  };
}

const CONSENT_STATUS: Record<string, string> = {
  given: 'You have given your consent',
  withdrawn: 'You have withdrawn your consent',
  expired: 'Your consent has expired',
  refused: 'You refused your consent',
};

const EXPRESSED_BY: Record<string, string> = {
  subject: 'by you',
  representative: 'by someone on your behalf',
  controller: 'by us',
};

/** A consent in words: what it is for, where it stands, and its history, oldest first. */
export function consentWords(c: PackConsent): { activity: string; status: string; history: string } {
  return {
    activity: c.activityName,
    status: `${CONSENT_STATUS[c.status] ?? idWords(c.status)}${c.expiresAt ? ` (until ${dayWords(c.expiresAt)})` : ''}`,
    history: c.events
      .map(
        (e) =>
          `${valueWords(e.state)} on ${dayWords(e.at)} ${EXPRESSED_BY[e.expressedBy] ?? ''} (${idWords(e.channel)}, ${idWords(e.method)}${e.noticeVersion ? `, notice version ${e.noticeVersion}` : ''})`,
      )
      .join('; '),
  };
}

/** A disclosure in one line: when, to whom, on what basis, which kinds of information. */
export function disclosureLine(d: PackDisclosure): string {
  return [
    dayWords(d.disclosedOn),
    d.recipient,
    d.basisLabel,
    d.categories.join(', '),
    d.activity ?? '',
    d.reference ? `reference ${d.reference}` : '',
    d.description ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
}
