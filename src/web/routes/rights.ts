/**
 * Rights requests for the staff who handle them, in three views: those whose clock is running, by
 * deadline, red (overdue), amber (due within five working days) or green; those waiting for the
 * person (proof of identity or authority, or an answer to a question), with what we wait for,
 * since when and what the clock gives when the wait ends; and those finished, with the outcome
 * and its day. A paused or finished request is never out of sight. The lists are the rights
 * module's, on the statutory clock.
 */
import { z } from 'zod';
import { ragStatus, type Rag } from '../../rights/clock/index.ts';
import {
  deadlineLists,
  finishedList,
  waitingCount,
  waitingList,
  type ListedRequest,
  type WaitingRequest,
} from '../../rights/requests/index.ts';
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

/** The staff home's counts: running requests by RAG, and those waiting for the person. */
export async function rightsSummary(ctx: WebContext): Promise<Record<Rag | 'waiting', number>> {
  const { requests } = await runningRequests(ctx);
  const counts = { red: 0, amber: 0, green: 0, waiting: await waitingCount(ctx.store, ctx.controllerId) };
  for (const r of requests) counts[r.rag] += 1;
  return counts;
}

const RAG_WORDS: Record<Rag, { text: string; classes: string }> = {
  red: { text: 'Overdue', classes: 'govuk-tag--red' },
  amber: { text: 'Due soon', classes: 'govuk-tag--yellow' },
  green: { text: 'On time', classes: 'govuk-tag--green' },
};

const WAITING_FOR: Record<WaitingRequest['status'], string> = {
  'awaiting-id': 'Proof of identity',
  'awaiting-authority': 'Proof of the representative’s authority',
  'awaiting-clarification': 'An answer to our question (the clock is stopped)',
};

/** What the clock gives when the wait ends, in words. */
function resumesText(r: WaitingRequest): string {
  if (r.resumes.kind === 'fresh-month') return 'A full month from the day it arrives';
  const { days } = r.resumes;
  if (days < 0) return `None: ${-days} day${days === -1 ? '' : 's'} overdue`;
  return `${days} day${days === 1 ? '' : 's'} left`;
}

/** The views, by the query's `show` (blank: the requests on the clock, as before the views existed). */
const VIEWS = [
  { id: 'running', text: 'On the clock' },
  { id: 'waiting', text: 'Waiting for the person' },
  { id: 'closed', text: 'Closed' },
] as const;
type View = (typeof VIEWS)[number]['id'];

const Show = z.object({
  show: z
    .enum(['', ...VIEWS.map((v) => v.id)] as ['', ...View[]], {
      error: 'show must be running, waiting or closed',
    })
    .optional(),
});

async function viewLocals(ctx: WebContext, view: View): Promise<Record<string, unknown>> {
  if (view === 'waiting') {
    const { today, requests } = await waitingList(ctx.store, ctx.controllerId);
    return {
      title: 'Rights requests waiting for the person',
      today,
      requests: requests.map((r) => ({
        ...r,
        waitingFor: WAITING_FOR[r.status],
        resumesText: resumesText(r),
      })),
    };
  }
  if (view === 'closed')
    return { title: 'Closed rights requests', requests: await finishedList(ctx.store, ctx.controllerId) };
  const { today, requests } = await runningRequests(ctx);
  return {
    title: 'Rights requests by deadline',
    today,
    requests: requests.map((r) => ({ ...r, tag: RAG_WORDS[r.rag] })),
  };
}

export const rightsRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/staff/requests',
    {
      schema: { ...PAGE, querystring: Show },
      onRequest: requireStaff(ctx, { purpose: 'rights', staffOnly: true }),
    },
    async (request, reply) => {
      const view: View = request.query.show || 'running';
      return reply.page('pages/staff/requests.njk', {
        view,
        views: VIEWS.map((v) => ({
          ...v,
          href: v.id === 'running' ? '/staff/requests' : `/staff/requests?show=${v.id}`,
          current: v.id === view,
        })),
        purpose: ctx.options.rightsPurpose,
        ...(await viewLocals(ctx, view)),
      });
    },
  );
};
