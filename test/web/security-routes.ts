/**
 * Every route the web app registers, captured as it is registered (an onRoute hook put in front of
 * the route modules), so the security tests cover a new route the moment it exists.
 */
import type { RouteOptions } from 'fastify';
import { ROUTE_MODULES } from '../../src/web/routes/index.ts';
import type { RouteModule } from '../../src/web/routes/module.ts';
import type { WebOptions } from '../../src/web/app.ts';
import { webFixture, type WebFixture } from './helpers.ts';

export interface CapturedRoute {
  method: string;
  url: string;
  schema?: { params?: unknown; querystring?: unknown; body?: unknown };
}

/** A web fixture whose app records each route (method and path, with its schemas) as it is added. */
export async function fixtureWithRoutes(
  options: WebOptions = {},
): Promise<{ f: WebFixture; routes: CapturedRoute[] }> {
  return recordingRoutes(() => webFixture(options));
}

/** Build a fixture with `build` while recording every route its app adds. */
export async function recordingRoutes(
  build: () => Promise<WebFixture>,
): Promise<{ f: WebFixture; routes: CapturedRoute[] }> {
  const routes: CapturedRoute[] = [];
  const recorder: RouteModule = (app) => {
    app.addHook('onRoute', (r: RouteOptions) => {
      for (const method of [r.method].flat())
        if (method !== 'HEAD')
          routes.push({ method, url: r.url, schema: r.schema as CapturedRoute['schema'] });
    });
  };
  // The module list is the app's own; the recorder goes first for this app only and is taken out again.
  const modules = ROUTE_MODULES as RouteModule[];
  modules.unshift(recorder);
  try {
    return { f: await build(), routes };
  } finally {
    modules.splice(modules.indexOf(recorder), 1);
  }
}

/** Fill a route's path parameters: a well-formed UUID for ids, a word otherwise. */
export function concreteUrl(
  url: string,
  fill: (name: string) => string = (name) =>
    /id$/i.test(name) ? '00000000-0000-4000-8000-000000000000' : 'x',
): string {
  return url
    .replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => encodeURIComponent(fill(name)))
    .replace(/\*$/, 'x');
}
