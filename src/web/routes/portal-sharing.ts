/**
 * The portal's list of disclosures about the resident: who their information went to, when, on
 * what basis and which kinds of information, read through the gate as themselves (audited). The
 * sharing module leaves out entries withheld under the crime and taxation exemption, and staff
 * names and reasons, for the person themselves.
 */
import { disclosuresAbout } from '../../sharing/index.ts';
import { requireResident } from '../guards.ts';
import { PAGE, type RouteModule } from './module.ts';
import { residentCall } from './portal.ts';

export const portalSharingRoutes: RouteModule = (app, ctx) => {
  app.get('/portal/disclosures', { schema: PAGE, onRequest: requireResident() }, async (request, reply) => {
    const account = request.visitor.resident!;
    const disclosures = await disclosuresAbout(ctx.store, residentCall(ctx, account), account.personId);
    return reply.page('pages/sharing/portal-disclosures.njk', {
      title: 'Who we have shared your information with',
      disclosures: disclosures.reverse(),
    });
  });
};
