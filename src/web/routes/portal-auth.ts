/**
 * Residents' accounts: register (matched to a person on file by customer reference, date of
 * birth and postcode, then the email address confirmed by a one-time link), sign in, sign out.
 * A failed match never says which detail was wrong, and someone who already has an account is
 * told so by email rather than on the page.
 */
import { z } from 'zod';
import { matchPerson } from '../../records/web-identity.ts';
import { LOCK_MINUTES } from '../auth/lockout.ts';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.ts';
import { checkResidentPassword, registerResident, verifyEmail } from '../auth/resident-accounts.ts';
import { createSession, endAllSessions, endSession } from '../auth/sessions.ts';
import type { WebContext } from '../context.ts';
import { echo, errorsFrom, form, formError, formErrors, required, type FormErrors } from '../forms.ts';
import { requireResident } from '../guards.ts';
import { queueMessage } from '../outbox.ts';
import { clearSessionCookie, setSessionCookie, signInLimit } from '../security.ts';
import { PAGE, type RouteModule } from './module.ts';

const POSTCODE = /^[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$/;

const Register = form({
  customerRef: required('Enter your customer reference', 40),
  'dateOfBirth-day': z.string({ error: 'Enter your date of birth' }).trim(),
  'dateOfBirth-month': z.string({ error: 'Enter your date of birth' }).trim(),
  'dateOfBirth-year': z.string({ error: 'Enter your date of birth' }).trim(),
  postcode: z
    .string({ error: 'Enter your postcode' })
    .trim()
    .min(1, 'Enter your postcode')
    .regex(POSTCODE, 'Enter a real postcode, like BV1 2ZZ'),
  email: required('Enter your email address', 254).pipe(
    z.email('Enter an email address in the correct format, like name@example.com'),
  ),
  password: z
    .string({ error: 'Enter a password' })
    .min(1, 'Enter a password')
    .min(MIN_PASSWORD_LENGTH, `Your password must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(200, 'Your password must be 200 characters or fewer'),
  confirmPassword: z.string({ error: 'Enter your password again' }).max(200),
});
type RegisterBody = z.infer<typeof Register>;

const SignIn = form({
  email: required('Enter your email address', 254),
  password: required('Enter your password', 200),
});

const Token = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'the link is not complete') });

/** A real past date from the three boxes, as YYYY-MM-DD, or the problem with it. */
export function dateOfBirth(body: RegisterBody, today: Date): { value?: string; error?: string } {
  const [d, m, y] = [body['dateOfBirth-day'], body['dateOfBirth-month'], body['dateOfBirth-year']];
  if (!d && !m && !y) return { error: 'Enter your date of birth' };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y))
    return { error: 'Date of birth must be a real date, like 27 3 1985' };
  const value = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
    return { error: 'Date of birth must be a real date, like 27 3 1985' };
  if (date >= today || Number(y) < 1900) return { error: 'Date of birth must be in the past' };
  return { value };
}

function registrationProblems(body: RegisterBody, schemaErrors: FormErrors | undefined, today: Date) {
  const issues = Object.entries(schemaErrors?.fields ?? {})
    .filter(([field]) => !field.startsWith('dateOfBirth'))
    .map(([field, m]) => ({ field, message: m.text }));
  const dob = dateOfBirth(body, today);
  if (dob.error) issues.splice(1, 0, { field: 'dateOfBirth-day', message: dob.error });
  if (!schemaErrors?.fields.password && body.password !== body.confirmPassword)
    issues.push({ field: 'confirmPassword', message: 'The passwords do not match' });
  return { errors: issues.length ? errorsFrom(issues) : undefined, dob: dob.value };
}

async function sendLink(ctx: WebContext, to: string, result: Awaited<ReturnType<typeof registerResident>>) {
  const name = ctx.manifest.controller.shortName ?? ctx.manifest.controller.name;
  const body = result.created
    ? `Confirm your email address to finish creating your ${name} account:\n\n${ctx.options.publicUrl}/portal/verify/${result.link}\n\nThe link works once, for 24 hours. If you did not ask for an account, ignore this email.`
    : `Someone tried to create a ${name} account with your details, but you already have one. Sign in at ${ctx.options.publicUrl}/portal/sign-in. If this was not you, contact us.`;
  await queueMessage(
    ctx.store.db,
    { controllerId: ctx.controllerId, to, subject: `Your ${name} account`, body },
    ctx.store.now(),
  );
}

export const portalAuthRoutes: RouteModule = (app, ctx) => {
  const { db, keys } = ctx.store;

  app.get('/portal/register', { schema: PAGE }, (_request, reply) =>
    reply.page('pages/portal/register.njk', { title: 'Create an account' }),
  );

  app.post(
    '/portal/register',
    {
      schema: { ...PAGE, body: Register },
      attachValidation: true,
      preHandler: app.csrfProtection,
      config: signInLimit(ctx),
    },
    async (request, reply) => {
      const body = request.body;
      const again = (errors: FormErrors) =>
        reply.code(400).page('pages/portal/register.njk', {
          title: 'Create an account',
          errors,
          values: echo(body, ['password', 'confirmPassword']),
        });
      const schemaErrors = formErrors(request);
      if (schemaErrors && (typeof body !== 'object' || body === null)) return again(schemaErrors);
      const { errors, dob } = registrationProblems(body, schemaErrors, ctx.store.now());
      if (errors || !dob) return again(errors ?? formError('dateOfBirth-day', 'Enter your date of birth'));
      // Matching is done by Custos itself (a system actor, records/web-identity.ts): the visitor is
      // not yet anyone on file, so cannot act as a person; it answers only "this person" or nothing.
      const personId = await matchPerson(ctx.store, ctx.controllerId, ctx.options.rightsPurpose, {
        customerRef: body.customerRef,
        dateOfBirth: dob,
        postcode: body.postcode,
      });
      if (!personId)
        return again(
          formError(
            'customerRef',
            'We could not find you from those details. Check them against a letter from us, or contact us',
          ),
        );
      const result = await registerResident(
        db,
        keys,
        { controllerId: ctx.controllerId, personId, email: body.email, password: body.password },
        ctx.store.now(),
      );
      await sendLink(ctx, body.email, result);
      // The demo sends no email, and its embedded database is locked while it runs, so the outbox
      // cannot be read: the page shows the link instead. Never outside the demo.
      if (ctx.options.demo && result.created)
        return reply.page('pages/portal/check-email.njk', {
          title: 'Check your email',
          demoLink: `${ctx.options.publicUrl}/portal/verify/${result.link}`,
        });
      return reply.redirect('/portal/register/check-email', 303);
    },
  );

  app.get('/portal/register/check-email', { schema: PAGE }, (_request, reply) =>
    reply.page('pages/portal/check-email.njk', { title: 'Check your email' }),
  );

  // A link cut short (an email client wrapping it, a partial copy) is told in words the person can act on.
  const LINK_CUT_SHORT = {
    addressProblem:
      'This link is not complete. Copy the whole link from the email, or ask for a new one: choose \u2018Send the link again\u2019 on the sign-in page.',
  };
  app.get(
    '/portal/verify/:token',
    { schema: { ...PAGE, params: Token }, config: LINK_CUT_SHORT },
    (request, reply) =>
      reply.page('pages/portal/verify.njk', {
        title: 'Confirm your email address',
        token: request.params.token,
      }),
  );

  app.post(
    '/portal/verify/:token',
    {
      schema: { ...PAGE, params: Token, body: form({}) },
      config: LINK_CUT_SHORT,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const ok = await verifyEmail(db, request.params.token, ctx.store.now());
      if (!ok) reply.code(400);
      return reply.page('pages/portal/verified.njk', {
        title: ok ? 'Email address confirmed' : 'This link has expired or was used already',
        ok,
      });
    },
  );

  app.get('/portal/sign-in', { schema: PAGE }, (request, reply) =>
    request.visitor.resident
      ? reply.redirect('/portal/your-information', 303)
      : reply.page('pages/portal/sign-in.njk', { title: 'Sign in to your account' }),
  );

  app.post(
    '/portal/sign-in',
    {
      schema: { ...PAGE, body: SignIn },
      attachValidation: true,
      preHandler: app.csrfProtection,
      config: signInLimit(ctx),
    },
    async (request, reply) => {
      const again = (errors: FormErrors, unverified = false) =>
        reply.code(400).page('pages/portal/sign-in.njk', {
          title: 'Sign in to your account',
          errors,
          values: echo(request.body, ['password']),
          unverified,
        });
      const errors = formErrors(request);
      if (errors) return again(errors);
      const now = ctx.store.now();
      const result = await checkResidentPassword(
        db,
        keys,
        ctx.controllerId,
        request.body.email,
        request.body.password,
        now,
      );
      if (!result.ok) {
        const message = {
          wrong: 'Enter a correct email address and password',
          locked: `This account is locked for ${LOCK_MINUTES} minutes after too many wrong attempts. Try again later`,
          unverified: 'Confirm your email address first, using the link we sent you',
        }[result.reason];
        return again(formError('email', message), result.reason === 'unverified');
      }
      if (request.visitor.session) await endSession(db, request.visitor.session.id);
      const token = await createSession(
        db,
        {
          accountKind: 'resident',
          accountId: result.account.id,
          controllerId: ctx.controllerId,
          stage: 'active',
        },
        now,
        ctx.options.residentSessions,
      );
      setSessionCookie(reply, ctx, token);
      return reply.redirect('/portal/your-information', 303);
    },
  );

  app.post(
    '/portal/sign-out',
    { schema: { ...PAGE, body: form({}) }, preHandler: app.csrfProtection },
    async (request, reply) => {
      if (request.visitor.session) await endSession(db, request.visitor.session.id);
      clearSessionCookie(reply, ctx);
      return reply.redirect('/signed-out', 303);
    },
  );

  app.post(
    '/portal/sign-out-everywhere',
    { schema: { ...PAGE, body: form({}) }, onRequest: requireResident(), preHandler: app.csrfProtection },
    async (request, reply) => {
      await endAllSessions(db, 'resident', request.visitor.resident!.id);
      clearSessionCookie(reply, ctx);
      return reply.redirect('/signed-out', 303);
    },
  );
};
