/**
 * The portal's page of who the resident's information goes to. Two kinds of sharing, each under
 * its own heading: the routine sharing the manifest declares for the uses of their kinds of
 * information (a monthly return to a credit reference agency, say), which is not logged one by
 * one; then the one-off disclosures recorded in the disclosure log, read through the gate as
 * themselves (audited). The sharing module leaves out entries withheld under the crime and
 * taxation exemption, and staff names and reasons, for the person themselves.
 */
import { supplementary } from '../../rights/sar/supplementary.ts';
import { disclosuresAbout } from '../../sharing/index.ts';
import { requireResident } from '../guards.ts';
import { PAGE, type RouteModule } from './module.ts';
import { residentCall } from './portal.ts';
import { yourActivities } from './portal-uses.ts';

export const portalSharingRoutes: RouteModule = (app, ctx) => {
  app.get('/portal/disclosures', { schema: PAGE, onRequest: requireResident() }, async (request, reply) => {
    const account = request.visitor.resident!;
    const call = residentCall(ctx, account);
    const uses = await yourActivities(ctx, call, account.personId);
    const routine = supplementary(
      ctx.manifest,
      uses.map((a) => a.id),
    ).activities.filter((a) => a.recipients.length > 0);
    const disclosures = await disclosuresAbout(ctx.store, call, account.personId);
    return reply.page('pages/sharing/portal-disclosures.njk', {
      title: 'Who we have shared your information with',
      routine,
      disclosures: disclosures.reverse(),
    });
  });
};
