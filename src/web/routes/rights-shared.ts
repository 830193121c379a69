/**
 * What the rights pages share: the call a member of staff makes for the rights purpose, the
 * rights modules' lookups of a request's live review or latest erasure plan, and turning the
 * domain's InputError into the form's error summary.
 */
import { z } from 'zod';
import { InputError } from '../../records/errors.ts';
import type { Call } from '../../records/store.ts';
import { staffActor, type StaffAccount } from '../auth/staff-accounts.ts';
import type { WebContext } from '../context.ts';
import { formError, type FormErrors } from '../forms.ts';

export { latestPlanId } from '../../rights/erasure/latest.ts';
export { liveReviewId } from '../../rights/review/live.ts';

export const RequestParams = z.object({ requestId: z.uuid('the request id must be a UUID') });

export const staffRightsCall = (ctx: WebContext, staff: StaffAccount): Call => ({
  actor: staffActor(staff),
  purpose: ctx.options.rightsPurpose,
  channel: 'web',
});

/**
 * A domain refusal of what was typed, shown on the form: the field the domain names is mapped to
 * the input that holds it (the last part of a dotted name), else the form's first field.
 */
export function domainFormError(
  error: unknown,
  fields: Record<string, string>,
  fallback: string,
): FormErrors {
  if (!(error instanceof InputError)) throw error;
  const field = error.field.split('.').at(-1) ?? error.field;
  const href = fields[error.field] ?? fields[field] ?? fallback;
  const reason = error.reason.charAt(0).toUpperCase() + error.reason.slice(1);
  return formError(href, reason);
}
