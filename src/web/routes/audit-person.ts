/**
 * Finding whose audit history to search by customer reference. The reference is personal data, so
 * it is posted (never put in the address) and looked up through the records module's gated,
 * audited search under the rights purpose; the DPO is then sent to the search by the person's id.
 */
import type { FastifyReply } from 'fastify';
import { findPeople } from '../../records/find-people.ts';
import { staffActor } from '../auth/staff-accounts.ts';
import { echo, form, formError, formErrors, required, type FormErrors } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { PAGE, type RouteModule } from './module.ts';
import { OUTCOMES } from './audit.ts';

const FindForAudit = form({ customerRef: required('Enter the customer reference', 40) });

const auditOf = (personId: string) => `/staff/audit?personId=${personId}`;

export const auditPersonRoutes: RouteModule = (app, ctx) => {
  const guard = requireStaff(ctx, { purpose: 'rights', staffOnly: true });

  const searchPageAgain = (reply: FastifyReply, errors: FormErrors, values: Record<string, string>) =>
    reply.code(400).page('pages/audit/search.njk', {
      title: 'Search the audit log',
      values,
      outcomes: OUTCOMES,
      errors,
    });

  app.post(
    '/staff/audit/person',
    {
      schema: { ...PAGE, body: FindForAudit },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const errors = formErrors(request);
      if (errors) return searchPageAgain(reply, errors, echo(request.body));
      const staff = request.visitor.staff!;
      const found = await findPeople(
        ctx.store,
        { actor: staffActor(staff), purpose: ctx.options.rightsPurpose, channel: 'web' },
        ctx.controllerId,
        'customer-ref',
        request.body.customerRef,
      );
      if (found.length === 0)
        return searchPageAgain(
          reply,
          formError('customerRef', 'No one on file has that customer reference'),
          echo(request.body),
        );
      if (found.length === 1) return reply.redirect(auditOf(found[0]!), 303);
      return reply.page('pages/audit/found.njk', {
        title: 'More than one person has that reference',
        links: found.map((id, i) => ({ href: auditOf(id), text: `Person ${i + 1}` })),
      });
    },
  );
};
