/**
 * Checking a consent choice before anything is written: each problem is an InputError naming the
 * field and the reason. Consent can only be recorded for an activity the manifest declares, that
 * rests on consent, and that processes data of the kind of person concerned.
 */
import { LAWFUL_BASES } from '../manifest/vocabulary/law.ts';
import { lookup } from '../manifest/lookup.ts';
import type { Activity, Manifest } from '../manifest/schema.ts';
import { InputError } from '../records/errors.ts';
import { REPRESENTATIVE_KINDS, type RepresentativeKind } from '../rights/representatives/vocabulary.ts';
import { checkId, checkOneOf, checkText } from '../rights/requests/input.ts';
import { asksForConsent } from './reliance.ts';
import {
  CONSENT_CHANNELS,
  CONSENT_METHODS,
  NEXT_STATES,
  STATE_WORDS,
  type ConsentChannel,
  type ConsentMethod,
  type ConsentState,
} from './vocabulary.ts';

/** Someone who gave or withdrew consent for the person: on the representatives register, or not. */
export type OnBehalf =
  { representativeId: string } | { kind: RepresentativeKind; name: string; authority: string };

export interface ConsentChoice {
  personId: string;
  /** The manifest's activities (purposes) the choice is about. */
  activities: readonly string[];
  channel: ConsentChannel;
  /** How it was expressed; by default the usual way for the channel. */
  method?: ConsentMethod;
  /** The version of the privacy notice the person was shown; by default the current one. */
  noticeVersion?: string;
  /** The language the notice was shown in (BCP 47); by default English. */
  language?: string;
  /** What shows it happened, e.g. the form's reference or the call's (sealed). */
  evidence?: string;
  /** When consent given now lapses (ISO 8601); by default it lasts until withdrawn. */
  expiresAt?: string | Date;
  onBehalf?: OnBehalf;
  note?: string;
}

export interface CheckedOnBehalf {
  representativeId: string | null;
  kind: RepresentativeKind | null;
  name: string | null;
  authority: string | null;
}

export interface CheckedChoice {
  personId: string;
  activities: Activity[];
  channel: ConsentChannel;
  method: ConsentMethod;
  noticeVersion: string;
  language: string;
  evidence: string | null;
  expiresAt: Date | null;
  onBehalf: CheckedOnBehalf | null;
  note: string | null;
}

const USUAL_METHOD: Record<ConsentChannel, ConsentMethod> = {
  portal: 'portal-toggle',
  'web-form': 'tick-box',
  phone: 'verbal',
  email: 'email',
  letter: 'signed-form',
  'in-person': 'verbal',
};

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export function checkActivities(manifest: Manifest, value: unknown): Activity[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new InputError('activities', 'name at least one activity the consent is about');
  const activities = lookup(manifest).activities;
  const seen = new Set<string>();
  return value.map((id: unknown) => {
    const activity = typeof id === 'string' ? activities.get(id) : undefined;
    if (!activity)
      throw new InputError(
        'activities',
        `${JSON.stringify(id)?.slice(0, 60)} is not an activity the privacy notice declares`,
      );
    if (seen.has(activity.id)) throw new InputError('activities', `${activity.name} is named twice`);
    seen.add(activity.id);
    if (!asksForConsent(activity)) {
      const bases = [...new Set(activity.lawfulBases.map((b) => LAWFUL_BASES[b.basis].label.toLowerCase()))];
      throw new InputError(
        'activities',
        `${activity.name} relies on ${bases.join(' and ') || 'no declared basis'}, not on consent: consent to it cannot be given or withdrawn`,
      );
    }
    return activity;
  });
}

/** The person must be one of the kinds of people the activity is declared for. */
export function checkSubjects(activities: readonly Activity[], subjectTypes: readonly string[]): void {
  for (const a of activities) {
    if (!a.subjects.some((s) => subjectTypes.includes(s)))
      throw new InputError(
        'activities',
        `${a.name} is declared for ${a.subjects.join(', ')}, and this person is none of them`,
      );
  }
}

function checkNoticeVersion(manifest: Manifest, value: unknown): string {
  const current = manifest.notice.version;
  if (value === undefined || value === null || value === '') return current;
  const known = new Set([current, ...manifest.notice.changelog.map((c) => c.version)]);
  if (typeof value !== 'string' || !known.has(value))
    throw new InputError(
      'noticeVersion',
      `${JSON.stringify(value)?.slice(0, 40)} is not a version of the privacy notice (known: ${[...known].join(', ')})`,
    );
  return value;
}

function checkExpiry(value: unknown, now: Date): Date | null {
  if (value === undefined || value === null || value === '') return null;
  const at = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  if (!at || Number.isNaN(at.getTime()) || (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}/.test(value)))
    throw new InputError('expiresAt', 'is not a date and time written in ISO 8601');
  if (at <= now) throw new InputError('expiresAt', 'is not in the future');
  return at;
}

function checkOnBehalf(value: unknown): CheckedOnBehalf | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') throw new InputError('onBehalf', 'must name a representative');
  const v = value as Record<string, unknown>;
  if (v.representativeId !== undefined) {
    if (v.name !== undefined || v.kind !== undefined)
      throw new InputError('onBehalf', 'give either a registered representative or a name, not both');
    return {
      representativeId: checkId(v.representativeId, 'onBehalf.representativeId'),
      kind: null,
      name: null,
      authority: null,
    };
  }
  return {
    representativeId: null,
    kind: checkOneOf(v.kind, REPRESENTATIVE_KINDS, 'onBehalf.kind'),
    name: checkText(v.name, 'onBehalf.name', true)!.trim(),
    // Without the register's evidence, what gives them authority must be written down.
    authority: checkText(v.authority, 'onBehalf.authority', true)!.trim(),
  };
}

/**
 * Check a choice. Giving consent must be evidenced when staff record it; withdrawing never needs
 * more than giving did, and never fails for want of evidence.
 */
export function checkChoice(
  manifest: Manifest,
  input: ConsentChoice,
  now: Date,
  options: { state: ConsentState; evidenceRequired: boolean },
): CheckedChoice {
  if (!input || typeof input !== 'object') throw new InputError('personId', 'is required');
  const personId = checkId(input.personId, 'personId');
  const activities = checkActivities(manifest, input.activities);
  const channel = checkOneOf(input.channel, CONSENT_CHANNELS, 'channel');
  const method =
    input.method === undefined ? USUAL_METHOD[channel] : checkOneOf(input.method, CONSENT_METHODS, 'method');
  const language = input.language ?? 'en';
  if (typeof language !== 'string' || !LANGUAGE.test(language))
    throw new InputError('language', 'must be a language tag such as en or cy');
  const evidence = checkText(input.evidence, 'evidence', options.evidenceRequired)?.trim() || null;
  const expiresAt = checkExpiry(input.expiresAt, now);
  if (expiresAt && options.state !== 'given')
    throw new InputError('expiresAt', `only consent being given can lapse, not consent ${options.state}`);
  return {
    personId,
    activities,
    channel,
    method,
    noticeVersion: checkNoticeVersion(manifest, input.noticeVersion),
    language,
    evidence,
    expiresAt,
    onBehalf: checkOnBehalf(input.onBehalf),
    note: checkText(input.note, 'note', false)?.trim() || null,
  };
}

const WHY_NOT: Record<ConsentState, string> = {
  given: 'consent cannot be given',
  withdrawn: 'there is no consent in force to withdraw',
  expired: 'there is no consent in force to lapse',
  refused: 'consent is in force: record that it is withdrawn instead',
};

/** May a record in `current` state (none: no record yet) move to `next`? Throws the reason if not. */
export function checkTransition(
  activity: Pick<Activity, 'name'>,
  current: ConsentState | undefined,
  next: ConsentState,
): void {
  if (NEXT_STATES[current ?? 'none'].includes(next)) return;
  const now = current ? `it is ${STATE_WORDS[current]}` : 'it has never been given';
  throw new InputError('activities', `${activity.name}: ${WHY_NOT[next]} (${now})`);
}
