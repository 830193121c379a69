/**
 * One form post, in the shape staff forms share: the guard runs first and the CSRF check before the
 * handler; a bad address is not a form to show again (the error handler answers it, 400); a bad
 * form (the schema's problems and the domain's pure checks', all at once), or a refusal from the
 * domain, shows the page again with GOV.UK's error summary (400, nothing written); otherwise the
 * browser goes where `run` says (303: post, redirect, get).
 */
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { formProblems, type FieldChecks, type FormErrors } from '../forms.ts';
import type { Guard } from '../guards.ts';
import { PAGE, type WebApp } from './module.ts';

/** What came with the post: the address's parameters (checked) and the body (checked only in `run`). */
export interface Posted<Params, Body> {
  params: Params;
  body: Body;
  request: FastifyRequest;
}

export interface FormRoute<P extends z.ZodType, B extends z.ZodType> {
  guard: Guard;
  params?: P;
  body: B;
  /** The template shown again when something is wrong. */
  view: string;
  /** What the page shows again with the problems; the body is as posted (perhaps not a good form). */
  page: (posted: Posted<z.infer<P>, unknown>, errors: FormErrors) => Promise<Record<string, unknown>>;
  /** The domain's pure checks of single fields, reported with the schema's problems (forms.ts). */
  checks?: FieldChecks<z.output<B>>;
  /** The domain's refusals to show on the form; anything else is thrown (the error handler answers it). */
  refusal?: (error: unknown) => FormErrors | undefined;
  /**
   * Does what the form asks and answers the address to go to next. It never answers the reply
   * itself: a reply is thenable, so returning one from an async function would answer twice.
   */
  run: (posted: Posted<z.infer<P>, z.infer<B>>) => Promise<string>;
}

export function formRoute<B extends z.ZodType, P extends z.ZodType = z.ZodObject>(
  app: WebApp,
  url: string,
  route: FormRoute<P, B>,
): void {
  app.post(
    url,
    {
      schema: { ...PAGE, ...(route.params && { params: route.params }), body: route.body },
      attachValidation: true,
      onRequest: route.guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      if (request.validationError?.validationContext === 'params') throw request.validationError;
      const params = request.params as z.infer<P>;
      const again = async (errors: FormErrors) =>
        reply.code(400).page(route.view, await route.page({ params, body: request.body, request }, errors));
      const errors = formProblems(request, route.body, route.checks);
      if (errors) return again(errors);
      let next: string;
      try {
        next = await route.run({ params, body: request.body as z.infer<B>, request });
      } catch (error) {
        const problem = route.refusal?.(error);
        if (problem) return again(problem);
        throw error;
      }
      return reply.redirect(next, 303);
    },
  );
}
