/**
 * Recording that the requester's identity was checked, when it was not through the request's
 * awaiting-id step (uk-rules.md §1.1: ask for ID only where needed). The details presented (from
 * an ID document, a signed-in portal account, known contact details or in person) are compared
 * with the details held, read through the gate; one that does not match is refused, naming the
 * field, audited, and nothing is recorded. The details presented are never stored.
 */
import { InputError } from '../../records/errors.ts';
import { readPerson } from '../../records/people.ts';
import type { Call, Store } from '../../records/store.ts';
import { isIsoDate } from '../clock/index.ts';
import { auditingDenials } from '../requests/gate.ts';
import { checkOneOf, checkPastDate, checkText, ukDate } from '../requests/input.ts';
import { changeOpenReview, openReview, sealerFor } from './access.ts';
import { IdentityMismatch } from './errors.ts';
import { place } from './rows.ts';
import { IDENTITY_METHODS, type IdentityMethod } from './vocabulary.ts';

export interface PresentedIdentity {
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD, or DD/MM/YYYY as UK forms write it (never read as a US date). */
  dateOfBirth?: string;
  postcode?: string;
  email?: string;
}

export interface IdentityCheck {
  method: IdentityMethod;
  presented: PresentedIdentity;
  /** The day the evidence was seen (default today). */
  on?: string;
  /** What was seen, e.g. "passport, checked at the office" (sealed). */
  note?: string;
}

const ACTION = 'sar-review.identity';

/** Names compared without case, accents, spaces or punctuation ("O’Neill" = "ONEILL"). */
const normaliseName = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');
const normalisePostcode = (s: string): string => s.toUpperCase().replace(/\s+/g, '');
const normaliseEmail = (s: string): string => s.trim().toLowerCase();

export function parseUkDate(value: unknown, field: string): string {
  if (isIsoDate(value)) return value;
  const m = typeof value === 'string' ? /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value.trim()) : null;
  const iso = m ? `${m[3]}-${m[2]}-${m[1]}` : undefined;
  if (!iso || !isIsoDate(iso))
    throw new InputError(field, 'is not a real date written YYYY-MM-DD or DD/MM/YYYY');
  return iso;
}

interface Comparison {
  field: keyof PresentedIdentity;
  presented: string;
  normalise: (s: string) => string;
}

function comparisons(presented: PresentedIdentity): Comparison[] {
  if (!presented || typeof presented !== 'object') throw new InputError('presented', 'is required');
  const out: Comparison[] = [
    {
      field: 'givenName',
      presented: checkText(presented.givenName, 'presented.givenName', true)!,
      normalise: normaliseName,
    },
    {
      field: 'familyName',
      presented: checkText(presented.familyName, 'presented.familyName', true)!,
      normalise: normaliseName,
    },
  ];
  if (presented.dateOfBirth !== undefined)
    out.push({
      field: 'dateOfBirth',
      presented: parseUkDate(presented.dateOfBirth, 'presented.dateOfBirth'),
      normalise: (s) => s,
    });
  const postcode = checkText(presented.postcode, 'presented.postcode', false);
  if (postcode) out.push({ field: 'postcode', presented: postcode, normalise: normalisePostcode });
  const email = checkText(presented.email, 'presented.email', false);
  if (email) out.push({ field: 'email', presented: email, normalise: normaliseEmail });
  if (out.length < 3)
    throw new InputError('presented', 'needs a date of birth, postcode or email besides the name');
  return out;
}

/** Throws naming the first detail that is not held or does not match. */
function compare(held: Record<string, unknown>, wanted: Comparison[]): void {
  for (const c of wanted) {
    const value = held[c.field];
    const field = `presented.${c.field}`;
    if (typeof value !== 'string' || !value.trim())
      throw new IdentityMismatch(field, 'is not held for this person, so it cannot be checked');
    if (c.normalise(value) !== c.normalise(c.presented))
      throw new IdentityMismatch(field, 'does not match the details held for this person');
  }
}

export async function verifyIdentity(
  store: Store,
  call: Call,
  reviewId: string,
  input: IdentityCheck,
): Promise<void> {
  const opened = await openReview(store, call, reviewId, ACTION);
  const { controller_id: controllerId, person_id: personId } = opened.review;
  const today = ukDate(store.now());
  const checked = await auditingDenials(store, call, controllerId, ACTION, personId, async () => {
    const method = checkOneOf(input?.method, IDENTITY_METHODS, 'method');
    const on = checkPastDate(input.on ?? today, 'on', today);
    const note = checkText(input.note, 'note', false) ?? null;
    const wanted = comparisons(input.presented);
    const person = await readPerson(store, call, personId);
    compare(person.profile, wanted);
    return { method, on, note };
  });
  await changeOpenReview(
    store,
    call,
    reviewId,
    ACTION,
    async (tx) => {
      await tx.query(
        `update sar_reviews set identity_method = $2, identity_verified_on = $3, identity_note = $4, updated_at = $5
          where id = $1`,
        [
          opened.review.id,
          checked.method,
          checked.on,
          checked.note ? sealerFor(opened)({ note: checked.note }, place.identity(opened.review.id)) : null,
          store.now(),
        ],
      );
      return { result: undefined, audit: { reason: `identity checked: ${checked.method}` } };
    },
    ['open', 'complete'],
  );
}
