/**
 * Contractors' jobs: a contractor (an account whose role is scoped to jobs assigned to it) sees
 * the jobs assigned to them that are still open, with only the fields their role declares, from
 * the records module's gated list. A closed job is gone from the page at once.
 */
import { lookup, staffNameOf } from '../../manifest/lookup.ts';
import { listAssignedJobs } from '../../records/jobs.ts';
import { staffActor } from '../auth/staff-accounts.ts';
import { HttpError } from '../errors.ts';
import { requireStaff } from '../guards.ts';
import { jobPurposes } from '../job-purposes.ts';
import { humanise } from '../views.ts';
import { PAGE, type RouteModule } from './module.ts';

export { jobPurposes };

export const contractorRoutes: RouteModule = (app, ctx) => {
  const guard = requireStaff(ctx);
  app.get('/staff/jobs', { schema: PAGE, onRequest: guard }, async (request, reply) => {
    const staff = request.visitor.staff!;
    const purposes = jobPurposes(ctx, staff);
    if (purposes.length === 0)
      throw new HttpError(403, 'This page is for contractors: none of your roles is given jobs.');
    const l = lookup(ctx.manifest);
    const groups = [];
    for (const purpose of purposes) {
      const jobs = await listAssignedJobs(ctx.store, { actor: staffActor(staff), purpose, channel: 'web' });
      groups.push({
        purpose: staffNameOf(l.activities.get(purpose)!),
        jobs: jobs.map((j) => ({
          ...j,
          typeName: l.recordTypes.get(j.recordType)?.name ?? humanise(j.recordType),
          personRows: rows(j.person),
          fieldRows: rows(j.fields),
        })),
      });
    }
    return reply.page('pages/contractor/jobs.njk', {
      title: 'Your jobs',
      groups,
      total: groups.reduce((n, g) => n + g.jobs.length, 0),
    });
  });
};

const rows = (values: Record<string, unknown>) =>
  Object.entries(values)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => ({ key: { text: humanise(k) }, value: { text: String(v) } }));
