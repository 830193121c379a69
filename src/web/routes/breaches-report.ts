/**
 * "Report a suspected breach": open to every member of staff and every contractor signed in to the
 * staff area, because the policy is that anyone who suspects a breach tells the DPO at once, and a
 * processor must tell the controller without undue delay (UK GDPR Art. 33(2)). The form holds what happened and
 * when they noticed it; the reporter then sees only their report's confirmation and reference,
 * never the register, which stays the DPO's (breaches.ts).
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { reportSuspectedBreach } from '../../breaches/index.ts';
import { echo, form, formProblems, required, tooLong, type FormErrors } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { breachChecks, labelled } from './breaches-checks.ts';
import { breachCall, formInstant } from './breaches-view.ts';
import { PAGE, type RouteModule } from './module.ts';
import { refusalOf } from './sharing.ts';

/** "What happened", on this form and the DPO's: words that name no one, within 2,000 characters. */
export const whatHappened = z
  .string({ error: 'Describe what happened, without naming anyone' })
  .trim()
  .min(1, 'Describe what happened, without naming anyone')
  .max(2000, tooLong(2000).replace(/^This/, 'What happened'));

const Suspected = form({
  summary: whatHappened,
  noticedAt: required('Enter when you noticed it', 40),
});

export const suspectedBreachRoutes: RouteModule = (app, ctx) => {
  const guard = requireStaff(ctx);
  const checks = breachChecks(ctx);
  const page = (reply: FastifyReply, extra: Record<string, unknown> = {}) =>
    reply.page('pages/breaches/report.njk', { title: 'Report a suspected breach', values: {}, ...extra });

  app.get('/staff/report-a-breach', { schema: PAGE, onRequest: guard }, (_request, reply) => page(reply));

  app.post(
    '/staff/report-a-breach',
    {
      schema: { ...PAGE, body: Suspected },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const again = (errors: FormErrors) =>
        page(reply.code(400), { errors: labelled(errors), values: echo(request.body) });
      const errors = formProblems(request, Suspected, checks.suspected);
      if (errors) return again(errors);
      let reported;
      try {
        reported = await reportSuspectedBreach(ctx.store, breachCall(ctx, request.visitor.staff!), {
          summary: request.body.summary,
          noticedAt: formInstant(request.body.noticedAt, 'noticedAt')!,
        });
      } catch (error) {
        const e = refusalOf(error, 'summary');
        if (!e) throw error;
        return again(e);
      }
      return reply.page('pages/breaches/reported.njk', {
        title: 'Your report has been sent to the DPO',
        reference: reported.reference,
      });
    },
  );
};
