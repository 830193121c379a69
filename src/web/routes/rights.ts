/**
 * Rights requests for the staff who handle them: every request whose clock is running, by
 * deadline, red (overdue), amber (due within five working days) or green, from the rights
 * module's lists and the statutory clock.
 */
import { ragStatus, type Rag } from '../../rights/clock/index.ts';
import { deadlineLists, type ListedRequest } from '../../rights/requests/index.ts';
import type { WebContext } from '../context.ts';
import { requireStaff } from '../guards.ts';
import { PAGE, type RouteModule } from './module.ts';

/**
 * Every request whose clock runs, with its RAG status. The lists give the overdue ones and those due
 * within a window; a window of half a year of working days takes in every running request (an
 * extended one is due at most three months after receipt), and RAG is then judged with the
 * clock's own warning period.
 */
async function runningRequests(
  ctx: WebContext,
): Promise<{ today: string; requests: (ListedRequest & { rag: Rag })[] }> {
  const lists = await deadlineLists(ctx.store, ctx.controllerId, { withinWorkingDays: 130 });
  const requests = [...lists.overdue, ...lists.dueSoon]
    .map((r) => ({ ...r, rag: ragStatus(r.due, lists.today, r.jurisdiction) }))
    .sort((a, b) => a.due.localeCompare(b.due) || a.receivedOn.localeCompare(b.receivedOn));
  return { today: lists.today, requests };
}

export async function rightsSummary(ctx: WebContext): Promise<Record<Rag, number>> {
  const { requests } = await runningRequests(ctx);
  const counts: Record<Rag, number> = { red: 0, amber: 0, green: 0 };
  for (const r of requests) counts[r.rag] += 1;
  return counts;
}

const RAG_WORDS: Record<Rag, { text: string; classes: string }> = {
  red: { text: 'Overdue', classes: 'govuk-tag--red' },
  amber: { text: 'Due soon', classes: 'govuk-tag--yellow' },
  green: { text: 'On time', classes: 'govuk-tag--green' },
};

export const rightsRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/staff/requests',
    { schema: PAGE, onRequest: requireStaff(ctx, { purpose: 'rights', staffOnly: true }) },
    async (_request, reply) => {
      const { today, requests } = await runningRequests(ctx);
      return reply.page('pages/staff/requests.njk', {
        title: 'Rights requests by deadline',
        today,
        purpose: ctx.options.rightsPurpose,
        requests: requests.map((r) => ({ ...r, tag: RAG_WORDS[r.rag] })),
      });
    },
  );
};
