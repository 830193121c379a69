/** What a route module is: a function given the app (zod-typed) and the context, adding its routes. */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { WebContext } from '../context.ts';

export type WebApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type RouteModule = (app: WebApp, ctx: WebContext) => void | Promise<void>;

/** Pages are not part of the API description. */
export const PAGE = { hide: true } as const;
