/**
 * "Who has seen your information" in the portal: the person's own access history
 * (rights/sar/access-history.ts), one line a day, who by kind and never by name, their own use
 * counted in one sentence, and the work on their requests in a section of its own.
 */
import { HISTORY_MONTHS, readAccessHistory } from '../../rights/sar/access-history.ts';
import { requireResident } from '../guards.ts';
import { PAGE, type RouteModule } from './module.ts';
import { residentCall } from './portal.ts';

/** "You used your online account 3 times": the person's own use, in one sentence. */
export function ownUseWords(own: number): string {
  const times = own === 1 ? 'once' : `${own} times`;
  return `You used your own online account ${times} in this time, including opening this page. We have not listed those.`;
}

export const portalAccessRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/portal/who-has-seen-your-information',
    { schema: PAGE, onRequest: requireResident() },
    async (request, reply) => {
      const account = request.visitor.resident!;
      const history = await readAccessHistory(ctx.store, residentCall(ctx, account), account.personId);
      return reply.page('pages/portal/who-has-seen.njk', {
        title: 'Who has seen your information',
        ...history,
        months: HISTORY_MONTHS,
        ownUse: ownUseWords(history.summary.own),
      });
    },
  );
};
