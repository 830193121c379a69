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
import { echo, form, formError, formErrors, required, type FormErrors } from '../forms.ts';
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

function holdRoutes(app: WebApp, ctx: WebContext): void {
  const guard = retentionGuard(ctx);
  app.get('/staff/retention/holds', { schema: PAGE, onRequest: guard }, async (_request, reply) =>
    reply.page('pages/retention/holds.njk', await holdsPage(ctx)),
  );
  app.post(
    '/staff/retention/holds',
    {
      schema: { ...PAGE, body: PlaceHold },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const again = async (errors: FormErrors) =>
        reply
          .code(400)
          .page('pages/retention/holds.njk', await holdsPage(ctx, { errors, values: echo(request.body) }));
      const errors = formErrors(request);
      if (errors) return again(errors);
      const b = request.body;
      const input: NewHold = { controllerId: ctx.controllerId, ...b } as NewHold;
      try {
        await placeHold(ctx.store, retentionCall(request.visitor.staff!), input);
      } catch (error) {
        const problem = refusal(error);
        if (problem) return again(problem);
        throw error;
      }
      return reply.redirect('/staff/retention/holds', 303);
    },
  );
  app.post(
    '/staff/retention/holds/:holdId/release',
    {
      schema: { ...PAGE, params: HoldId, body: Release },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const again = async (errors: FormErrors) =>
        reply
          .code(400)
          .page(
            'pages/retention/holds.njk',
            await holdsPage(ctx, { errors, releasing: request.params.holdId }),
          );
      if (request.validationError?.validationContext === 'params') throw request.validationError;
      const errors = formErrors(request);
      if (errors) return again(formError(`reason-${request.params.holdId}`, errors.list[0]!.text));
      try {
        await releaseHold(
          ctx.store,
          retentionCall(request.visitor.staff!),
          ctx.controllerId,
          request.params.holdId,
          request.body.reason,
        );
      } catch (error) {
        if (error instanceof NotFound)
          return again(formError(`reason-${request.params.holdId}`, 'This hold is no longer in force'));
        throw error;
      }
      return reply.redirect('/staff/retention/holds', 303);
    },
  );
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
  app.post(
    '/staff/retention/events',
    {
      schema: { ...PAGE, body: EnterEvent },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const again = async (errors: FormErrors) =>
        reply
          .code(400)
          .page('pages/retention/events.njk', await eventsPage(ctx, { errors, values: echo(request.body) }));
      const errors = formErrors(request);
      if (errors) return again(errors);
      const { eventId, occurredOn, replace } = request.body;
      try {
        await enterEvent(ctx.store, retentionCall(request.visitor.staff!), {
          controllerId: ctx.controllerId,
          eventId,
          occurredOn,
          replace: replace === 'yes',
        });
      } catch (error) {
        const problem = refusal(error);
        if (problem) return again(problem);
        throw error;
      }
      return reply.redirect('/staff/retention/events', 303);
    },
  );
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
  app.post(
    '/staff/retention/reviews/:recordId',
    {
      schema: { ...PAGE, params: RecordId, body: Decide },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      if (request.validationError?.validationContext === 'params') throw request.validationError;
      const { recordId } = request.params;
      const again = async (text: string) =>
        reply
          .code(400)
          .page(
            'pages/retention/reviews.njk',
            await reviewsPage(ctx, { errors: formError(`keepUntil-${recordId}`, text) }),
          );
      const errors = formErrors(request);
      if (errors) return again(errors.list[0]!.text);
      const { decision, keepUntil } = request.body;
      try {
        const done = await decideReview(
          ctx.store,
          retentionCall(request.visitor.staff!),
          ctx.controllerId,
          recordId,
          decision === 'keep' ? { decision, keepUntil: keepUntil ?? '' } : { decision },
        );
        return reply.redirect(
          done.runId ? `/staff/retention/runs/${done.runId}` : '/staff/retention/reviews',
          303,
        );
      } catch (error) {
        const problem = refusal(error);
        if (problem) return again(problem.list[0]!.text);
        throw error;
      }
    },
  );
}

export const retentionHoldRoutes: RouteModule = (app, ctx) => {
  holdRoutes(app, ctx);
  eventRoutes(app, ctx);
  reviewRoutes(app, ctx);
};
