/**
 * The purposes under which a staff account is given jobs: those of its roles scoped to "assigned"
 * (contractors). Its own module so the navigation can ask without importing the routes.
 */
import { lookup } from '../manifest/lookup.ts';
import type { StaffAccount } from './auth/staff-accounts.ts';
import type { WebContext } from './context.ts';

export function jobPurposes(ctx: WebContext, staff: Pick<StaffAccount, 'roles' | 'kind'>): string[] {
  const roles = lookup(ctx.manifest).roles;
  const purposes = staff.roles.flatMap((id) => {
    const role = roles.get(id);
    return role && role.scope === 'assigned' && role.kind === staff.kind ? role.purposes : [];
  });
  return [...new Set(purposes)];
}
