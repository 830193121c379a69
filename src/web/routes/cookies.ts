/**
 * Cookie consent on the site itself: the banner (src/consent/cookie-banner) on every public and
 * portal page, configured from the manifest for each request, its script and stylesheet, the
 * settings page, every choice logged on the server, and /.well-known/gpc.json.
 *
 * The layout leaves a marker in <head>; an onSend hook puts the banner's tags there with the
 * response's CSP nonce, so no route has to remember it and staff pages (not the landlord's
 * website) never carry it. Sec-GPC is read here, on the server: a request carrying it gets a
 * configuration that refuses every non-essential category without showing the banner, whatever
 * the browser's script can or cannot see.
 *
 * Without JavaScript: the cookies page is a server-rendered form (CSRF-protected) that sets the
 * same consent cookie and logs the choice as the banner's settings do, and a visitor who has not
 * chosen sees a <noscript> banner pointing to it (right after <body>, where GOV.UK puts the banner).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  bannerAsset,
  bannerTags,
  consentCookieValue,
  cookieBannerConfig,
  cookieTable,
  currentAnswers,
  gpcFromHeaders,
  gpcJson,
  gpcOn,
  logCookieChoice,
  needsChoice,
  noscriptBanner,
  OPTIONAL_CATEGORIES,
  settingsChoice,
  storedChoice,
  unanswered,
  type BannerFile,
  type CookieBannerConfig,
} from '../../consent/cookies/index.ts';
import type { WebContext } from '../context.ts';
import { errorsFrom, form, formErrors, type FormErrors } from '../forms.ts';
import { PAGE, type RouteModule } from './module.ts';

/** Where layout.njk asks for the banner's tags. */
export const BANNER_MARKER = '<!-- custos:cookie-banner -->';
export const COOKIES_PAGE = '/cookies';
export const COOKIE_LOG_URL = '/consent/cookies';
const ASSET_BASE = '/assets/consent';

/** Pages of the landlord's website (public and portal), not the staff back office. */
const carriesBanner = (path: string) => !/^\/(staff|api\/|assets\/)/.test(path);

type Headers = Record<string, string | string[] | undefined>;

const configFor = (ctx: WebContext, headers: Headers) =>
  cookieBannerConfig(ctx.manifest, {
    gpc: gpcFromHeaders(headers),
    cookiesUrl: COOKIES_PAGE,
    logUrl: COOKIE_LOG_URL,
  });

export function bannerFor(ctx: WebContext, headers: Headers, nonce?: string) {
  return bannerTags(configFor(ctx, headers), { assetBase: ASSET_BASE, nonce });
}

/** Requests that have just saved a choice: their page must not ask again (the cookie is only now being set). */
const justChose = new WeakSet<FastifyRequest>();

/** The <noscript> banner for this request, or nothing once the visitor has chosen (or sends GPC). */
function noscriptFor(ctx: WebContext, headers: Headers): string {
  const config = configFor(ctx, headers);
  return needsChoice(config, storedChoice(headers.cookie as string | undefined, config))
    ? noscriptBanner(config)
    : '';
}

const Choice = z.record(z.string(), z.unknown());

const answer = (id: string) =>
  z.enum(['yes', 'no'], { error: `Select yes if you want to allow ${id} cookies, or no if you do not` });
/** Every category the banner can ask about; which of them this manifest uses is checked in the route. */
const SettingsForm = form(
  Object.fromEntries(OPTIONAL_CATEGORIES.map((id) => [id, answer(id).optional()])) as Record<
    (typeof OPTIONAL_CATEGORIES)[number],
    z.ZodOptional<ReturnType<typeof answer>>
  >,
);
type Answers = Record<string, unknown>;

function missing(config: CookieBannerConfig, answers: Answers): FormErrors | undefined {
  const ids = unanswered(config, answers);
  if (ids.length === 0) return undefined;
  return errorsFrom(
    ids.map((id) => ({
      field: id,
      message: `Select yes if you want to allow ${id} cookies, or no if you do not`,
    })),
  );
}

export const cookieRoutes: RouteModule = (app, ctx) => {
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' || !payload.includes(BANNER_MARKER)) return payload;
    const path = request.url.split('?')[0]!;
    if (!carriesBanner(path)) return payload.replace(BANNER_MARKER, '');
    const tags = bannerFor(ctx, request.headers, reply.cspNonce?.script);
    const noscript = justChose.has(request) ? '' : noscriptFor(ctx, request.headers);
    return payload.replace(BANNER_MARKER, tags).replace(/<body\b[^>]*>/, (body) => body + noscript);
  });

  for (const file of ['banner.js', 'banner.css'] as BannerFile[])
    app.get(`${ASSET_BASE}/${file}`, { schema: PAGE }, (_request, reply) => {
      const asset = bannerAsset(file);
      return reply.type(asset.contentType).header('cache-control', 'public, max-age=3600').send(asset.body);
    });

  app.get('/.well-known/gpc.json', { schema: PAGE }, (_request, reply) =>
    reply.type('application/json').send(gpcJson(ctx.manifest)),
  );

  // The banner posts each choice as JSON; a bad one is a 400 naming the field, nothing logged.
  app.post(COOKIE_LOG_URL, { schema: { ...PAGE, body: Choice } }, async (request, reply) => {
    const id = await logCookieChoice(
      ctx.store.db,
      ctx.manifest,
      request.body,
      request.headers,
      ctx.store.now(),
    );
    return reply.code(201).send({ id });
  });

  const settingsPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    locals: { answers?: Answers; errors?: FormErrors; saved?: boolean; config?: CookieBannerConfig } = {},
  ) => {
    const config = locals.config ?? configFor(ctx, request.headers);
    const answers = locals.answers ?? currentAnswers(config, storedChoice(request.headers.cookie, config));
    return reply.page('pages/consent/cookies.njk', {
      title: 'Cookies',
      table: cookieTable(ctx.manifest),
      gpc: gpcFromHeaders(request.headers),
      gpcOn: gpcOn(config),
      honoursGpc: gpcJson(ctx.manifest).gpc,
      text: config.text,
      categories: config.categories.map((c) => ({
        id: c.id,
        legend: config.text.use!.replace('{name}', c.name),
        hint: `${c.description} (${c.rows.map((r) => r[0]).join(', ')})`,
        answer: answers[c.id],
      })),
      errors: locals.errors,
      saved: locals.saved,
    });
  };

  app.get(COOKIES_PAGE, { schema: PAGE }, (request, reply) => settingsPage(request, reply));

  // The settings form, for every browser: the same cookie and the same log entry as the banner's.
  app.post(
    COOKIES_PAGE,
    { schema: { ...PAGE, body: SettingsForm }, attachValidation: true, preHandler: app.csrfProtection },
    async (request, reply) => {
      const config = configFor(ctx, request.headers);
      if (config.categories.length === 0) return reply.redirect(COOKIES_PAGE, 303);
      const answers = (request.body ?? {}) as Answers;
      const errors = formErrors(request) ?? missing(config, answers);
      if (errors) {
        reply.code(400);
        return settingsPage(request, reply, { config, answers, errors });
      }
      const stored = storedChoice(request.headers.cookie, config);
      const choice = settingsChoice(config, stored?.consentId ?? randomUUID(), answers);
      await logCookieChoice(ctx.store.db, ctx.manifest, choice, request.headers, ctx.store.now());
      reply.setCookie(config.consentCookie.name, consentCookieValue(config, choice), {
        path: '/',
        // Not HttpOnly: the banner's script reads it, as it reads the cookie it writes itself.
        sameSite: 'lax',
        secure: ctx.options.production,
        ...(config.consentCookie.maxAgeSeconds !== null && { maxAge: config.consentCookie.maxAgeSeconds }),
      });
      justChose.add(request);
      return settingsPage(request, reply, { config, answers, saved: true });
    },
  );
};
