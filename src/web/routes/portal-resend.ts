/**
 * "Send the link again": someone who lost (or let expire) the link confirming their email address
 * asks for a new one by giving the address. The old link stops working. The page says the same
 * thing whether or not an unconfirmed account has that address, and no email goes to an address
 * without one, so the page cannot be used to find out who has an account; it is rate-limited like
 * signing in. In the demo, as when registering, the page shows the link the email would contain.
 */
import { z } from 'zod';
import { renewVerificationLink } from '../auth/resident-accounts.ts';
import type { WebContext } from '../context.ts';
import { echo, form, formErrors, required } from '../forms.ts';
import { queueMessage } from '../outbox.ts';
import { signInLimit } from '../security.ts';
import { PAGE, type RouteModule } from './module.ts';

export const SEND_LINK_PATH = '/portal/send-link-again';
const TITLE = 'Send the link again';

const SendLink = form({
  email: required('Enter your email address', 254).pipe(
    z.email('Enter an email address in the correct format, like name@example.com'),
  ),
});

async function emailLink(ctx: WebContext, to: string, link: string): Promise<void> {
  const name = ctx.manifest.controller.shortName ?? ctx.manifest.controller.name;
  const body = `Here is a new link to confirm your email address and finish creating your ${name} account:\n\n${link}\n\nThe link works once, for 24 hours. Any link we sent you before no longer works. If you did not ask for this, ignore this email.`;
  await queueMessage(
    ctx.store.db,
    { controllerId: ctx.controllerId, to, subject: `Your ${name} account`, body },
    ctx.store.now(),
  );
}

export const portalResendRoutes: RouteModule = (app, ctx) => {
  app.get(SEND_LINK_PATH, { schema: PAGE }, (_request, reply) =>
    reply.page('pages/portal/send-link.njk', { title: TITLE }),
  );

  app.post(
    SEND_LINK_PATH,
    {
      schema: { ...PAGE, body: SendLink },
      attachValidation: true,
      preHandler: app.csrfProtection,
      config: signInLimit(ctx),
    },
    async (request, reply) => {
      const errors = formErrors(request);
      if (errors)
        return reply
          .code(400)
          .page('pages/portal/send-link.njk', { title: TITLE, errors, values: echo(request.body) });
      const { email } = request.body;
      const now = ctx.store.now();
      const token = await renewVerificationLink(ctx.store.db, ctx.store.keys, ctx.controllerId, email, now);
      const link = token && `${ctx.options.publicUrl}/portal/verify/${token}`;
      if (link) await emailLink(ctx, email, link);
      // The demo sends no email (see registering in portal-auth.ts): the page shows the link. Never outside it.
      if (ctx.options.demo && link)
        return reply.page('pages/portal/check-email.njk', {
          title: 'Check your email',
          resent: true,
          demoLink: link,
        });
      return reply.redirect(`${SEND_LINK_PATH}/sent`, 303);
    },
  );

  app.get(`${SEND_LINK_PATH}/sent`, { schema: PAGE }, (_request, reply) =>
    reply.page('pages/portal/check-email.njk', { title: 'Check your email', resent: true }),
  );
};
