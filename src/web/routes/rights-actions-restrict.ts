/**
 * Restriction (UK GDPR Art. 18) for staff: whether processing of the person's data is restricted
 * now; apply it with the ground of Art. 18(1)(a)–(d) and the reason, or lift it with the reason
 * (Art. 18(3): tell the person first). While it is in force the gate refuses every read and change
 * but rights work; the restriction module checks and audits each step.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Call } from '../../records/store.ts';
import {
  applyRestriction,
  isRestricted,
  liftRestriction,
  RESTRICTION_GROUND_CODES,
  RESTRICTION_GROUNDS,
} from '../../rights/restriction/index.ts';
import type { WebContext } from '../context.ts';
import { form, required } from '../forms.ts';
import { PAGE, type RouteModule } from './module.ts';
import {
  act,
  actionPage,
  postOptions,
  SUBJECT_PREFIXES,
  type PageExtra,
  type Subject,
} from './rights-actions-shared.ts';

const Apply = form({
  ground: z.enum(RESTRICTION_GROUND_CODES as [string, ...string[]], {
    error: 'Choose why processing is restricted',
  }),
  reason: required('Enter the reason for restricting processing', 4000),
});
const Lift = form({
  reason: required('Enter why processing may resume, and when you told the person', 4000),
});

async function renderRestriction(
  ctx: WebContext,
  call: Call,
  reply: FastifyReply,
  subject: Subject,
  extra: PageExtra = {},
) {
  return reply.page('pages/rights-actions/restriction.njk', {
    title: 'Restrict processing',
    subject,
    restricted: await isRestricted(ctx.store, call, subject.personId),
    grounds: RESTRICTION_GROUND_CODES.map((code) => ({
      value: code,
      text: `${RESTRICTION_GROUNDS[code].label} (${RESTRICTION_GROUNDS[code].article})`,
    })),
    ...extra,
  });
}

export const rightsActionsRestrictRoutes: RouteModule = (app, ctx) => {
  const render = (call: Call, reply: FastifyReply, subject: Subject, extra?: PageExtra) =>
    renderRestriction(ctx, call, reply, subject, extra);

  actionPage(app, ctx, 'restriction', render);
  for (const prefix of SUBJECT_PREFIXES) {
    const path = `${prefix.path}/restriction`;

    app.post(
      `${path}/apply`,
      { schema: { ...PAGE, params: prefix.params, body: Apply }, ...postOptions(app, ctx) },
      (request, reply) =>
        act(
          ctx,
          request,
          reply,
          {
            render,
            path: 'restriction',
            form: 'apply',
            ids: { ground: 'ground', reason: 'apply-reason', personId: 'ground' },
          },
          (call, subject) =>
            applyRestriction(ctx.store, call, {
              personId: subject.personId,
              ground: request.body.ground as (typeof RESTRICTION_GROUND_CODES)[number],
              reason: request.body.reason,
            }),
        ),
    );

    app.post(
      `${path}/lift`,
      { schema: { ...PAGE, params: prefix.params, body: Lift }, ...postOptions(app, ctx) },
      (request, reply) =>
        act(
          ctx,
          request,
          reply,
          {
            render,
            path: 'restriction',
            form: 'lift',
            ids: { reason: 'lift-reason', personId: 'lift-reason' },
          },
          (call, subject) =>
            liftRestriction(ctx.store, call, { personId: subject.personId, reason: request.body.reason }),
        ),
    );
  }
};
