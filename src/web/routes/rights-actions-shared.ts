/**
 * What the staff rights action pages share (rectification, objection, restriction, automated
 * decision reviews). Each page is reached two ways: from a rights request
 * (/staff/requests/<id>/…), when the action answers that request, and from the person's file
 * (/staff/people/<id>/rights/…) for rights work that came in some other way. Both need the rights
 * purpose; the domain modules then gate and audit every read and write.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Call } from '../../records/store.ts';
import { readRequest, type RequestView, type Right } from '../../rights/requests/index.ts';
import type { WebContext } from '../context.ts';
import { echo, formErrors, type FormErrors } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { PAGE, type WebApp } from './module.ts';
import { domainFormError, RequestParams, staffRightsCall } from './rights-shared.ts';

export const PersonParams = z.object({ personId: z.uuid('the person id must be a UUID') });

/** Where the action pages hang: under a request, or under a person's file. */
export const SUBJECT_PREFIXES = [
  { path: '/staff/requests/:requestId', params: RequestParams },
  { path: '/staff/people/:personId/rights', params: PersonParams },
] as const;
export type SubjectPrefix = (typeof SUBJECT_PREFIXES)[number];

/** A prefix's params with a further id (an objection's, a review's). */
export const paramsWith = <K extends string>(prefix: SubjectPrefix, name: K, what: string) =>
  z.object({
    ...prefix.params.shape,
    ...({ [name]: z.uuid(`the ${what} id must be a UUID`) } as Record<K, z.ZodUUID>),
  });

export interface Subject {
  personId: string;
  /** The request the page was opened from, if it was. */
  request?: RequestView;
  /** The address the action pages of this subject start with. */
  base: string;
  back: { href: string; text: string };
}

type SubjectParams = { requestId?: string; personId?: string };

export async function subjectOf(ctx: WebContext, call: Call, params: SubjectParams): Promise<Subject> {
  if (params.requestId) {
    const request = await readRequest(ctx.store, call, params.requestId);
    return {
      personId: request.personId,
      request,
      base: `/staff/requests/${request.id}`,
      back: { href: `/staff/requests/${request.id}`, text: 'Back to the request' },
    };
  }
  const personId = params.personId!.toLowerCase();
  return {
    personId,
    base: `/staff/people/${personId}/rights`,
    back: {
      href: `/staff/people/${personId}?purpose=${ctx.options.rightsPurpose}`,
      text: 'Back to the person’s file',
    },
  };
}

/** The request to tie an action to: the one the page came from, when it asks for that right. */
export const requestFor = (subject: Subject, right: Right): string | undefined =>
  subject.request?.right === right ? subject.request.id : undefined;

export interface PageExtra {
  /** The page's query string, when its GET declares one (e.g. which correction was just made). */
  query?: Record<string, string | undefined>;
  errors?: FormErrors;
  values?: Record<string, string>;
  /** Which of the page's forms the values and errors belong to. */
  failed?: string;
}

export type Render = (
  call: Call,
  reply: FastifyReply,
  subject: Subject,
  extra?: PageExtra,
) => Promise<unknown>;

export const actionGuard = (ctx: WebContext) => requireStaff(ctx, { purpose: 'rights', staffOnly: true });

/**
 * The page of an action (`name`), shown under both prefixes: a request's and a person's. A page
 * that follows its own post (post/redirect/get) declares the query it is sent back with.
 */
export function actionPage(
  app: WebApp,
  ctx: WebContext,
  name: string,
  render: Render,
  querystring: z.ZodObject = z.object({}),
): void {
  for (const prefix of SUBJECT_PREFIXES) {
    app.get(
      `${prefix.path}/${name}`,
      { schema: { ...PAGE, params: prefix.params, querystring }, onRequest: actionGuard(ctx) },
      async (request, reply) => {
        const call = staffRightsCall(ctx, request.visitor.staff!);
        const query = request.query as Record<string, string | undefined>;
        return render(call, reply, await subjectOf(ctx, call, request.params), { query });
      },
    );
  }
}

export const postOptions = (app: WebApp, ctx: WebContext) =>
  ({ attachValidation: true, onRequest: actionGuard(ctx), preHandler: app.csrfProtection }) as const;

const AFTER = Symbol('the query to go back to the page with');

/** What `run` returns to send the browser back with a query, naming what it did by id only. */
export const backWith = (query: Record<string, string>) => ({ [AFTER]: query });

const queryOf = (answered: unknown): string => {
  const query = (answered as { [AFTER]?: Record<string, string> } | null | undefined)?.[AFTER];
  return query ? `?${new URLSearchParams(query).toString()}` : '';
};

/** Form field names (and the domain's field names) → the ids of the inputs holding them. */
export type FieldIds = Record<string, string>;

/**
 * A form post: bad input shows the page again with the error summary (400, nothing written);
 * otherwise the action runs (the domain gates, checks and audits it) and the browser goes back to
 * the page (303), with the query `run` gives through backWith() if it gives one. `run` never
 * answers itself: a reply is a thenable, so an async run returning it would resolve to undefined
 * and this would answer a second time.
 */
export async function act(
  ctx: WebContext,
  request: FastifyRequest,
  reply: FastifyReply,
  page: { render: Render; path: string; form: string; ids: FieldIds },
  run: (call: Call, subject: Subject) => Promise<unknown>,
) {
  // A bad address is not a form to show again: the error handler answers it (400).
  const invalid = request.validationError as FastifyError | undefined;
  if (invalid?.validationContext === 'params') throw invalid;
  const call = staffRightsCall(ctx, request.visitor.staff!);
  const subject = await subjectOf(ctx, call, request.params as SubjectParams);
  const values = echo(request.body);
  const fallback = Object.values(page.ids)[0] ?? page.form;
  const again = (errors: FormErrors) =>
    page.render(call, reply.code(400), subject, { errors, values, failed: page.form });
  const bad = formErrors(request);
  if (bad) {
    const fields: FormErrors['fields'] = {};
    for (const [k, m] of Object.entries(bad.fields)) fields[page.ids[k] ?? fallback] ??= m;
    return again({
      fields,
      list: Object.entries(fields).map(([f, m]) => ({ text: m.text, href: `#${f}` })),
    });
  }
  let answered: unknown;
  try {
    answered = await run(call, subject);
  } catch (error) {
    return again(domainFormError(error, page.ids, fallback));
  }
  return reply.redirect(`${subject.base}/${page.path}${queryOf(answered)}`, 303);
}
