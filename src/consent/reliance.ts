/**
 * Which processing rests on consent, read from the manifest's lawful bases: the Art. 6 basis
 * (6(1)(a)), explicit consent as the Art. 9 condition for special category data (9(2)(a)), and
 * consent as the DPA 2018 Schedule 1 condition for criminal offence data (para. 29). The gate uses
 * this to stop such processing when a person has no consent in force; the ledger uses it to refuse
 * consent for activities that do not rest on it.
 */
import { basisCategories, lookup } from '../manifest/lookup.ts';
import type { Activity, LawfulBasis, Manifest } from '../manifest/schema.ts';

/** Schedule 1 paragraph 29: consent, for criminal offence data. */
const CONSENT_PARAGRAPH = 29;

/** A consent the person has given and not withdrawn: the activity, and when it lapses (null: never). */
export interface ConsentInForce {
  activity: string;
  until: Date | null;
}

const rests6 = (b: LawfulBasis) => b.basis === 'consent';
const rests9 = (b: LawfulBasis) => b.art9 === 'a';
const rests10 = (b: LawfulBasis) =>
  !b.art10?.officialAuthority &&
  (b.art10?.schedule1.length ?? 0) > 0 &&
  b.art10!.schedule1.every((p) => p === CONSENT_PARAGRAPH);

/** Does this basis rest on consent in any of the three ways? */
export function restsOnConsent(b: LawfulBasis): boolean {
  return rests6(b) || rests9(b) || rests10(b);
}

/** Can a person give consent to this activity, that is, does any of its bases rest on consent? */
export function asksForConsent(activity: Activity): boolean {
  return activity.lawfulBases.some(restsOnConsent);
}

/** Is consent explicit here (Art. 9(2)(a), or declared explicit), rather than a clear affirmative act? */
export function needsExplicitConsent(activity: Activity): boolean {
  return activity.lawfulBases.some((b) => restsOnConsent(b) && (b.explicit || rests9(b)));
}

/**
 * Would this category be unlawful to process without consent? True when every Art. 6 basis
 * covering it is consent, or, for special category (criminal offence) data, when every Art. 9
 * condition (Art. 10 condition) given for it is consent.
 */
function onlyByConsent(kind: string | undefined, covering: LawfulBasis[]): boolean {
  if (covering.length === 0) return false;
  if (covering.every(rests6)) return true;
  const conditions = (has: (b: LawfulBasis) => boolean, rests: (b: LawfulBasis) => boolean) => {
    const given = covering.filter(has);
    return given.length > 0 && given.every(rests);
  };
  if (kind === 'special') return conditions((b) => b.art9 !== undefined, rests9);
  if (kind === 'criminal') return conditions((b) => b.art10 !== undefined, rests10);
  return false;
}

const cache = new WeakMap<Activity, readonly string[]>();

/** The activity's categories that only consent makes lawful (none for most activities). */
export function consentOnlyCategories(manifest: Manifest, activity: Activity): readonly string[] {
  let found = cache.get(activity);
  if (!found) {
    const kinds = lookup(manifest).categories;
    found = activity.categories.filter((c) =>
      onlyByConsent(
        kinds.get(c)?.kind,
        activity.lawfulBases.filter((b) => basisCategories(activity, b).includes(c)),
      ),
    );
    cache.set(activity, found);
  }
  return found;
}

const NONE: ReadonlySet<string> = new Set();

/** Is there consent in force for the activity at `now`? */
export function consentInForce(
  consents: readonly ConsentInForce[] | undefined,
  activityId: string,
  now: Date,
): boolean {
  return (consents ?? []).some((c) => c.activity === activityId && (c.until === null || c.until > now));
}

/**
 * The categories the activity may not touch for this person because it needs consent they have
 * not given (or have withdrawn, or that has lapsed). Consents not given to the gate count as none.
 */
export function unconsentedCategories(
  manifest: Manifest,
  activity: Activity,
  consents: readonly ConsentInForce[] | undefined,
  now: Date,
): ReadonlySet<string> {
  const only = consentOnlyCategories(manifest, activity);
  if (only.length === 0 || consentInForce(consents, activity.id, now)) return NONE;
  return new Set(only);
}
