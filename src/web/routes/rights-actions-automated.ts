/**
 * Human review of automated decisions (UK GDPR Art. 22C) for staff: each decision made about the
 * person by automated means, explained as the person reads it (what it used, the logic, the
 * outcome, earlier reviews), and for a review the person asked for, a form to complete it: the
 * decision upheld, or changed to a new outcome, with reasons the person will read. The automated
 * module gates, checks and audits; the original decision is never altered.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { InputError, NotFound } from '../../records/errors.ts';
import type { Call } from '../../records/store.ts';
import { completeReview, explainDecisionsAbout, REVIEW_RESULTS } from '../../rights/automated/index.ts';
import type { WebContext } from '../context.ts';
import { form, required } from '../forms.ts';
import { PAGE, type RouteModule } from './module.ts';
import {
  act,
  actionPage,
  paramsWith,
  postOptions,
  SUBJECT_PREFIXES,
  type PageExtra,
  type Subject,
} from './rights-actions-shared.ts';

const words = (max: number) => z.string().max(max, `This must be ${max} characters or fewer`).optional();

const Complete = form({
  result: z.enum(REVIEW_RESULTS, { error: 'Choose whether you upheld or changed the decision' }),
  outcomeValue: words(200),
  outcomeSummary: words(400),
  reasons: required('Enter your reasons, as the person will read them', 4000),
});

/**
 * The person's decisions, explained. Answering a request the person made goes on under a
 * restriction (Art. 18(2)): the call names the request's person so the gate leaves it open.
 */
async function decisionsOf(ctx: WebContext, call: Call, subject: Subject) {
  const forRequest: Call = subject.request ? { ...call, forRequestOf: subject.personId } : call;
  const decisions = (await explainDecisionsAbout(ctx.store, forRequest, subject.personId)).map((d) => ({
    ...d,
    paragraphs: d.text.split(/\n+/).filter(Boolean),
    open: d.reviews.find((v) => v.status === 'requested'),
  }));
  // Those waiting for a person's review first.
  return decisions.sort((a, b) => Number(Boolean(b.open)) - Number(Boolean(a.open)));
}

async function renderDecisions(
  ctx: WebContext,
  call: Call,
  reply: FastifyReply,
  subject: Subject,
  extra: PageExtra = {},
) {
  return reply.page('pages/rights-actions/decisions.njk', {
    title: 'Review automated decisions',
    subject,
    decisions: await decisionsOf(ctx, call, subject),
    ...extra,
  });
}

export const rightsActionsAutomatedRoutes: RouteModule = (app, ctx) => {
  const render = (call: Call, reply: FastifyReply, subject: Subject, extra?: PageExtra) =>
    renderDecisions(ctx, call, reply, subject, extra);

  actionPage(app, ctx, 'decisions', render);
  for (const prefix of SUBJECT_PREFIXES) {
    const path = `${prefix.path}/decisions`;

    app.post(
      `${path}/reviews/:reviewId`,
      {
        schema: { ...PAGE, params: paramsWith(prefix, 'reviewId', 'review'), body: Complete },
        ...postOptions(app, ctx),
      },
      async (request, reply) => {
        const id = (request.params as { reviewId: string }).reviewId.toLowerCase();
        const ids = {
          result: `review-${id}-result`,
          reviewId: `review-${id}-result`,
          outcome: `review-${id}-value`,
          'outcome.value': `review-${id}-value`,
          outcomeValue: `review-${id}-value`,
          summary: `review-${id}-summary`,
          outcomeSummary: `review-${id}-summary`,
          reasons: `review-${id}-reasons`,
        };
        const page = { render, path: 'decisions', form: `review-${id}`, ids };
        return act(ctx, request, reply, page, async (call, subject) => {
          const { result, outcomeValue, outcomeSummary, reasons } = request.body;
          const value = outcomeValue?.trim();
          if (result === 'changed' && !value)
            throw new InputError('outcomeValue', 'enter the new outcome of the decision');
          const decisions = await decisionsOf(ctx, call, subject);
          // The review must be of one of this person's decisions.
          if (!decisions.some((d) => d.reviews.some((v) => v.id === id))) throw new NotFound('the review');
          return completeReview(ctx.store, call, id, {
            result,
            reasons,
            ...(result === 'changed' && {
              outcome: { value: value!, ...(outcomeSummary?.trim() && { summary: outcomeSummary.trim() }) },
            }),
          });
        });
      },
    );
  }
};
