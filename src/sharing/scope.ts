/**
 * Agreements as the checks see them, and the pure rules over them: what an agreement covers, a
 * check that refuses sharing outside its scope or dates (with the reason), and the list of
 * agreements that have expired or need review, for the DPO's dashboard. Dates are UK calendar
 * dates (YYYY-MM-DD) and "today" is always given, never read from the clock.
 */
import { lookup } from '../manifest/lookup.ts';
import type { Manifest } from '../manifest/schema.ts';
import { daysBetween, type IsoDate } from '../rights/clock/index.ts';
import { AGREEMENT_TYPE_LABELS, type AgreementType } from './vocabulary.ts';

export interface AgreementView {
  id: string;
  controllerId: string;
  recipientId: string;
  recipientName: string;
  type: AgreementType;
  reference: string | null;
  startsOn: IsoDate | null;
  expiresOn: IsoDate | null;
  reviewOn: IsoDate | null;
  /** As written; empty means "what the manifest's activities for this recipient cover". */
  categories: string[];
  activities: string[];
  /** What the agreement covers in effect. */
  scope: { categories: string[]; activities: string[] };
  /** Declared in the manifest, or entered in the store. */
  source: 'manifest' | 'entered';
}

/**
 * The scope in effect. An agreement that names no activities covers the activities the manifest
 * says share with its recipient; one that names no categories covers those activities' categories.
 */
export function effectiveScope(
  manifest: Manifest,
  recipientId: string,
  declared: { categories: readonly string[]; activities: readonly string[] },
): AgreementView['scope'] {
  const activities = declared.activities.length
    ? [...declared.activities]
    : manifest.activities.filter((a) => a.recipients.includes(recipientId)).map((a) => a.id);
  const l = lookup(manifest);
  const categories = declared.categories.length
    ? [...declared.categories]
    : [...new Set(activities.flatMap((a) => l.activities.get(a)?.categories ?? []))];
  return { categories, activities };
}

export interface SharingRequest {
  recipientId: string;
  activityId: string;
  categories: readonly string[];
  /** The day of the disclosure. */
  on: IsoDate;
}

/** Why sharing is refused: the field at fault and the reason, in words with no personal data. */
export interface SharingRefusal {
  field: string;
  reason: string;
}

function inForce(a: AgreementView, on: IsoDate): SharingRefusal | null {
  if (a.startsOn && a.startsOn > on)
    return { field: 'agreementId', reason: `agreement ${a.id} starts on ${a.startsOn}, after ${on}` };
  if (a.expiresOn && a.expiresOn < on)
    return { field: 'agreementId', reason: `agreement ${a.id} expired on ${a.expiresOn}, before ${on}` };
  return null;
}

/** Null when the agreement allows this sharing; otherwise the first reason it does not. */
export function checkSharing(
  manifest: Manifest,
  agreement: AgreementView,
  req: SharingRequest,
): SharingRefusal | null {
  const l = lookup(manifest);
  if (agreement.recipientId !== req.recipientId)
    return {
      field: 'agreementId',
      reason: `agreement ${agreement.id} is with ${agreement.recipientName}, not with recipient "${req.recipientId}"`,
    };
  const dates = inForce(agreement, req.on);
  if (dates) return dates;
  const activity = l.activities.get(req.activityId);
  if (!activity)
    return { field: 'activityId', reason: `"${req.activityId}" is not an activity the manifest declares` };
  if (!agreement.scope.activities.includes(activity.id))
    return {
      field: 'activityId',
      reason: `agreement ${agreement.id} does not cover ${activity.name}; it covers ${agreement.scope.activities.join(', ') || 'no activity'}`,
    };
  if (!activity.recipients.includes(req.recipientId))
    return {
      field: 'recipientId',
      reason: `the manifest does not name ${agreement.recipientName} as a recipient of ${activity.name}, so the privacy notice does not tell people about this sharing`,
    };
  const outside = req.categories.filter((c) => !agreement.scope.categories.includes(c));
  if (outside.length)
    return {
      field: 'categories',
      reason: `agreement ${agreement.id} does not cover ${outside.join(', ')}`,
    };
  const notHeld = req.categories.filter((c) => !activity.categories.includes(c));
  if (notHeld.length)
    return {
      field: 'categories',
      reason: `${activity.name} does not use ${notHeld.join(', ')}, so they cannot be shared for it`,
    };
  return null;
}

/** "Data sharing agreement, reference RX-2025-7": the manifest gives an agreement a type, not a name. */
export function agreementName(a: Pick<AgreementView, 'type' | 'reference'>): string {
  const type = AGREEMENT_TYPE_LABELS[a.type];
  return a.reference ? `${type}, reference ${a.reference}` : type;
}

export type AttentionStatus = 'expired' | 'expires-soon' | 'review-overdue' | 'review-due' | 'no-dates';

export interface AgreementAttention {
  agreementId: string;
  /** What people call it: its type, and its reference when it has one (the id is for matching). */
  agreementName: string;
  recipientName: string;
  status: AttentionStatus;
  /** The date in question (none for no-dates). */
  on: IsoDate | null;
  /** Days from today to that date; negative when past. */
  days: number | null;
}

/**
 * Agreements that need the DPO: expired or expiring within `withinDays`, review overdue or due,
 * or with neither an expiry nor a review date (nothing would ever bring them back). Most urgent first.
 */
export function agreementsNeedingAttention(
  agreements: readonly AgreementView[],
  today: IsoDate,
  withinDays = 60,
): AgreementAttention[] {
  const out: AgreementAttention[] = [];
  for (const a of agreements) {
    const note = (status: AttentionStatus, on: IsoDate | null) =>
      out.push({
        agreementId: a.id,
        agreementName: agreementName(a),
        recipientName: a.recipientName,
        status,
        on,
        days: on ? daysBetween(today, on) : null,
      });
    if (a.expiresOn && a.expiresOn < today) note('expired', a.expiresOn);
    else if (a.expiresOn && daysBetween(today, a.expiresOn) <= withinDays) note('expires-soon', a.expiresOn);
    if (a.reviewOn && a.reviewOn < today) note('review-overdue', a.reviewOn);
    else if (a.reviewOn && daysBetween(today, a.reviewOn) <= withinDays) note('review-due', a.reviewOn);
    if (!a.expiresOn && !a.reviewOn) note('no-dates', null);
  }
  return out.sort((x, y) => (x.days ?? Infinity) - (y.days ?? Infinity));
}
