/**
 * What a legal hold is on, in words the DPO knows: a person by customer reference and name, a
 * record by its type and whose file it is on, never by an id alone. Names are read through the
 * gate under the rights purpose (each read audited); someone the reader may not see is "a person".
 * And the links from a person's file that place a hold with its target already given.
 */
import { lookup } from '../../manifest/lookup.ts';
import { AccessDenied, NotFound } from '../../records/errors.ts';
import { readPerson } from '../../records/people.ts';
import { holdTargetSubject, HOLD_TARGETS, type HoldTarget, type ListedHold } from '../../retention/index.ts';
import { staffActor, type StaffAccount } from '../auth/staff-accounts.ts';
import type { WebContext } from '../context.ts';
import type { FormErrors } from '../forms.ts';

export interface HoldTargetGiven {
  target?: string;
  targetId?: string;
}

/** What a hold is on, as a page shows it: words, and the person's file when there is one. */
export interface TargetWords {
  text: string;
  href?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The holds page with its form given what the hold is to be on. */
export const placeHoldHref = (target: HoldTarget, id: string): string =>
  `/staff/retention/holds?target=${target}&targetId=${id}#place`;

/**
 * Reads people's names for one page, each person once, through the gate under the rights purpose
 * (each read audited): "customer ref – name", else "a person". Used by the holds list and the DPO's
 * review of emergency access.
 */
export function personNamer(ctx: WebContext, staff: StaffAccount): (personId: string) => Promise<string> {
  const call = { actor: staffActor(staff), purpose: ctx.options.rightsPurpose, channel: 'web' as const };
  const seen = new Map<string, Promise<string>>();
  const read = async (personId: string) => {
    try {
      const { profile } = await readPerson(ctx.store, call, personId);
      const words = (...names: string[]) =>
        names.map((n) => profile[n]).filter((v): v is string => typeof v === 'string' && v !== '');
      const name = words('givenName', 'familyName').join(' ');
      return [...words('customerRef'), ...(name ? [name] : [])].join(' – ') || 'a person';
    } catch (error) {
      if (error instanceof AccessDenied || error instanceof NotFound) return 'a person';
      throw error;
    }
  };
  return (personId) => {
    if (!seen.has(personId)) seen.set(personId, read(personId));
    return seen.get(personId)!;
  };
}

/** Describes targets for one page: whose file, and which type of record. */
function targetNamer(ctx: WebContext, staff: StaffAccount) {
  const person = personNamer(ctx, staff);
  const types = lookup(ctx.manifest).recordTypes;
  const fileHref = (personId: string) =>
    `/staff/people/${personId}?purpose=${encodeURIComponent(ctx.options.rightsPurpose)}`;
  return async (
    target: HoldTarget,
    subject: { personId: string | null; recordType: string | null },
  ): Promise<TargetWords> => {
    if (target === 'household' || !subject.personId) return { text: `A ${target}` };
    const who = await person(subject.personId);
    if (target === 'person') return { text: `Person: ${who}`, href: fileHref(subject.personId) };
    const type = (subject.recordType && types.get(subject.recordType)?.name) ?? 'A';
    const what = target === 'case' ? `${type} case` : `${type} record`;
    return { text: `${what} on the file of ${who}`, href: fileHref(subject.personId) };
  };
}

/** For the holds list: each hold's target in words, with a link to the file it is on. */
export function holdListed(ctx: WebContext, staff: StaffAccount): (h: ListedHold) => Promise<TargetWords> {
  const named = targetNamer(ctx, staff);
  return (h) => named(h.target, h);
}

const isTarget = (value: string | undefined): value is HoldTarget =>
  (HOLD_TARGETS as readonly string[]).includes(value ?? '');

/**
 * The placing form's target: fixed and named when it was given (by a link from a file, or posted
 * back from one) and exists, else the fields to type or paste an id into, open when filled or wrong.
 */
export async function holdForm(
  ctx: WebContext,
  staff: StaffAccount,
  given: HoldTargetGiven,
  errors: FormErrors | undefined,
) {
  const { target, targetId } = given;
  const wrong = errors?.fields.target !== undefined || errors?.fields.targetId !== undefined;
  if (!wrong && isTarget(target) && targetId && UUID.test(targetId)) {
    const subject = await holdTargetSubject(ctx.store.db, ctx.controllerId, target, targetId);
    if (subject.personId || target === 'household')
      return { fixed: { target, targetId, on: await targetNamer(ctx, staff)(target, subject) } };
  }
  return { open: wrong || Boolean(target || targetId) };
}
