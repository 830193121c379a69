/**
 * The words an error page shows a person: a title and a sentence or two they can act on, and where
 * to go next. The API keeps the Problem's JSON (naming the field, e.g. "params.personId"); a page
 * never shows those internal names, a framework's wording or the same text twice.
 */
import type { FastifyError, FastifyRequest } from 'fastify';
import { AccessDenied, InputError } from '../records/errors.ts';
import type { Problem } from './errors.ts';
import { fieldSentence, refusalSentence } from './forms.ts';
import { UnstorableText } from './unstorable-text.ts';
import { humanise } from './views.ts';

export interface ErrorLink {
  href: string;
  text: string;
}

export interface ErrorWords {
  title: string;
  paragraphs: string[];
  links: ErrorLink[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What to tell a person whose address for this route is malformed (e.g. a link cut short). */
    addressProblem?: string;
  }
}

const START: ErrorLink = { href: '/', text: 'Go to the start' };
/** For an address longer than the server reads (414, 431): no request exists to judge. */
export const ADDRESS_TOO_LONG: ErrorWords = {
  title: 'This web address is too long',
  paragraphs: [
    'The address is longer than this service can read. If you copied it, check you copied only the address, or go to the start.',
  ],
  links: [START],
};
const STAFF_SIGN_IN: ErrorLink = { href: '/staff/sign-in', text: 'Staff sign in' };
const PORTAL_SIGN_IN: ErrorLink = { href: '/portal/sign-in', text: 'Sign in to your account' };
/** Portal forms a person uses before signing in: an expired one is not a lost session. */
const PORTAL_PUBLIC = /^\/portal\/(sign-in|register|verify)(\/|\?|$)/;

const path = (request: FastifyRequest) => request.url.split('?')[0]!;
const inPortal = (request: FastifyRequest) => /^\/portal(\/|$)/.test(path(request));
const inStaff = (request: FastifyRequest) => /^\/staff(\/|$)/.test(path(request));
const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);
const code = (error: unknown) => String((error as FastifyError | undefined)?.code ?? '');

/** "the person id must be a UUID" says nothing to a person; an id that is cut short or mistyped does. */
function addressIssue(field: string, message: string | undefined): string {
  const id = /^the (.+) id must be a UUID$/.exec(message ?? '');
  if (id) return `the ${id[1]} id in it is incomplete or mistyped`;
  const words = fieldSentence(field, message);
  return words.charAt(0).toLowerCase() + words.slice(1);
}

function validationWords(error: FastifyError, request: FastifyRequest): ErrorWords {
  const context = error.validationContext ?? 'body';
  const issues = error.validation ?? [];
  const field = (i: (typeof issues)[number]) => i.instancePath.split('/').filter(Boolean)[0] ?? context;
  if (context === 'params' || context === 'querystring') {
    const own = request.routeOptions?.config?.addressProblem;
    const said = [...new Set(issues.map((i) => addressIssue(field(i), i.message)))];
    return {
      title: 'There is a problem with this address',
      paragraphs: own
        ? [own]
        : [
            sentence(`This address is not right: ${said.join('; ') || 'part of it is incomplete'}`),
            'If you typed or copied the web address, check it is complete and correct.',
          ],
      links: [START],
    };
  }
  const said = [...new Set(issues.map((i) => sentence(fieldSentence(field(i), i.message))))];
  return { title: 'There is a problem', paragraphs: said, links: [] };
}

/** A NUL character in what was sent: name the field, never show the value. */
function unstorableWords(error: UnstorableText): ErrorWords {
  const label = humanise(error.path[0] ?? 'form');
  if (error.part === 'body')
    return {
      title: 'There is a problem',
      paragraphs: [`${label} ${error.reason}. Go back, take it out and try again.`],
      links: [],
    };
  return {
    title: 'There is a problem with this address',
    paragraphs: [
      sentence(`This address is not right: the ${label.toLowerCase()} in it ${error.reason}`),
      'If you typed or copied the web address, check it is complete and correct.',
    ],
    links: [START],
  };
}

function signInWords(p: Problem, request: FastifyRequest): ErrorWords {
  const links = inPortal(request)
    ? [PORTAL_SIGN_IN]
    : inStaff(request)
      ? [STAFF_SIGN_IN]
      : [STAFF_SIGN_IN, PORTAL_SIGN_IN];
  // A form sent after the session ended: say that what was typed is lost, not just "sign in".
  const paragraphs =
    request.method === 'POST'
      ? ['You have been signed out, so what you entered was not sent. Sign in again and try again.']
      : [sentence(p.message)];
  return { title: 'You need to sign in', paragraphs, links };
}

function expiredFormWords(request: FastifyRequest): ErrorWords {
  const title = 'This form has expired';
  const sessionGone = inPortal(request) && !request.visitor?.resident && !PORTAL_PUBLIC.test(request.url);
  if (sessionGone)
    return {
      title,
      paragraphs: [
        'You have been signed out, so what you entered was not sent. Sign in again and try again.',
      ],
      links: [{ href: '/portal/sign-in', text: 'Sign in again' }],
    };
  return {
    title,
    paragraphs: [
      'What you entered was not sent, to keep your account safe. Go back, reload the page and try again.',
    ],
    links: [],
  };
}

/** The title, sentences and links for the page that answers `error` (already judged as `p`). */
export function errorWords(error: unknown, p: Problem, request: FastifyRequest): ErrorWords {
  const e = error as FastifyError;
  if (error instanceof UnstorableText) return unstorableWords(error);
  if (p.statusCode === 400 && (e?.validation || e?.validationContext)) return validationWords(e, request);
  if (p.statusCode === 401) return signInWords(p, request);
  if (code(error).startsWith('FST_CSRF')) return expiredFormWords(request);
  if (p.statusCode === 403)
    return {
      title: 'You cannot see this page',
      paragraphs: [sentence(error instanceof AccessDenied ? refusalSentence(error) : p.message)],
      links: [],
    };
  if (p.statusCode === 404)
    return {
      title: 'Page not found',
      paragraphs: ['If you typed the web address, check it is correct.'],
      links: [START],
    };
  if (p.statusCode === 405)
    return {
      title: 'This page cannot be used that way',
      paragraphs: ['Nothing was changed. Go back, reload the page and try again.'],
      links: [START],
    };
  if (p.statusCode === 413)
    return {
      title: 'Too much was sent',
      paragraphs: [
        'The form had more in it than this service can take, so nothing was saved. Go back, shorten your longest answers and try again.',
      ],
      links: [],
    };
  if (p.statusCode === 414 || p.statusCode === 431) return ADDRESS_TOO_LONG;
  if (p.statusCode === 429)
    return { title: 'Too many attempts', paragraphs: [sentence(p.message)], links: [] };
  if (p.statusCode >= 500)
    return { title: 'Sorry, there is a problem with the service', paragraphs: [p.message], links: [] };
  if (error instanceof InputError)
    return { title: 'There is a problem', paragraphs: [sentence(refusalSentence(error))], links: [] };
  // Fastify's own refusals (a body that is not a form, a method the page does not take) speak to
  // developers; a person only needs to know the form could not be read.
  if (code(error).startsWith('FST_'))
    return {
      title: 'There is a problem',
      paragraphs: ['What was sent could not be read. Go back, reload the page and try again.'],
      links: [],
    };
  return { title: 'There is a problem', paragraphs: [sentence(p.message)], links: [] };
}
