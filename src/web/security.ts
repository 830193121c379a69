/**
 * Secure headers (a CSP with per-response nonces for GOV.UK Frontend's inline script), cookies,
 * form bodies, CSRF and rate limiting.
 *
 * CSRF is double-submit with @fastify/csrf-protection, whose secret is the custos_session cookie
 * itself: a signed-in person's session token, or for a visitor not signed in a random secret set
 * the first time a form is shown. So the site sets only the one essential cookie its manifest
 * declares, and nothing about CSRF is held in a server's memory.
 */
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SESSION_COOKIE } from './auth/sessions.ts';
import type { WebContext } from './context.ts';

export function cookieOptions(ctx: WebContext) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: ctx.options.production };
}

export async function registerSecurity(app: FastifyInstance, ctx: WebContext): Promise<void> {
  const { production } = ctx.options;
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        scriptSrcAttr: ["'none'"],
        // Over plain http (a laptop, a test) upgrading would break every form.
        ...(production && { upgradeInsecureRequests: [] }),
      },
    },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(csrf, {
    cookieKey: SESSION_COOKIE,
    cookieOpts: cookieOptions(ctx),
  });
  // Per address and per instance: a first brake in front of the per-account lockout, which is
  // in the database and so holds across instances (see ADR 0009).
  await app.register(rateLimit, { global: false });
}

/** Route config for a sign-in or registration form's POST. */
export const signInLimit = (ctx: WebContext) => ({
  rateLimit: { max: ctx.options.signInPerMinute, timeWindow: 60_000 },
});

export function setSessionCookie(reply: FastifyReply, ctx: WebContext, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(ctx));
}

export function clearSessionCookie(reply: FastifyReply, ctx: WebContext): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(ctx));
}
