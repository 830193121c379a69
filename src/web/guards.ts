/**
 * Route guards, run as onRequest hooks (before a body is even parsed, so a request without the
 * right credentials gets 401 or 403 before any 400): who may use a route is declared on it. Staff routes
 * say which purpose (if any) the person's roles must grant under the manifest; without a session
 * the answer is 401, without the grant 403. The gate still judges every record behind the route.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateApiKey } from './auth/api-keys.ts';
import { staffPurposes } from './auth/staff-accounts.ts';
import type { WebContext } from './context.ts';
import { HttpError } from './errors.ts';

export type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export interface StaffRule {
  /** A purpose the person's roles must grant; 'rights' means the rights purpose (options). */
  purpose?: string | 'rights';
  /** Only staff, not third parties (contractors). */
  staffOnly?: boolean;
}

export function requireStaff(ctx: WebContext, rule: StaffRule = {}): Guard {
  const purpose = rule.purpose === 'rights' ? ctx.options.rightsPurpose : rule.purpose;
  return async (request: FastifyRequest) => {
    const staff = request.visitor.staff;
    if (!staff) throw new HttpError(401, 'Sign in as a member of staff to use this page.');
    if (rule.staffOnly && staff.kind !== 'staff') throw new HttpError(403, 'This page is for staff only.');
    if (purpose && !staffPurposes(ctx.manifest, staff).includes(purpose))
      throw new HttpError(403, 'None of your roles may do this under the privacy manifest.');
  };
}

export function requireResident(): Guard {
  return async (request: FastifyRequest) => {
    if (!request.visitor.resident) throw new HttpError(401, 'Sign in to your account to use this page.');
  };
}

/** A staff member who has given their password and still owes their code. */
export function requirePendingStaff(): Guard {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.visitor.staff) return reply.redirect('/staff', 303);
    if (!request.visitor.pendingStaffId)
      throw new HttpError(401, 'Sign in with your username and password first.');
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
