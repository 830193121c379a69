/**
 * One check for every request, after the body is read and before any schema or handler: a NUL
 * character (U+0000, `%00`) anywhere in the address's parameters, the query or the body, at any
 * depth, refuses the request with a 400 naming the field. No route sees it, so nothing is written
 * and no query reaches the database (PostgreSQL cannot store it; see UNSTORABLE in formats.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findUnstorable, UNSTORABLE } from '../records/formats.ts';

/** Where in the request the character was: as Fastify names a validation context. */
export type RequestPart = 'params' | 'querystring' | 'body';

/** A request refused for holding text that cannot be stored; `path` names the field. */
export class UnstorableText extends Error {
  readonly statusCode = 400;
  readonly reason = UNSTORABLE;
  constructor(
    readonly part: RequestPart,
    readonly path: string[],
  ) {
    super(`${[part, ...path].join('.')}: ${UNSTORABLE}`);
  }

  /** The field as the API names it, e.g. "body.payload.name". */
  get field(): string {
    return [this.part, ...this.path].join('.');
  }
}

function check(request: FastifyRequest): void {
  const parts: [RequestPart, unknown][] = [
    ['params', request.params],
    ['querystring', request.query],
    ['body', request.body],
  ];
  for (const [part, value] of parts) {
    const path = findUnstorable(value);
    if (path) throw new UnstorableText(part, path);
  }
}

export function refuseUnstorableText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => check(request));
}
