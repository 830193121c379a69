/**
 * One rights request, for the staff who handle it: what was asked and when, the deadline with the
 * clock's reasoning, the history, and the moves the status machine allows from here, each a form
 * in the design system's patterns (ask for ID, ID received, ask for clarification, extend with
 * reasons, refuse with a reason, complete, close). The requests module checks and audits each move.
 */
import { z } from 'zod';
import {
  readRequest,
  REFUSAL_REASONS,
  STATUSES,
  TRANSITIONS,
  transition,
  type RequestStatus,
  type RequestView,
  type TransitionInput,
} from '../../rights/requests/index.ts';
import { InputError } from '../../records/errors.ts';
import type { IsoDate } from '../../rights/clock/index.ts';
import { checkPastDate, ukDate } from '../../rights/requests/input.ts';
import { lateReleaseText, releaseOf, reviewIdentityOf } from '../../rights/review/index.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebContext } from '../context.ts';
import { echo, errorsFrom, form, formProblems, type FieldChecks, type FormErrors } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { PAGE, type RouteModule } from './module.ts';
import { domainFormError, RequestParams, staffRightsCall } from './rights-shared.ts';

const text = (max: number) => z.string().max(max, `This must be ${max} characters or fewer`).optional();

const Move = form({
  to: z.enum(STATUSES, { error: 'Choose what to do with the request' }),
  reasonCode: text(40),
  reasonText: text(4000),
  months: text(2),
  reasons: text(4000),
  note: text(4000),
  onDay: text(2),
  onMonth: text(2),
  onYear: text(4),
});
type MoveBody = z.infer<typeof Move>;

/** What each move is called on the page, by where it goes (and, for in-progress, where from). */
function actionTitle(from: RequestStatus, to: RequestStatus): string {
  if (to === 'in-progress')
    return from === 'awaiting-id'
      ? 'Identity verified: start the work'
      : from === 'awaiting-authority'
        ? 'Authority received: start the work'
        : from === 'awaiting-clarification'
          ? 'Clarification received: start the work again'
          : 'Start the work';
  return {
    received: 'Received',
    'awaiting-id': 'Ask for proof of identity',
    'awaiting-authority': 'Ask for proof of the representative’s authority',
    'awaiting-clarification': 'Ask for clarification (stops the clock)',
    extended: 'Extend the deadline',
    completed: 'Mark as completed',
    refused: 'Refuse the request',
    withdrawn: 'The person withdrew the request',
    closed: 'Close the request',
  }[to];
}

const REFUSALS: Record<string, string> = {
  'manifestly-unfounded': 'Manifestly unfounded',
  'manifestly-excessive': 'Manifestly excessive',
  exemption: 'An exemption applies',
  'identity-not-verified': 'Identity could not be verified',
  'no-authority': 'The representative has no authority',
};

/** The date typed into a move's date fields, or undefined for today. */
function dayOf(body: Partial<MoveBody>): string | undefined {
  const [d, m, y] = [body.onDay, body.onMonth, body.onYear].map((x) => (x ?? '').trim());
  if (!d && !m && !y) return undefined;
  return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

function inputFrom(body: MoveBody): TransitionInput {
  const input: TransitionInput = { to: body.to, on: dayOf(body) };
  if (body.note?.trim()) input.note = body.note.trim();
  if (body.to === 'refused') {
    input.reasonCode = body.reasonCode as TransitionInput['reasonCode'];
    input.reasonText = body.reasonText?.trim() ?? '';
  }
  if (body.to === 'extended')
    input.extension = { months: Number(body.months) as 1 | 2, reasons: body.reasons?.trim() ?? '' };
  return input;
}

/** A refusal of the move's field, in words that speak to the caseworker, unless `ok`. */
const needs = (ok: boolean, field: string, message: string) => {
  if (!ok) throw new InputError(field, message);
};

/**
 * What a refusal or an extension must say, and the day of the move (real, not in the future, as
 * the requests module will check it), checked with the form so every problem shows at once.
 */
const moveChecks = (today: IsoDate): FieldChecks<MoveBody> => ({
  reasonCode: (code, b) =>
    b.to !== 'refused' || needs(!!code, 'reasonCode', 'Choose the reason for refusing'),
  reasonText: (text, b) =>
    b.to !== 'refused' ||
    needs(!!text?.trim(), 'reasonText', 'Enter the reasons, as the person will be told them'),
  months: (months, b) =>
    b.to !== 'extended' ||
    needs(months === '1' || months === '2', 'months', 'Choose one or two further months'),
  reasons: (reasons, b) =>
    b.to !== 'extended' ||
    needs(!!reasons?.trim(), 'reasons', 'Enter why more time is needed, as you told the person'),
  onDay: (_day, b) => {
    const day = dayOf(b);
    if (day !== undefined) checkPastDate(day, 'date', today);
  },
});

/** The move's problems, linked to its own inputs (each move's form names them `<to>-<field>`). */
const onMove = (errors: FormErrors, to: string | undefined): FormErrors =>
  to ? errorsFrom(errors.list.map((l) => ({ field: `${to}-${l.href.slice(1)}`, message: l.text }))) : errors;

/** Where the page's inputs for a move are, by the domain's field names. */
const fieldIds = (to: string): Record<string, string> => ({
  to: `${to}-submit`,
  on: `${to}-onDay`,
  reasonCode: `${to}-reasonCode`,
  reasonText: `${to}-reasonText`,
  extension: `${to}-months`,
  months: `${to}-months`,
  reasons: `${to}-reasons`,
  note: `${to}-note`,
  status: `${to}-submit`,
});

/**
 * For an access request: the identity check recorded in its review (so the page does not say
 * "not recorded" when it was checked there), and the release, with how late it was by the clock.
 */
async function accessFacts(ctx: WebContext, view: RequestView) {
  if (view.right !== 'access') return {};
  const [reviewIdentity, release] = await Promise.all([
    reviewIdentityOf(ctx.store.db, view.id),
    releaseOf(ctx.store.db, view.id),
  ]);
  const released = release && {
    on: release.releasedOn,
    late: lateReleaseText(view.due.due, release.releasedOn),
  };
  return { reviewIdentity, released };
}

/** The moves the status machine allows that fit the request: authority is asked of a representative only. */
function movesOffered(view: RequestView): readonly RequestStatus[] {
  return TRANSITIONS[view.status].filter((to) => to !== 'awaiting-authority' || view.representativeId);
}

export async function renderRequest(
  ctx: WebContext,
  request: FastifyRequest,
  reply: FastifyReply,
  view: RequestView,
  extra: { errors?: FormErrors; values?: Record<string, string>; failed?: string } = {},
) {
  const right = view.right;
  return reply.page('pages/rights/request.njk', {
    title: `${right.charAt(0).toUpperCase()}${right.slice(1).replace(/-/g, ' ')} request`,
    request: view,
    purpose: ctx.options.rightsPurpose,
    actions: movesOffered(view).map((to) => ({ to, title: actionTitle(view.status, to) })),
    refusals: REFUSAL_REASONS.map((code) => ({ code, text: REFUSALS[code] ?? code })),
    staff: request.visitor.staff,
    ...(await accessFacts(ctx, view)),
    ...extra,
  });
}

export const rightsRequestRoutes: RouteModule = (app, ctx) => {
  const guard = requireStaff(ctx, { purpose: 'rights', staffOnly: true });

  app.get(
    '/staff/requests/:requestId',
    { schema: { ...PAGE, params: RequestParams }, onRequest: guard },
    async (request, reply) => {
      const call = staffRightsCall(ctx, request.visitor.staff!);
      return renderRequest(ctx, request, reply, await readRequest(ctx.store, call, request.params.requestId));
    },
  );

  app.post(
    '/staff/requests/:requestId/status',
    {
      schema: { ...PAGE, params: RequestParams, body: Move },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const call = staffRightsCall(ctx, request.visitor.staff!);
      const { requestId } = request.params;
      const again = async (errors: FormErrors, failed?: string) =>
        renderRequest(ctx, request, reply.code(400), await readRequest(ctx.store, call, requestId), {
          errors,
          values: echo(request.body),
          failed,
        });
      const to = echo(request.body).to;
      const invalid = formProblems(request, Move, moveChecks(ukDate(ctx.store.now())));
      if (invalid)
        return again(
          onMove(
            invalid,
            STATUSES.find((s) => s === to),
          ),
          to,
        );
      const body = request.body;
      try {
        await transition(ctx.store, call, requestId, inputFrom(body));
      } catch (error) {
        return again(domainFormError(error, fieldIds(body.to), `${body.to}-submit`), body.to);
      }
      return reply.redirect(`/staff/requests/${requestId}`, 303);
    },
  );
};
