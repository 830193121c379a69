/**
 * The web application's composition root: buildWebApp(store, options) assembles Fastify with zod
 * validation, the OpenAPI description, secure headers, sessions, CSRF, pages and every route
 * module, over a Store built by the app's composition root (src/app/compose.ts). It holds no
 * state that matters between requests, so any number of instances can serve one database.
 */
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Store } from '../records/store.ts';
import { learnRoutes } from './allowed-methods.ts';
import { registerAssets } from './assets.ts';
import { clientErrorHandler, frameworkErrors } from './client-errors.ts';
import { resolveOptions, siteManifest, type WebContext, type WebOptions } from './context.ts';
import { errorWords } from './error-words.ts';
import { errorHandler, HttpError, toProblem, wantsJson } from './errors.ts';
import { createLogger } from './logging.ts';
import { registerOpenApi } from './openapi.ts';
import { ROUTE_MODULES } from './routes/index.ts';
import type { WebApp } from './routes/module.ts';
import { registerSecurity } from './security.ts';
import { refuseUnstorableText } from './unstorable-text.ts';
import { decorateViews, errorPage } from './views.ts';
import { loadVisitor } from './visitor.ts';

export type { WebApp } from './routes/module.ts';
export type { WebOptions } from './context.ts';

export async function buildWebApp(store: Store, options: WebOptions = {}): Promise<WebApp> {
  const manifest = siteManifest(store, options.controllerId);
  const ctx: WebContext = {
    store,
    manifest,
    controllerId: manifest.controller.id,
    options: resolveOptions(options),
  };
  const handleError = errorHandler(errorPage);
  const app = Fastify({
    loggerInstance: createLogger(ctx.options.logger) as FastifyBaseLogger,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    clientErrorHandler: clientErrorHandler(ctx),
    frameworkErrors: frameworkErrors(handleError),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Before any route is added, so every one is known when a method it lacks is asked for.
  const allowedMethods = learnRoutes(app);
  refuseUnstorableText(app);

  await registerOpenApi(app, ctx);
  await registerSecurity(app, ctx);
  decorateViews(app, ctx);
  app.decorateRequest('visitor');
  app.decorateRequest('service');
  app.addHook('onRequest', async (request) => {
    request.visitor = request.url.startsWith('/assets/') ? {} : await loadVisitor(ctx, request);
  });
  await registerAssets(app);

  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    // A route that takes this method and found nothing (a missing asset) is a plain 404.
    const allow = allowedMethods(request.url.split('?')[0]!);
    const wrongMethod = allow.length > 0 && !allow.includes(request.method);
    if (wrongMethod) reply.header('allow', allow.join(', '));
    const error = wrongMethod
      ? new HttpError(405, `this address does not take ${request.method}`)
      : new HttpError(404, 'there is nothing at this address');
    const p = toProblem(error);
    reply.code(error.statusCode);
    return wantsJson(request) ? reply.send(p) : errorPage(reply, p, errorWords(error, p, request));
  });

  for (const register of ROUTE_MODULES) await register(app, ctx);
  return app;
}
