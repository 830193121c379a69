/** The staff home page: who you are, what your roles let you do, and the ways in. */
import { lookup, staffNameOf } from '../../manifest/lookup.ts';
import { staffPurposes } from '../auth/staff-accounts.ts';
import { requireStaff } from '../guards.ts';
import { rightsSummary } from './rights.ts';
import { breachPanel } from './breaches-view.ts';
import { retentionDuePanel } from './retention-shared.ts';
import { jobPurposes } from './contractor.ts';
import { PAGE, type RouteModule } from './module.ts';

export const staffHomeRoutes: RouteModule = (app, ctx) => {
  app.get('/staff', { schema: PAGE, onRequest: requireStaff(ctx) }, async (request, reply) => {
    const staff = request.visitor.staff!;
    const l = lookup(ctx.manifest);
    const purposes = staffPurposes(ctx.manifest, staff);
    const handlesRights = purposes.includes(ctx.options.rightsPurpose);
    return reply.page('pages/staff/home.njk', {
      title: 'Staff home',
      staff,
      roles: staff.roles.map((id) => l.roles.get(id)?.name ?? id),
      purposes: purposes.map((id) => staffNameOf(l.activities.get(id)!)),
      rights: handlesRights ? await rightsSummary(ctx) : undefined,
      breachPanel: await breachPanel(ctx, staff),
      retentionDue: await retentionDuePanel(ctx, staff),
      jobsLink: jobPurposes(ctx, staff).length > 0,
      // The DPO (who handles rights) answers for how the deployment keeps keys apart from data.
      deploymentWarnings: handlesRights && staff.kind === 'staff' ? ctx.options.deploymentWarnings : [],
    });
  });
};
