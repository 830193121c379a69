/** The cover letter's words, shared by the HTML and PDF covers so both say the same. */
import type { PackAccess, PackConsent, PackDisclosure, SarPack } from './types.ts';

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
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function requesterName(pack: SarPack): string {
  const name = ['givenName', 'familyName']
    .map((n) => pack.details.find((f) => f.name === n)?.value)
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .join(' ');
  return name || 'Sir or Madam';
}

export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function packFiles(pack: SarPack): string[] {
  const files = [
    'cover.html and cover.pdf: this letter and an index of the pack',
    'data.json: everything in this pack, for computers',
    'data.csv: the same, for spreadsheets',
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
      'Why we hold your information and who we share it with',
      'Information we have not included',
      'Your rights',
    ],
    leftOut: leftOut(pack),
    files: packFiles(pack),
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
    status: `${CONSENT_STATUS[c.status] ?? c.status}${c.expiresAt ? ` (until ${c.expiresAt.slice(0, 10)})` : ''}`,
    history: c.events
      .map(
        (e) =>
          `${e.state} on ${e.at.slice(0, 10)} ${EXPRESSED_BY[e.expressedBy] ?? ''} (${e.channel}, ${e.method.replace(/-/g, ' ')}${e.noticeVersion ? `, notice version ${e.noticeVersion}` : ''})`,
      )
      .join('; '),
  };
}

/** A disclosure in one line: when, to whom, on what basis, which kinds of information. */
export function disclosureLine(d: PackDisclosure): string {
  return [
    d.disclosedOn,
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

const WHO: Record<string, string> = {
  staff: 'A member of staff',
  'third-party': 'A contractor or partner organisation',
  subject: 'You',
  service: 'A connected system',
  system: 'Custos itself',
};

const WHAT: Record<string, string> = {
  'person.read': 'looked at your details',
  'person.create': 'recorded your details',
  'person.update': 'changed your details',
  'record.read': 'looked at records',
  'record.create': 'added a record',
  'record.update': 'changed a record',
  'record.erase': 'erased a record',
  'document.list': 'listed documents',
  'document.read': 'opened a document',
  'document.create': 'added a document',
  'sar.assemble': 'gathered your information for a request',
};

/** An access in words: who (by kind, never by name), what they did, and whether it was allowed. */
export function accessWords(a: PackAccess): { who: string; what: string; result: string } {
  const prefix = a.action.split('.')[0];
  const what =
    WHAT[a.action] ??
    (prefix === 'rights-request' || prefix === 'sar-review' ? 'handled a request of yours' : a.action);
  return {
    who: WHO[a.actorKind] ?? a.actorKind,
    what,
    result: a.outcome === 'allowed' ? 'allowed' : 'refused',
  };
}

/** Accesses grouped by who (kind), why, what and the outcome, with how many and when. */
export function summariseAccesses(pack: SarPack): string[] {
  const groups = new Map<string, { n: number; first: string; last: string }>();
  for (const a of pack.accesses) {
    const w = accessWords(a);
    const key = [w.who, a.purposeName ?? 'no purpose given', w.what, w.result].join(' · ');
    const day = a.at.slice(0, 10);
    const g = groups.get(key);
    if (!g) groups.set(key, { n: 1, first: day, last: day });
    else {
      g.n += 1;
      if (day < g.first) g.first = day;
      if (day > g.last) g.last = day;
    }
  }
  return [...groups].map(
    ([key, g]) =>
      `${key}: ${plural(g.n, 'time', 'times')}, ${g.first === g.last ? `on ${g.first}` : `${g.first} to ${g.last}`}`,
  );
}
