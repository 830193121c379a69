/**
 * Route guards, run as onRequest hooks (before a body is even parsed, so a request without the
 * right credentials gets 401 or 403 before any 400): who may use a route is declared on it. Staff routes
 * say which purpose (if any) the person's roles must grant under the manifest; without a session
 * the answer is 401, without the grant 403. The gate still judges every record behind the route.
 *
 * A browser opening a page (GET, asking for HTML) without the session it needs is sent to the
 * right sign-in page instead (303): the 401 page would only offer it a link there. A form post, the
 * API and any client not asking for HTML still get the 401.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateApiKey } from './auth/api-keys.ts';
import { staffPurposes } from './auth/staff-accounts.ts';
import type { WebContext } from './context.ts';
import { HttpError, wantsJson } from './errors.ts';

export type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export interface StaffRule {
  /** A purpose the person's roles must grant; 'rights' means the rights purpose (options). */
  purpose?: string | 'rights';
  /** Only staff, not third parties (contractors). */
  staffOnly?: boolean;
}

const STAFF_SIGN_IN = '/staff/sign-in';
const PORTAL_SIGN_IN = '/portal/sign-in';

/** A browser navigating to a page: it can follow a redirect to a sign-in form. */
const opensPage = (request: FastifyRequest) =>
  (request.method === 'GET' || request.method === 'HEAD') &&
  !wantsJson(request) &&
  /\btext\/html\b/.test(request.headers.accept ?? '');

/** Send a browser to sign in, or refuse with 401 and the words for anything else. */
function signInFirst(request: FastifyRequest, reply: FastifyReply, to: string, message: string) {
  if (opensPage(request)) return reply.redirect(to, 303);
  throw new HttpError(401, message);
}

export function requireStaff(ctx: WebContext, rule: StaffRule = {}): Guard {
  const purpose = rule.purpose === 'rights' ? ctx.options.rightsPurpose : rule.purpose;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const staff = request.visitor.staff;
    if (!staff)
      return signInFirst(request, reply, STAFF_SIGN_IN, 'Sign in as a member of staff to use this page.');
    if (rule.staffOnly && staff.kind !== 'staff') throw new HttpError(403, 'This page is for staff only.');
    if (purpose && !staffPurposes(ctx.manifest, staff).includes(purpose))
      throw new HttpError(403, 'None of your roles may do this under the privacy manifest.');
  };
}

export function requireResident(): Guard {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.visitor.resident)
      return signInFirst(request, reply, PORTAL_SIGN_IN, 'Sign in to your account to use this page.');
  };
}

/** A staff member who has given their password and still owes their code. */
export function requirePendingStaff(): Guard {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.visitor.staff) return reply.redirect('/staff', 303);
    if (!request.visitor.pendingStaffId)
      return signInFirst(request, reply, STAFF_SIGN_IN, 'Sign in with your username and password first.');
  };
}

/** "Authorization: Bearer ck.…": the service account behind a live key, for the API. */
export function requireApiKey(ctx: WebContext): Guard {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization ?? '';
    const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const account = key ? await authenticateApiKey(ctx.store.db, key) : undefined;
    if (!account || account.controllerId !== ctx.controllerId) {
      reply.header('www-authenticate', 'Bearer');
      throw new HttpError(401, 'a valid API key is required (Authorization: Bearer …)');
    }
    request.service = account;
  };
}
