/**
 * Automated decisions in the residents' portal (UK GDPR Arts 22A–22D): each decision made about
 * the person by automated means, explained in plain words (what it looked at, the logic, the
 * outcome, any review), and a form to ask for a person to look at it again. The automated module
 * reads and records through the gate, as the person, audited.
 */
import { z } from 'zod';
import { explainDecisionsAbout, requestReview } from '../../rights/automated/index.ts';
import type { ResidentAccount } from '../auth/resident-accounts.ts';
import type { WebContext } from '../context.ts';
import { echo, form, formErrors, type FormErrors } from '../forms.ts';
import { requireResident } from '../guards.ts';
import type { FastifyReply } from 'fastify';
import { PAGE, type RouteModule } from './module.ts';
import { residentCall } from './portal.ts';
import { domainFormError } from './rights-shared.ts';

const Ask = form({
  why: z.string().max(4000, 'This must be 4000 characters or fewer').optional(),
});
const DecisionParams = z.object({ decisionId: z.uuid('the decision id must be a UUID') });

async function renderDecisions(
  ctx: WebContext,
  account: ResidentAccount,
  reply: FastifyReply,
  extra: { errors?: FormErrors; values?: Record<string, string>; failed?: string } = {},
) {
  const decisions = await explainDecisionsAbout(ctx.store, residentCall(ctx, account), account.personId);
  return reply.page('pages/portal-rights/decisions.njk', {
    title: 'Decisions made about you automatically',
    decisions: decisions.map((d) => ({
      ...d,
      paragraphs: d.text.split(/\n+/).filter(Boolean),
      reviewOpen: d.reviews.some((r) => r.status === 'requested'),
    })),
    ...extra,
  });
}

export const portalDecisionRoutes: RouteModule = (app, ctx) => {
  const guard = requireResident();

  app.get('/portal/decisions', { schema: PAGE, onRequest: guard }, (request, reply) =>
    renderDecisions(ctx, request.visitor.resident!, reply),
  );

  app.post(
    '/portal/decisions/:decisionId/review',
    {
      schema: { ...PAGE, params: DecisionParams, body: Ask },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const account = request.visitor.resident!;
      const { decisionId } = request.params;
      const field = `why-${decisionId}`;
      const again = (errors: FormErrors) =>
        renderDecisions(ctx, account, reply.code(400), {
          errors,
          values: echo(request.body),
          failed: decisionId,
        });
      const invalid = formErrors(request);
      if (invalid)
        return again({
          ...invalid,
          list: invalid.list.map((l) => ({ ...l, href: `#${field}` })),
          fields: { [field]: Object.values(invalid.fields)[0]! },
        });
      try {
        await requestReview(ctx.store, residentCall(ctx, account), decisionId, {
          why: request.body.why?.trim() || undefined,
        });
      } catch (error) {
        return again(domainFormError(error, { why: field, decisionId: field }, field));
      }
      return reply.redirect('/portal/decisions', 303);
    },
  );
};
