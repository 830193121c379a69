/**
 * What the rights pages share: the call a member of staff makes for the rights purpose, finding a
 * request's live review or latest erasure plan (ids only: neither table holds personal data), and
 * turning the domain's InputError into the form's error summary.
 */
import { z } from 'zod';
import { InputError } from '../../records/errors.ts';
import type { Call } from '../../records/store.ts';
import type { Queryable } from '../../store/db.ts';
import { staffActor, type StaffAccount } from '../auth/staff-accounts.ts';
import type { WebContext } from '../context.ts';
import { formError, type FormErrors } from '../forms.ts';

export const RequestParams = z.object({ requestId: z.uuid('the request id must be a UUID') });

export const staffRightsCall = (ctx: WebContext, staff: StaffAccount): Call => ({
  actor: staffActor(staff),
  purpose: ctx.options.rightsPurpose,
  channel: 'web',
});

/** The review of an access request that is not superseded, if one was started. */
export async function liveReviewId(db: Queryable, requestId: string): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>(
    "select id from sar_reviews where request_id = $1 and status <> 'superseded'",
    [requestId],
  );
  return row?.id;
}

/** The latest erasure plan proposed for a request, if any. */
export async function latestPlanId(db: Queryable, requestId: string): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>(
    'select id from erasure_plans where request_id = $1 order by created_at desc limit 1',
    [requestId],
  );
  return row?.id;
}

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
