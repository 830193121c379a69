/**
 * Legal holds (place with matter, reason, owner and review date; list; release), controller
 * events (enter the day one happened) and the review queue (keep until a later day, or dispose of
 * now), for the DPO. The retention module checks every input; its refusals come back to the form
 * with the field named, and nothing is changed.
 */
import { z } from 'zod';
import { lookup } from '../../manifest/lookup.ts';
import { InputError, NotFound } from '../../records/errors.ts';
import {
  checkEventDay,
  checkHoldReviewOn,
  checkHoldTargetId,
  decideReview,
  enterEvent,
  HOLD_MATTERS,
  HOLD_TARGETS,
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
  extra: { values?: Record<string, string> } & Record<string, unknown> = {},
) {
  const values = extra.values ?? {};
  const today = ctx.store.now().toISOString().slice(0, 10);
  const holds = await listHolds(ctx.store.db, ctx.controllerId, false);
  return {
    title: 'Legal holds',
    holds: holds.map((h) => ({ ...h, reviewDue: h.reviewOn <= today })),
    ...extra,
    targetItems: HOLD_TARGETS.map((t) => ({ value: t, text: humanise(t), checked: values.target === t })),
    matterItems: [
      { value: '', text: 'Choose the matter' },
      ...HOLD_MATTERS.map((m) => ({ value: m, text: humanise(m), selected: values.matter === m })),
    ],
  };
}

/** Every problem on the one field of a page with a form per row (a hold's reason, a record's date). */
const onField = (id: string, errors: FormErrors): FormErrors => formError(id, errors.list[0]!.text);

function holdRoutes(app: WebApp, ctx: WebContext): void {
  const guard = retentionGuard(ctx);
  app.get('/staff/retention/holds', { schema: PAGE, onRequest: guard }, async (_request, reply) =>
    reply.page('pages/retention/holds.njk', await holdsPage(ctx)),
  );
  formRoute(app, '/staff/retention/holds', {
    guard,
    body: PlaceHold,
    view: 'pages/retention/holds.njk',
    page: ({ body }, errors) => holdsPage(ctx, { errors, values: echo(body) }),
    checks: {
      targetId: (id, fields) => checkHoldTargetId(id, fields.target),
      reviewOn: (day) => checkHoldReviewOn(day),
    },
    refusal,
    run: async ({ body, request }) => {
      const input: NewHold = { controllerId: ctx.controllerId, ...body } as NewHold;
      await placeHold(ctx.store, retentionCall(request.visitor.staff!), input);
      return '/staff/retention/holds';
    },
  });
  formRoute(app, '/staff/retention/holds/:holdId/release', {
    guard,
    params: HoldId,
    body: Release,
    view: 'pages/retention/holds.njk',
    page: ({ params }, errors) =>
      holdsPage(ctx, { errors: onField(`reason-${params.holdId}`, errors), releasing: params.holdId }),
    refusal: (error) =>
      error instanceof NotFound ? formError('reason', 'This hold is no longer in force') : undefined,
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
