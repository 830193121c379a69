/**
 * Server-rendered pages: Nunjucks over GOV.UK Frontend's templates and macros. Every page gets the
 * layout's locals (the service name, navigation, who is signed in, the CSP nonce and a CSRF token)
 * through reply.page(), so a route passes only what its page shows.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import nunjucks from 'nunjucks';
import type { WebContext } from './context.ts';
import type { ErrorWords } from './error-words.ts';
import type { Problem } from './errors.ts';
import { navFor } from './nav.ts';
import { dayWords, momentWords } from '../manifest/words.ts';
import { valueWords } from '../rights/sar/present.ts';

const require = createRequire(import.meta.url);
export const GOVUK_DIST = dirname(dirname(require.resolve('govuk-frontend/dist/govuk/template.njk')));
const VIEWS = join(import.meta.dirname, 'views');

declare module 'fastify' {
  interface FastifyReply {
    /** Render a page (a template under src/web/views) inside the layout and send it. */
    page(template: string, locals?: Record<string, unknown>): FastifyReply;
    /** The CSRF token for this response's forms (the same one for every form on the page). */
    csrfToken(): string;
  }
}

const LABELS: Record<string, string> = {
  niNumber: 'National Insurance number',
  customerRef: 'Customer reference',
  dateOfBirth: 'Date of birth',
};

/**
 * "dateOfBirth" → "Date of birth", for field names the manifest gives in camelCase; acronyms in
 * capitals ("id-document" → "ID document"), in the same words as the subject access pack.
 */
export function humanise(name: string): string {
  return LABELS[name] ?? valueWords(name);
}

/**
 * Dates on pages in the same words as the notice, the CLI and the subject access pack
 * (manifest/words.ts): a day as "24 November 2026", an instant in UK time as
 * "24 November 2026, 4:56pm" (a bare YYYY-MM-DD is always a day, never midnight UTC).
 */
export const ukDate = dayWords;
export const ukDateTime = momentWords;

export function createViews(): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([VIEWS, GOVUK_DIST]), {
    autoescape: true,
    throwOnUndefined: false,
  });
  env.addFilter('humanise', humanise);
  env.addFilter('ukDate', ukDate);
  env.addFilter('ukDateTime', ukDateTime);
  return env;
}

export function decorateViews(app: FastifyInstance, ctx: WebContext): void {
  const env = createViews();
  const controller = ctx.manifest.controller;
  app.decorateReply('csrfToken', function (this: FastifyReply) {
    const memo = this as FastifyReply & { _csrf?: string };
    // One token per response: a second generateCsrf() for a new visitor would mint a second secret.
    memo._csrf ??= this.generateCsrf();
    return memo._csrf;
  });
  app.decorateReply(
    'page',
    function (this: FastifyReply, template: string, locals: Record<string, unknown> = {}) {
      const request: FastifyRequest = this.request;
      const html = env.render(template, {
        serviceName: controller.shortName ?? controller.name,
        controller,
        demo: ctx.options.demo,
        cspNonce: this.cspNonce?.script,
        csrfToken: () => this.csrfToken(),
        visitor: {
          staff: request.visitor?.staff,
          resident: Boolean(request.visitor?.resident),
        },
        nav: navFor(ctx, request.visitor ?? {}, request.url.split('?')[0]!),
        ...locals,
      });
      return this.type('text/html; charset=utf-8').send(html);
    },
  );
}

/** The page for an error, in the words errorWords chose for the person reading it. */
export function errorPage(reply: FastifyReply, p: Problem, words: ErrorWords): FastifyReply {
  return reply.page('pages/error.njk', { problem: p, ...words });
}

let bare: nunjucks.Environment | undefined;

/**
 * An error page for a request the server refused before Fastify saw it (a request line or headers
 * too long to read): the layout with the service's name, without navigation, sign-out or forms.
 */
export function bareErrorPage(ctx: WebContext, words: ErrorWords): string {
  bare ??= createViews();
  const controller = ctx.manifest.controller;
  return bare.render('pages/error.njk', {
    serviceName: controller.shortName ?? controller.name,
    controller,
    demo: ctx.options.demo,
    visitor: {},
    nav: [],
    ...words,
  });
}
