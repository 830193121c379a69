/**
 * Who is asking: loaded once per request from the session cookie (one query by primary key, the
 * account joined to the session, and none at all for anonymous visitors), and attached to the
 * request for guards, routes and the layout.
 */
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/decide.ts';
import type { ServiceAccount } from './auth/api-keys.ts';
import type { ResidentAccount } from './auth/resident-accounts.ts';
import { loadSignedIn, SESSION_COOKIE, type Session } from './auth/sessions.ts';
import { staffActor, type StaffAccount } from './auth/staff-accounts.ts';
import type { WebContext } from './context.ts';

export interface Visitor {
  session?: Session;
  /** A staff member who has passed both factors. */
  staff?: StaffAccount;
  /** A staff member who has given their password but not yet their code. */
  pendingStaffId?: string;
  resident?: ResidentAccount;
}

declare module 'fastify' {
  interface FastifyRequest {
    visitor: Visitor;
    /** Set by the API key guard. */
    service?: ServiceAccount;
  }
}

export async function loadVisitor(ctx: WebContext, request: FastifyRequest): Promise<Visitor> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return {};
  const signedIn = await loadSignedIn(ctx.store.db, token, ctx.store.now(), {
    staff: ctx.options.staffSessions,
    resident: ctx.options.residentSessions,
  });
  if (!signedIn || signedIn.session.controllerId !== ctx.controllerId) return {};
  const { session, staff, resident } = signedIn;
  if (session.accountKind === 'staff') {
    if (session.stage === 'mfa') return { session, pendingStaffId: session.accountId };
    return staff ? { session, staff } : {};
  }
  return resident ? { session, resident } : {};
}

export const actorOf = (visitor: Visitor): Actor | undefined =>
  visitor.staff ? staffActor(visitor.staff) : undefined;
