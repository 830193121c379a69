/**
 * 405 Method Not Allowed for an address the app knows, asked with a method it does not take (a PUT
 * or DELETE on a form's address): Fastify's router answers every unmatched method with its 404.
 * The routes are learnt as they are registered (an onRoute hook), so no list is kept by hand; the
 * not-found handler asks `allowedMethods` and, when the path is known, answers 405 with `Allow`.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';

interface KnownPath {
  pattern: RegExp;
  methods: Set<string>;
}

/** A route's URL as a pattern for concrete paths: `:name` is one segment, a trailing `*` anything. */
function patternOf(url: string): RegExp {
  const source = url
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((part) =>
      part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`);
}

export interface AllowedMethods {
  /** The methods registered for the path, sorted; empty when no route has this path. */
  (path: string): string[];
}

/** Watch every route `app` (and the plugins registered after this call) adds. */
export function learnRoutes(app: FastifyInstance): AllowedMethods {
  const known = new Map<string, KnownPath>();
  app.addHook('onRoute', (route: RouteOptions) => {
    const entry = known.get(route.url) ?? { pattern: patternOf(route.url), methods: new Set<string>() };
    for (const method of [route.method].flat()) entry.methods.add(method);
    known.set(route.url, entry);
  });
  return (path) => {
    const methods = new Set<string>();
    for (const { pattern, methods: own } of known.values())
      if (pattern.test(path)) for (const m of own) methods.add(m);
    return [...methods].sort();
  };
}
