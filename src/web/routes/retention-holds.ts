/**
 * Legal holds (place with matter, reason, owner and review date; list; release), controller
 * events (enter the day one happened) and the review queue (keep until a later day, or dispose of
 * now), for the DPO. The retention module checks every input; its refusals come back to the form
 * with the field named, and nothing is changed.
 */
import type { preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import { lookup } from '../../manifest/lookup.ts';
import { InputError, NotFound } from '../../records/errors.ts';
import { staffPurposes, type StaffAccount } from '../auth/staff-accounts.ts';
import { HttpError } from '../errors.ts';
import { holdForm, holdListed, placeHoldHref, type HoldTargetGiven } from './retention-hold-targets.ts';
import {
  checkEventDay,
  checkHoldReviewOn,
  checkHoldTargetId,
  decideReview,
  enterEvent,
  HOLD_MATTERS,
  findHold,
  HOLD_TARGETS,
  holdsCovering,
  listEvents,
  listHolds,
  listReviews,
  placeHold,
  releaseHold,
  RetentionInputError,
  SweepInProgress,
  type NewHold,
} from '../../retention/index.ts';
import type { WebContext } from '../context.ts';
import { humanise } from '../views.ts';
import { echo, form, formError, required, type FormErrors } from '../forms.ts';
import { formRoute } from './form-route.ts';
import { PAGE, type RouteModule, type WebApp } from './module.ts';
import { retentionCall, retentionGuard } from './retention-shared.ts';

const PlaceHold = form({
  target: z.enum(HOLD_TARGETS, 'Select what the hold is on'),
  targetId: required('Enter the id of what the hold is on', 36),
  matter: z.enum(HOLD_MATTERS, 'Select the matter'),
  reason: required('Enter what the hold is for, such as a claim number', 500),
  owner: required('Enter who answers for the hold', 200),
  reviewOn: required('Enter the review date', 10),
});
const Release = form({ reason: required('Enter why the hold is released', 500) });
const HoldId = z.object({ holdId: z.uuid('the hold id must be a UUID') });
/** A link from a person's file names what the hold is to be on, so nobody types an id. */
const HoldFor = z.object({
  target: z.enum(HOLD_TARGETS, 'the hold is on a person, record, household or case').optional(),
  targetId: z.uuid('the id of what the hold is on must be a UUID').optional(),
});
const EnterEvent = form({
  eventId: required('Select the event', 80),
  occurredOn: required('Enter the day it happened', 10),
  replace: z.literal('yes').optional(),
});
const Decide = form({
  decision: z.enum(['keep', 'dispose'], 'Select keep or dispose of'),
  keepUntil: z.string().max(10).optional(),
});
const RecordId = z.object({ recordId: z.uuid('the record id must be a UUID') });

/** The retention module's own refusals, as the form's problems (its fields are the form's ids). */
function refusal(error: unknown, fields: Record<string, string> = {}): FormErrors | undefined {
  if (error instanceof RetentionInputError || error instanceof InputError)
    return formError(fields[error.field] ?? error.field, upper(error.reason));
  if (error instanceof SweepInProgress) return formError('decision', error.message);
  return undefined;
}
const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

async function holdsPage(
  ctx: WebContext,
  staff: StaffAccount,
  extra: { values?: Record<string, string>; errors?: FormErrors } & Record<string, unknown> = {},
) {
  const values = extra.values ?? {};
  const today = ctx.store.now().toISOString().slice(0, 10);
  const holds = await listHolds(ctx.store.db, ctx.controllerId, false);
  const named = holdListed(ctx, staff);
  return {
    title: 'Legal holds',
    holds: await Promise.all(
      holds.map(async (h) => ({ ...h, reviewDue: h.reviewOn <= today, on: await named(h) })),
    ),
    ...extra,
    placing: await holdForm(ctx, staff, values as HoldTargetGiven, extra.errors),
    targetItems: HOLD_TARGETS.map((t) => ({ value: t, text: humanise(t), checked: values.target === t })),
    matterItems: [
      { value: '', text: 'Choose the matter' },
      ...HOLD_MATTERS.map((m) => ({ value: m, text: humanise(m), selected: values.matter === m })),
    ],
  };
}

/** Whether this member of staff may place holds: the holds pages' own guard (retentionGuard). */
export const mayPlaceHolds = (ctx: WebContext, staff: StaffAccount): boolean =>
  staff.kind === 'staff' && staffPurposes(ctx.manifest, staff).includes(ctx.options.rightsPurpose);

/**
 * For the person's file, to those who may place holds: the holds in force over the person or a
 * record shown, and where to place one. Undefined for anyone else.
 */
export async function holdsOnFile(
  ctx: WebContext,
  staff: StaffAccount,
  personId: string,
  recordIds: readonly string[],
) {
  if (!mayPlaceHolds(ctx, staff)) return undefined;
  const inForce = await holdsCovering(ctx.store.db, ctx.controllerId, personId, recordIds);
  return {
    inForce: inForce.map((h) => ({ reason: h.reason, reviewOn: h.reviewOn })),
    onPerson: placeHoldHref('person', personId),
    onRecords: Object.fromEntries(recordIds.map((id) => [id, placeHoldHref('record', id)])),
  };
}

/** Every problem on the one field of a page with a form per row (a hold's reason, a record's date). */
const onField = (id: string, errors: FormErrors): FormErrors => formError(id, errors.list[0]!.text);

/**
 * For a hold that never existed (a mistyped or stale address), a 404 saying so on the holds page:
 * there is nothing in the form to correct. Run once the form is read and its token checked.
 */
function knownHold(ctx: WebContext): preHandlerAsyncHookHandler {
  return async (request, reply) => {
    // A malformed address is the error handler's (400), as on every page.
    if (request.validationError?.validationContext === 'params') return;
    const { holdId } = request.params as { holdId?: string };
    if (typeof holdId !== 'string' || (await findHold(ctx.store.db, ctx.controllerId, holdId))) return;
    const errors = formError('in-force', NO_SUCH_HOLD);
    const page = await holdsPage(ctx, request.visitor.staff!, { errors });
    return reply.code(404).page('pages/retention/holds.njk', page);
  };
}
const NO_SUCH_HOLD = 'There is no hold with this reference';
const RELEASE = '/staff/retention/holds/:holdId/release';

function holdRoutes(app: WebApp, ctx: WebContext): void {
  const guard = retentionGuard(ctx);
  app.get(
    '/staff/retention/holds',
    { schema: { ...PAGE, querystring: HoldFor }, onRequest: guard },
    async (request, reply) =>
      reply.page(
        'pages/retention/holds.njk',
        await holdsPage(ctx, request.visitor.staff!, { values: echo(request.query) }),
      ),
  );
  formRoute(app, '/staff/retention/holds', {
    guard,
    body: PlaceHold,
    view: 'pages/retention/holds.njk',
    page: ({ body, request }, errors) =>
      holdsPage(ctx, request.visitor.staff!, { errors, values: echo(body) }),
    checks: {
      targetId: (id, fields) => checkHoldTargetId(id, fields.target),
      reviewOn: (day) => checkHoldReviewOn(day, ctx.store.now().toISOString().slice(0, 10)),
    },
    refusal,
    run: async ({ body, request }) => {
      const input: NewHold = { controllerId: ctx.controllerId, ...body } as NewHold;
      await placeHold(ctx.store, retentionCall(request.visitor.staff!), input);
      return '/staff/retention/holds';
    },
  });
  // formRoute answers a bad form with a 400; an unknown hold joins its checks, after the token's.
  app.addHook('onRoute', (route) => {
    if (route.method === 'POST' && route.url === RELEASE)
      route.preHandler = [route.preHandler ?? [], knownHold(ctx)].flat();
  });
  formRoute(app, RELEASE, {
    guard,
    params: HoldId,
    body: Release,
    view: 'pages/retention/holds.njk',
    page: ({ params, request }, errors) =>
      holdsPage(ctx, request.visitor.staff!, {
        errors: onField(`reason-${params.holdId}`, errors),
        releasing: params.holdId,
      }),
    refusal: (error) => {
      // A hold that never was is a wrong address, not a form to correct.
      if (error instanceof NotFound) throw new HttpError(404, NO_SUCH_HOLD);
      if (error instanceof InputError && error.field === 'holdId')
        return formError('reason', 'This hold is no longer in force');
      return refusal(error);
    },
    run: async ({ params, body, request }) => {
      await releaseHold(
        ctx.store,
        retentionCall(request.visitor.staff!),
        ctx.controllerId,
        params.holdId,
        body.reason,
      );
      return '/staff/retention/holds';
    },
  });
}

async function eventsPage(ctx: WebContext, extra: Record<string, unknown> = {}) {
  const declared = [...lookup(ctx.manifest).events.values()];
  const entered = new Map((await listEvents(ctx.store.db, ctx.controllerId)).map((e) => [e.eventId, e]));
  const values = (extra.values ?? {}) as Record<string, string>;
  return {
    title: 'Controller events',
    events: declared.map((e) => ({ ...e, entered: entered.get(e.id) })),
    eventItems: [
      { value: '', text: 'Choose the event' },
      ...declared.map((e) => ({ value: e.id, text: e.name, selected: values.eventId === e.id })),
    ],
    ...extra,
  };
}

function eventRoutes(app: WebApp, ctx: WebContext): void {
  const guard = retentionGuard(ctx);
  app.get('/staff/retention/events', { schema: PAGE, onRequest: guard }, async (_request, reply) =>
    reply.page('pages/retention/events.njk', await eventsPage(ctx)),
  );
  formRoute(app, '/staff/retention/events', {
    guard,
    body: EnterEvent,
    view: 'pages/retention/events.njk',
    page: ({ body }, errors) => eventsPage(ctx, { errors, values: echo(body) }),
    checks: { occurredOn: (day) => checkEventDay(day, ctx.store.now().toISOString().slice(0, 10)) },
    refusal,
    run: async ({ body, request }) => {
      const { eventId, occurredOn, replace } = body;
      await enterEvent(ctx.store, retentionCall(request.visitor.staff!), {
        controllerId: ctx.controllerId,
        eventId,
        occurredOn,
        replace: replace === 'yes',
      });
      return '/staff/retention/events';
    },
  });
}

async function reviewsPage(ctx: WebContext, extra: Record<string, unknown> = {}) {
  const [pending, kept] = await Promise.all([
    listReviews(ctx.store.db, ctx.controllerId, 'pending'),
    listReviews(ctx.store.db, ctx.controllerId, 'kept'),
  ]);
  return { title: 'Review queue', pending, kept, ...extra };
}

function reviewRoutes(app: WebApp, ctx: WebContext): void {
  const guard = retentionGuard(ctx);
  app.get('/staff/retention/reviews', { schema: PAGE, onRequest: guard }, async (_request, reply) =>
    reply.page('pages/retention/reviews.njk', await reviewsPage(ctx)),
  );
  formRoute(app, '/staff/retention/reviews/:recordId', {
    guard,
    params: RecordId,
    body: Decide,
    view: 'pages/retention/reviews.njk',
    page: ({ params }, errors) =>
      reviewsPage(ctx, { errors: onField(`keepUntil-${params.recordId}`, errors) }),
    refusal,
    run: async ({ params, body, request }) => {
      const { decision, keepUntil } = body;
      const done = await decideReview(
        ctx.store,
        retentionCall(request.visitor.staff!),
        ctx.controllerId,
        params.recordId,
        decision === 'keep' ? { decision, keepUntil: keepUntil ?? '' } : { decision },
      );
      return done.runId ? `/staff/retention/runs/${done.runId}` : '/staff/retention/reviews';
    },
  });
}

export const retentionHoldRoutes: RouteModule = (app, ctx) => {
  holdRoutes(app, ctx);
  eventRoutes(app, ctx);
  reviewRoutes(app, ctx);
};
