/**
 * Staff sign-in in two steps: username and password, then the code from an authenticator app.
 * The first step makes a session that can do nothing but give the code; the second replaces it
 * with a new session (a new token, so nothing learnt before sign-in is of use after it). Both
 * steps count towards the account's lockout and are rate limited per address.
 */
import { endAllSessions, endSession, createSession } from '../auth/sessions.ts';
import { checkStaffCode, checkStaffPassword } from '../auth/staff-accounts.ts';
import { LOCK_MINUTES } from '../auth/lockout.ts';
import { echo, form, formError, formErrors, required } from '../forms.ts';
import { requirePendingStaff, requireStaff } from '../guards.ts';
import { clearSessionCookie, setSessionCookie, signInLimit } from '../security.ts';
import { PAGE, type RouteModule } from './module.ts';

const SignIn = form({
  username: required('Enter your username', 63),
  password: required('Enter your password', 200),
});

const Code = form({
  code: required('Enter the 6-digit code from your authenticator app', 20).regex(
    /^\s*\d{3}\s?\d{3}\s*$/,
    'The code must be 6 digits, like 123456',
  ),
});

const LOCKED = `This account is locked for ${LOCK_MINUTES} minutes after too many wrong attempts. Try again later, or ask your administrator.`;

export const staffAuthRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx.store;
  const signInPage = 'pages/staff/sign-in.njk';
  const codePage = 'pages/staff/code.njk';

  app.get('/staff/sign-in', { schema: PAGE }, (request, reply) =>
    request.visitor.staff ? reply.redirect('/staff', 303) : reply.page(signInPage, { title: 'Sign in' }),
  );

  app.post(
    '/staff/sign-in',
    {
      schema: { ...PAGE, body: SignIn },
      attachValidation: true,
      preHandler: app.csrfProtection,
      config: signInLimit(ctx),
    },
    async (request, reply) => {
      const again = (errors: ReturnType<typeof formError>) =>
        reply
          .code(400)
          .page(signInPage, { title: 'Sign in', errors, values: echo(request.body, ['password']) });
      const errors = formErrors(request);
      if (errors) return again(errors);
      const now = ctx.store.now();
      const result = await checkStaffPassword(
        db,
        ctx.controllerId,
        request.body.username,
        request.body.password,
        now,
      );
      if (!result.ok)
        return again(
          formError(
            'username',
            result.reason === 'locked' ? LOCKED : 'Enter a correct username and password',
          ),
        );
      if (request.visitor.session) await endSession(db, request.visitor.session.id);
      const token = await createSession(
        db,
        { accountKind: 'staff', accountId: result.account.id, controllerId: ctx.controllerId, stage: 'mfa' },
        now,
        ctx.options.staffSessions,
      );
      setSessionCookie(reply, ctx, token);
      return reply.redirect('/staff/sign-in/code', 303);
    },
  );

  app.get('/staff/sign-in/code', { schema: PAGE, onRequest: requirePendingStaff() }, (_request, reply) =>
    reply.page(codePage, { title: 'Enter your code' }),
  );

  app.post(
    '/staff/sign-in/code',
    {
      schema: { ...PAGE, body: Code },
      attachValidation: true,
      onRequest: requirePendingStaff(),
      preHandler: app.csrfProtection,
      config: signInLimit(ctx),
    },
    async (request, reply) => {
      const again = (errors: ReturnType<typeof formError>) =>
        reply.code(400).page(codePage, { title: 'Enter your code', errors });
      const errors = formErrors(request);
      if (errors) return again(errors);
      const now = ctx.store.now();
      const pending = request.visitor.session!;
      const result = await checkStaffCode(db, ctx.store.keys, pending.accountId, request.body.code, now);
      if (!result.ok) {
        if (result.reason === 'locked') await endSession(db, pending.id);
        return again(
          formError(
            'code',
            result.reason === 'locked'
              ? LOCKED
              : 'The code is not right, or was used already. Enter the current code',
          ),
        );
      }
      await endSession(db, pending.id);
      const token = await createSession(
        db,
        {
          accountKind: 'staff',
          accountId: result.account.id,
          controllerId: ctx.controllerId,
          stage: 'active',
        },
        now,
        ctx.options.staffSessions,
      );
      setSessionCookie(reply, ctx, token);
      return reply.redirect('/staff', 303);
    },
  );

  const SignOut = form({});

  app.post(
    '/staff/sign-out',
    { schema: { ...PAGE, body: SignOut }, preHandler: app.csrfProtection },
    async (request, reply) => {
      if (request.visitor.session) await endSession(db, request.visitor.session.id);
      clearSessionCookie(reply, ctx);
      return reply.redirect('/signed-out', 303);
    },
  );

  app.post(
    '/staff/sign-out-everywhere',
    { schema: { ...PAGE, body: SignOut }, onRequest: requireStaff(ctx), preHandler: app.csrfProtection },
    async (request, reply) => {
      await endAllSessions(db, 'staff', request.visitor.staff!.id);
      clearSessionCookie(reply, ctx);
      return reply.redirect('/signed-out', 303);
    },
  );

  app.get('/signed-out', { schema: PAGE }, (_request, reply) =>
    reply.page('pages/signed-out.njk', { title: 'You have signed out' }),
  );
};
