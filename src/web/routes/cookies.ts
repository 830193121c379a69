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
 */
import { z } from 'zod';
import {
  bannerAsset,
  bannerTags,
  cookieBannerConfig,
  cookieTable,
  gpcFromHeaders,
  gpcJson,
  logCookieChoice,
  type BannerFile,
} from '../../consent/cookies/index.ts';
import type { WebContext } from '../context.ts';
import { PAGE, type RouteModule } from './module.ts';

/** Where layout.njk asks for the banner's tags. */
export const BANNER_MARKER = '<!-- custos:cookie-banner -->';
export const COOKIES_PAGE = '/cookies';
export const COOKIE_LOG_URL = '/consent/cookies';
const ASSET_BASE = '/assets/consent';

/** Pages of the landlord's website (public and portal), not the staff back office. */
const carriesBanner = (path: string) => !/^\/(staff|api\/|assets\/)/.test(path);

export function bannerFor(
  ctx: WebContext,
  headers: Record<string, string | string[] | undefined>,
  nonce?: string,
) {
  const config = cookieBannerConfig(ctx.manifest, {
    gpc: gpcFromHeaders(headers),
    cookiesUrl: COOKIES_PAGE,
    logUrl: COOKIE_LOG_URL,
  });
  return bannerTags(config, { assetBase: ASSET_BASE, nonce });
}

const Choice = z.record(z.string(), z.unknown());

export const cookieRoutes: RouteModule = (app, ctx) => {
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' || !payload.includes(BANNER_MARKER)) return payload;
    const path = request.url.split('?')[0]!;
    const tags = carriesBanner(path) ? bannerFor(ctx, request.headers, reply.cspNonce?.script) : '';
    return payload.replace(BANNER_MARKER, tags);
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

  app.get(COOKIES_PAGE, { schema: PAGE }, (request, reply) =>
    reply.page('pages/consent/cookies.njk', {
      title: 'Cookies',
      table: cookieTable(ctx.manifest),
      gpc: gpcFromHeaders(request.headers),
      honoursGpc: gpcJson(ctx.manifest).gpc,
    }),
  );
};
