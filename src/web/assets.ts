/**
 * GOV.UK Frontend's compiled CSS and JavaScript, served as they ship (no bundler, no Sass), under
 * /assets like the CSS expects. The GDS Transport font is for GOV.UK services only, so its
 * @font-face rules are dropped and the fonts are not served: pages use the CSS's fallback, Arial.
 * For the same reason the favicon is our own plain mark, not GOV.UK Frontend's crown: browsers ask
 * for /favicon.ico on every page, and a 404 there is an error in their console.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { GOVUK_DIST } from './views.ts';

const GOVUK = join(GOVUK_DIST, 'govuk');
const A_DAY = 86_400;

export async function registerAssets(app: FastifyInstance): Promise<void> {
  const css = readFileSync(join(GOVUK, 'govuk-frontend.min.css'), 'utf8').replace(/@font-face\{[^}]*\}/g, '');
  const js = readFileSync(join(GOVUK, 'govuk-frontend.min.js'));
  const own = readFileSync(join(import.meta.dirname, 'public', 'custos.css'), 'utf8');
  const ico = readFileSync(join(import.meta.dirname, 'public', 'favicon.ico'));
  const svg = readFileSync(join(import.meta.dirname, 'public', 'favicon.svg'));
  const hide = { schema: { hide: true } };
  app.get('/assets/govuk-frontend.min.css', hide, (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', `public, max-age=${A_DAY}`).send(css),
  );
  app.get('/assets/govuk-frontend.min.js', hide, (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', `public, max-age=${A_DAY}`).send(js),
  );
  app.get('/assets/custos.css', hide, (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', `public, max-age=${A_DAY}`).send(own),
  );
  app.get('/favicon.ico', hide, (_req, reply) =>
    reply.type('image/x-icon').header('cache-control', `public, max-age=${A_DAY}`).send(ico),
  );
  app.get('/assets/favicon.svg', hide, (_req, reply) =>
    reply.type('image/svg+xml').header('cache-control', `public, max-age=${A_DAY}`).send(svg),
  );
  await app.register(fastifyStatic, {
    root: join(GOVUK, 'assets'),
    prefix: '/assets/',
    maxAge: A_DAY * 1000,
    schemaHide: true,
    allowedPath: (pathname) => pathname.startsWith('/images/'),
  });
}
