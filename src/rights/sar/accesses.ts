/**
 * "Who has seen your information", written so a tenant can follow it. The audit log holds every
 * access, one row each: a housing officer opening a file records a read of the details and one of
 * the records, and answering a request records every step the rights team takes (dozens, some of
 * them forms sent back for a missing answer). Listed as they are, the few accesses a person wants
 * to know about (who looked, why) drown in that noise. So the cover:
 *
 * - groups accesses into one line per day, who (by kind, never by name), why, what and outcome,
 *   with how many times;
 * - leaves out what the person did themself (their online account: they know, and a refused line
 *   there is only their own form sent back), counting it in one sentence instead;
 * - lists the steps of answering their requests in a short section of its own ("Handling your
 *   request"): the rights-request and review workflow, and reads under the subject-access purpose
 *   once a request had been made. Refused steps there are left out: they saw nothing.
 *
 * Nothing is hidden: data.json lists every access as the log holds it.
 */
import { SAR_PURPOSE } from './purposes.ts';
import { dayWords, idWords, ukDayOf } from './present.ts';
import type { PackAccess } from './types.ts';

export interface AccessLine {
  /** The day in words ("9 September 2026"). */
  day: string;
  who: string;
  /** The purpose's name, or '' when none was given. */
  why: string;
  what: string;
  /** 'Allowed' or 'Refused'. */
  outcome: string;
  times: number;
}

export interface AccessSummary {
  /** Others' accesses, newest day first. */
  seen: AccessLine[];
  /** Steps in answering the person's requests, newest day first. */
  handling: AccessLine[];
  /** How many accesses were the person's own (neither list shows them). */
  own: number;
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
  'person.find': 'searched for you',
  'person.create': 'recorded your details',
  'person.update': 'changed your details',
  'person.rectify': 'corrected your details',
  'person.restrict': 'restricted the use of your details',
  'person.unrestrict': 'lifted a restriction on your details',
  'person.erase': 'erased your details',
  // Emergency access: a member of staff stated a reason to open a file outside their patch or team.
  'person.break-glass': 'opened your file in an emergency, giving a reason',
  'break-glass.reviewed': 'reviewed an emergency opening of your file',
  'record.read': 'looked at records',
  'record.create': 'added a record',
  'record.update': 'changed a record',
  'record.rectify': 'corrected a record',
  'record.erase': 'erased a record',
  'record.anonymise': 'anonymised a record',
  'document.list': 'listed documents',
  'document.read': 'opened a document',
  'document.create': 'added a document',
  'consent.give': 'recorded your consent',
  'consent.withdraw': 'recorded the withdrawal of your consent',
  'consent.read': 'looked at your consents',
  'disclosure.create': 'recorded sharing your information',
  'disclosure.read': 'looked at what was shared about you',
  'rights-request.create': 'recorded your request',
  'rights-request.read': 'looked at your request',
  'rights-request.transition': 'moved your request on',
  'sar.assemble': 'gathered your information for your request',
  'sar.release': 'sent you a copy of your information',
  'sar.download': 'downloaded the copy of your information',
};

/** The other kinds of thing an action can be done to, for a line the list above does not name. */
const OBJECTS: Record<string, string> = {
  'sar-review': 'checking the copy of your information',
  consent: 'your consents',
  breach: 'a data breach that affected you',
  representative: 'the people who act for you',
  hold: 'a hold on deleting your information',
  erasure: 'your request to erase information',
  objection: 'your objection',
  restriction: 'a restriction on your information',
  rectification: 'a correction to your information',
  'automated-decision': 'an automated decision about you',
  portability: 'a copy of your information for another organisation',
  retention: 'keeping or deleting your information',
};

/** The steps of answering a request: the request's own workflow and its review. */
const REQUEST_WORK = new Set(['rights-request', 'sar-review', 'sar']);

export const whoWords = (actorKind: string): string => WHO[actorKind] ?? `Someone (${idWords(actorKind)})`;

export function whatWords(action: string): string {
  const known = WHAT[action];
  if (known) return known;
  const object = OBJECTS[action.split('.')[0]!];
  return object ? `worked on ${object}` : `worked on your information (${idWords(action.replace('.', ' '))})`;
}

/** When the earliest request in the history was made, or undefined if none is in it. */
function firstRequestAt(accesses: readonly PackAccess[]): string | undefined {
  const made = accesses.filter((a) => a.action === 'rights-request.create').map((a) => a.at);
  return made.length ? made.reduce((a, b) => (a < b ? a : b)) : undefined;
}

function isRequestWork(a: PackAccess, requestMadeAt: string | undefined): boolean {
  if (REQUEST_WORK.has(a.action.split('.')[0]!)) return true;
  return a.purpose === SAR_PURPOSE && requestMadeAt !== undefined && a.at >= requestMadeAt;
}

/**
 * Adds each access to its day's line, in the order given (newest first stays newest first). The
 * steps of a request are all for answering it, so `withWhy` false leaves the purpose out of them.
 */
function grouped(accesses: readonly PackAccess[], withWhy = true): AccessLine[] {
  const lines = new Map<string, AccessLine>();
  for (const a of accesses) {
    const line: AccessLine = {
      day: dayWords(a.at),
      who: whoWords(a.actorKind),
      why: withWhy ? (a.purposeName ?? '') : '',
      what: whatWords(a.action),
      outcome: a.outcome === 'allowed' ? 'Allowed' : 'Refused',
      times: 1,
    };
    const key = JSON.stringify([ukDayOf(a.at), line.who, line.why, line.what, line.outcome]);
    const same = lines.get(key);
    if (same) same.times += 1;
    else lines.set(key, line);
  }
  return [...lines.values()];
}

/**
 * The kind of actor whose accesses are the person's own use (their online account): the pack and
 * the DPO's "who accessed this file" count them in one sentence instead of listing them.
 */
export const OWN_USE_KIND = 'subject';

export function summariseAccesses(accesses: readonly PackAccess[]): AccessSummary {
  const requestMadeAt = firstRequestAt(accesses);
  const others = accesses.filter((a) => a.actorKind !== OWN_USE_KIND);
  const work = others.filter((a) => isRequestWork(a, requestMadeAt));
  return {
    seen: grouped(others.filter((a) => !isRequestWork(a, requestMadeAt))),
    handling: grouped(
      work.filter((a) => a.outcome === 'allowed'),
      false,
    ),
    own: accesses.length - others.length,
  };
}

/** One line as a sentence, for the PDF and for anyone reading the list aloud. */
export function accessLine(l: AccessLine): string {
  const times = l.times === 1 ? 'once' : `${l.times} times`;
  const refused = l.outcome === 'Refused' ? ' (refused: they were not allowed)' : '';
  return `${l.day}: ${l.who} ${l.what}${l.why ? ` (${l.why})` : ''}, ${times}${refused}`;
}

/** The sentence that says what the lists leave out, and where it is. */
export function accessNote(summary: AccessSummary): string {
  const own =
    summary.own > 0
      ? `We have not listed the ${summary.own === 1 ? 'time' : `${summary.own} times`} you used your own online account. `
      : '';
  return `${own}Each access is listed in full, with its exact time, in data.json.`;
}

/** An audit log entry as the pack lists it: the kind of actor and the purpose's name, never a name or id. */
export function packAccessOf(
  a: { at: Date | string; actorKind: string; purpose: string | null; action: string; outcome: string },
  purposeName: (purpose: string) => string | undefined,
): PackAccess {
  return {
    at: new Date(a.at).toISOString(),
    actorKind: a.actorKind,
    purpose: a.purpose,
    purposeName: a.purpose ? (purposeName(a.purpose) ?? a.purpose) : null,
    action: a.action,
    outcome: a.outcome,
  };
}

/**
 * Would this log entry tell the person of a disclosure kept from them (crime and taxation)? A
 * recorded or attempted disclosure, or a read of the log, naming none of those they may see:
 * "someone recorded sharing your information" would give away what the exemption withholds.
 */
export function revealsWithheld(
  a: { action: string; outcome: string; recordIds: readonly string[] },
  visible: ReadonlySet<string>,
): boolean {
  if (!a.action.startsWith('disclosure.')) return false;
  if (a.action === 'disclosure.create' && a.outcome !== 'allowed') return true;
  return a.recordIds.length > 0 && !a.recordIds.some((id) => visible.has(id));
}
