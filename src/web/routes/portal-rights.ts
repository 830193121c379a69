/**
 * Rights in the residents' portal: make a request for any right (received today, so the clock
 * starts today), track each one (status, deadline, what happens next), download a released subject
 * access pack, read the answer to an erasure request, and take a copy of the data they gave us
 * (portability). Reads are made as the person (the gate lets people read their own data); what a
 * person may not do through the gate themselves, recording a request or reading the plan for it,
 * is done as the portal, a system actor named by the account, after checking the request is theirs.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AccessDenied, NotFound } from '../../records/errors.ts';
import type { Call } from '../../records/store.ts';
import { erasureLetter, readPlan } from '../../rights/erasure/index.ts';
import { exportPortable } from '../../rights/portability/index.ts';
import { createRequest, readRequest, RIGHTS, type RequestView } from '../../rights/requests/index.ts';
import { ukDate } from '../../rights/requests/input.ts';
import type { ResidentAccount } from '../auth/resident-accounts.ts';
import type { WebContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { echo, form, formErrors } from '../forms.ts';
import { requireResident } from '../guards.ts';
import { ukDate as longDate } from '../views.ts';
import { PAGE, type RouteModule } from './module.ts';
import { residentCall } from './portal.ts';
import { rebuildReleasedPack, releasedReview } from './portal-rights-pack.ts';
import { latestPlanId, RequestParams } from './rights-shared.ts';

/** The portal acting for a signed-in person where the gate lets only staff or the system act. */
export const portalCall = (ctx: WebContext, account: ResidentAccount): Call => ({
  actor: { id: `portal:${account.id}`, kind: 'system', controllerId: account.controllerId, roles: [] },
  purpose: ctx.options.rightsPurpose,
  channel: 'portal',
});

export const RIGHT_WORDS: Record<(typeof RIGHTS)[number], { text: string; hint: string }> = {
  access: {
    text: 'See the information we hold about you',
    hint: 'A copy of your information (subject access)',
  },
  rectification: { text: 'Correct information that is wrong', hint: 'Tell us what is wrong below' },
  erasure: {
    text: 'Delete your information',
    hint: 'We will tell you what we delete and anything we must keep, with reasons',
  },
  restriction: { text: 'Limit how we use your information', hint: 'For example while we check it is right' },
  objection: { text: 'Object to how we use your information', hint: 'Including direct marketing' },
  portability: {
    text: 'Get your information to take elsewhere',
    hint: 'The information you gave us, as files',
  },
  'automated-decision': {
    text: 'Ask a person to review an automated decision',
    hint: 'A decision made by a computer about you',
  },
  'withdraw-consent': { text: 'Withdraw your consent', hint: 'Stop something you agreed to' },
};

const NewRequest = form({
  right: z.enum(RIGHTS, { error: 'Select what you want us to do' }),
  wording: z.string().max(4000, 'Your request must be 4000 characters or fewer').optional(),
});

/** What the person can expect next, in plain words, from the status. */
function nextStep(view: RequestView): string {
  switch (view.status) {
    case 'received':
    case 'in-progress':
      return `We are working on your request. We will reply by ${longDate(view.due.due)}.`;
    case 'awaiting-id':
      return 'We need to check who you are before we can go on. We have written to you about the proof we need.';
    case 'awaiting-authority':
      return 'We need proof that the person acting for you may do so.';
    case 'awaiting-clarification':
      return 'We have asked you to tell us more. The time we have to reply stops until you do.';
    case 'extended':
      return `We need more time because the request is complex. We will reply by ${longDate(view.due.due)}.`;
    case 'completed':
      return 'We have answered your request.';
    case 'refused':
      return 'We have refused your request. The reasons are below. You can complain to the Information Commissioner’s Office.';
    case 'withdrawn':
      return 'You withdrew this request.';
    default:
      return 'This request is closed.';
  }
}

export const portalRightsRoutes: RouteModule = (app, ctx) => {
  const guard = requireResident();

  /** The request, read as the person; someone else's request is not found. */
  async function ownRequest(request: FastifyRequest, requestId: string): Promise<RequestView> {
    const account = request.visitor.resident!;
    const view = await readRequest(ctx.store, residentCall(ctx, account), requestId).catch(
      (error: unknown) => {
        if (error instanceof AccessDenied || error instanceof NotFound)
          throw new HttpError(404, 'No such request.');
        throw error;
      },
    );
    if (view.personId !== account.personId) throw new HttpError(404, 'No such request.');
    return view;
  }

  app.get('/portal/requests', { schema: PAGE, onRequest: guard }, async (request, reply) => {
    const account = request.visitor.resident!;
    const rows = await ctx.store.db.query<{ id: string }>(
      'select id from rights_requests where person_id = $1 and controller_id = $2 order by received_on desc, created_at desc',
      [account.personId, account.controllerId],
    );
    const requests = [];
    for (const r of rows) requests.push(await readRequest(ctx.store, residentCall(ctx, account), r.id));
    return reply.page('pages/portal-rights/requests.njk', {
      title: 'Your requests',
      requests: requests.map((r) => ({ ...r, words: RIGHT_WORDS[r.right] })),
    });
  });

  const rightItems = (checked?: string) =>
    RIGHTS.map((r) => ({ value: r, ...RIGHT_WORDS[r], checked: r === checked }));

  app.get('/portal/requests/new', { schema: PAGE, onRequest: guard }, (_request, reply) =>
    reply.page('pages/portal-rights/new.njk', {
      title: 'Make a request about your information',
      rights: rightItems(),
    }),
  );

  app.post(
    '/portal/requests/new',
    {
      schema: { ...PAGE, body: NewRequest },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const errors = formErrors(request);
      if (errors)
        return reply.code(400).page('pages/portal-rights/new.njk', {
          title: 'Make a request about your information',
          errors,
          values: echo(request.body),
          rights: rightItems(echo(request.body).right),
        });
      const account = request.visitor.resident!;
      const created = await createRequest(ctx.store, portalCall(ctx, account), {
        controllerId: account.controllerId,
        personId: account.personId,
        right: request.body.right,
        channel: 'portal',
        receivedOn: ukDate(ctx.store.now()),
        wording: request.body.wording?.trim() || undefined,
      });
      return reply.redirect(`/portal/requests/${created.id}`, 303);
    },
  );

  app.get(
    '/portal/requests/:requestId',
    { schema: { ...PAGE, params: RequestParams }, onRequest: guard },
    async (request, reply) => {
      const view = await ownRequest(request, request.params.requestId);
      const account = request.visitor.resident!;
      const released = view.right === 'access' ? await releasedReview(ctx.store, view.id) : undefined;
      const planId = view.right === 'erasure' ? await latestPlanId(ctx.store.db, view.id) : undefined;
      const plan = planId ? await readPlan(ctx.store, portalCall(ctx, account), planId) : undefined;
      const executed = plan?.status === 'executed' ? plan : undefined;
      const refusal = [...view.events].reverse().find((e) => e.to === 'refused');
      return reply.page('pages/portal-rights/request.njk', {
        title: RIGHT_WORDS[view.right].text,
        request: view,
        next: nextStep(view),
        released,
        refusal,
        plan: executed,
        letter: executed ? erasureLetter(executed) : undefined,
      });
    },
  );

  app.get(
    '/portal/requests/:requestId/pack.zip',
    { schema: { ...PAGE, params: RequestParams }, onRequest: guard },
    async (request, reply) => {
      const view = await ownRequest(request, request.params.requestId);
      const account = request.visitor.resident!;
      const pack = await rebuildReleasedPack(
        ctx.store,
        portalCall(ctx, account),
        residentCall(ctx, account),
        view.id,
      );
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="your-information-${pack.releasedOn}.zip"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(pack.zip));
    },
  );

  app.get('/portal/portability', { schema: PAGE, onRequest: guard }, (_request, reply) =>
    reply.page('pages/portal-rights/portability.njk', { title: 'Take your information elsewhere' }),
  );

  const Format = z.object({ format: z.enum(['json', 'zip'], { error: 'the format must be json or zip' }) });
  app.get(
    '/portal/portability/your-data.:format',
    { schema: { ...PAGE, params: Format }, onRequest: guard },
    async (request, reply) => {
      const account = request.visitor.resident!;
      const data = await exportPortable(ctx.store, residentCall(ctx, account), account.personId);
      const json = request.params.format === 'json';
      return reply
        .header('content-type', json ? 'application/json; charset=utf-8' : 'application/zip')
        .header('content-disposition', `attachment; filename="your-data.${request.params.format}"`)
        .header('cache-control', 'no-store')
        .send(json ? data.json : Buffer.from(data.zip));
    },
  );
};
