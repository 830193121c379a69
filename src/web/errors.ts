/**
 * One place that turns any error into a response: a clear 4xx naming the field for bad input, a
 * refusal for what the gate or a guard denies, and a bare 500 with a reference for anything else.
 * Responses never carry a stack trace, and a 500 never carries the error's own message (a
 * database error can quote a value); the log has the details, without personal data.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ClockError } from '../rights/clock/errors.ts';
import { AccessDenied, InputError, NotFound } from '../records/errors.ts';
import { errorWords, type ErrorWords } from './error-words.ts';
import { UnstorableText } from './unstorable-text.ts';

/** An error a route throws on purpose, with the status and the words to show. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly title?: string,
  ) {
    super(message);
  }
}

export interface Problem {
  statusCode: number;
  error: string;
  message: string;
  /** For bad input: each problem, naming the field. */
  issues?: { field: string; message: string }[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const problem = (statusCode: number, message: string, issues?: Problem['issues']): Problem => ({
  statusCode,
  error: TITLES[statusCode] ?? 'Error',
  message,
  ...(issues && { issues }),
});

function validationProblem(error: FastifyError): Problem {
  const context = error.validationContext ?? 'body';
  const issues = (error.validation ?? []).map((v) => ({
    field: [context, ...v.instancePath.split('/').filter(Boolean)].join('.'),
    // zod says "expected string, received undefined" for a missing field; people say "required".
    message: /received undefined$/.test(v.message ?? '') ? 'is required' : (v.message ?? 'is not valid'),
  }));
  return problem(
    400,
    issues.map((i) => `${i.field}: ${i.message}`).join('; ') || 'the request is not valid',
    issues,
  );
}

/** The response an error deserves; extend here when a domain module adds an error of its own. */
export function toProblem(error: unknown): Problem {
  if (error instanceof HttpError) return problem(error.statusCode, error.message);
  if (error instanceof InputError)
    return problem(400, error.message, [{ field: error.field, message: error.reason }]);
  if (error instanceof ClockError) return problem(400, error.message);
  if (error instanceof UnstorableText)
    return problem(400, error.message, [{ field: error.field, message: error.reason }]);
  if (error instanceof AccessDenied) return problem(403, error.message);
  if (error instanceof NotFound) return problem(404, error.message);
  const e = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(e) || e.validation) return validationProblem(e);
  // Fastify's own client errors (bad JSON, wrong media type, body too large, CSRF, rate limit)
  // carry framework wording only.
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
    return problem(e.statusCode, String(e.message).slice(0, 200));
  return problem(500, 'Something went wrong on our side. It has been logged; please try again later.');
}

/** JSON for the API and the probes; pages everywhere else. */
export const wantsJson = (request: FastifyRequest) =>
  /^\/(api\/|health$|ready$)/.test(request.url) || request.headers.accept === 'application/json';

export type PageRenderer = (reply: FastifyReply, p: Problem, words: ErrorWords) => FastifyReply;

export function errorHandler(renderPage: PageRenderer) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const p = toProblem(error);
    if (p.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ statusCode: p.statusCode, errorType: (error as Error).name }, 'request refused');
    reply.code(p.statusCode);
    if (p.statusCode === 429) reply.header('retry-after', '60');
    return wantsJson(request) ? reply.send(p) : renderPage(reply, p, errorWords(error, p, request));
  };
}
