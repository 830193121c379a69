/**
 * Rights in the residents' portal: make a request for any right (received today, so the clock
 * starts today), track each one (status, deadline, what happens next), download a released subject
 * access pack, read the answer to an erasure request, and take a copy of the data they gave us
 * (portability). Everything is done as the person: the gate lets people read their own data and
 * use their own rights (a request is judged as creating on their own details for the rights
 * purpose), and nothing about anyone else.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AccessDenied, NotFound } from '../../records/errors.ts';
import { erasureLetter, readPlan } from '../../rights/erasure/index.ts';
import { exportPortable } from '../../rights/portability/index.ts';
import {
  createRequest,
  readRequest,
  requestsOf,
  RIGHTS,
  type RequestView,
} from '../../rights/requests/index.ts';
import { ukDate } from '../../rights/requests/input.ts';
import { PackNotAsReleased, releasedPack, releaseOf, reviewHidesWords } from '../../rights/review/index.ts';
import { HttpError } from '../errors.ts';
import { checkedList, echo, form, formError, formErrors, type FormErrors } from '../forms.ts';
import { requireResident } from '../guards.ts';
import { ukDate as longDate } from '../views.ts';
import { PAGE, type RouteModule } from './module.ts';
import { residentCall } from './portal.ts';
import { objectionChoices, objectionProblem, objectionWording, ticked } from './portal-objection.ts';
import { latestPlanId, RequestParams } from './rights-shared.ts';

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
  wording: z.string().max(4000, 'Your request must be 4,000 characters or fewer').optional(),
  /** For an objection: the uses of their information the person objects to. */
  uses: checkedList.pipe(z.array(z.string().max(100)).max(50)),
});

/** Once answered (or ended) there is no date to reply by, so the page says nothing of one. */
const ANSWERED: readonly RequestView['status'][] = ['completed', 'refused', 'withdrawn', 'closed'];

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
    const requests = await requestsOf(
      ctx.store,
      residentCall(ctx, account),
      account.controllerId,
      account.personId,
    );
    return reply.page('pages/portal-rights/requests.njk', {
      title: 'Your requests',
      requests: requests.map((r) => ({ ...r, words: RIGHT_WORDS[r.right] })),
    });
  });

  const rightItems = (checked?: string) =>
    RIGHTS.map((r) => ({ value: r, ...RIGHT_WORDS[r], checked: r === checked }));

  const NEW_TITLE = 'Make a request about your information';
  const usesFor = (request: FastifyRequest) =>
    objectionChoices(ctx, residentCall(ctx, request.visitor.resident!), request.visitor.resident!.personId);

  app.get('/portal/requests/new', { schema: PAGE, onRequest: guard }, async (request, reply) =>
    reply.page('pages/portal-rights/new.njk', {
      title: NEW_TITLE,
      rights: rightItems(),
      uses: await usesFor(request),
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
      const uses = await usesFor(request);
      const again = (errors: FormErrors) => {
        const values = echo(request.body);
        const picked = request.validationError ? [] : request.body.uses;
        return reply.code(400).page('pages/portal-rights/new.njk', {
          title: NEW_TITLE,
          errors,
          values,
          rights: rightItems(values.right),
          uses: ticked(uses, picked),
        });
      };
      const schemaErrors = formErrors(request);
      if (schemaErrors) return again(schemaErrors);
      const objecting = request.body.right === 'objection';
      const words = request.body.wording?.trim() || undefined;
      const problem = objecting
        ? objectionProblem(uses, request.body.uses, words)
        : request.body.uses.length
          ? formError('uses', 'Uses to object to are only for an objection: select that, or untick them')
          : undefined;
      if (problem) return again(problem);
      const account = request.visitor.resident!;
      const created = await createRequest(ctx.store, residentCall(ctx, account), {
        controllerId: account.controllerId,
        personId: account.personId,
        right: request.body.right,
        channel: 'portal',
        receivedOn: ukDate(ctx.store.now()),
        wording: objecting ? objectionWording(uses, request.body.uses, words) : words,
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
      const released = view.right === 'access' ? await releaseOf(ctx.store.db, view.id) : undefined;
      const planId = view.right === 'erasure' ? await latestPlanId(ctx.store.db, view.id) : undefined;
      const plan = planId ? await readPlan(ctx.store, residentCall(ctx, account), planId) : undefined;
      const executed = plan?.status === 'executed' ? plan : undefined;
      const refusal = [...view.events].reverse().find((e) => e.to === 'refused');
      return reply.page('pages/portal-rights/request.njk', {
        title: RIGHT_WORDS[view.right].text,
        request: view,
        answered: ANSWERED.includes(view.status),
        next: nextStep(view),
        released,
        hidesWords: released ? await reviewHidesWords(ctx.store.db, released.reviewId) : false,
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
      const pack = await releasedPack(ctx.store, residentCall(ctx, request.visitor.resident!), view.id).catch(
        (error: unknown) => {
          if (error instanceof NotFound)
            throw new HttpError(404, 'This request has no pack to download yet.');
          if (error instanceof PackNotAsReleased && error.why === 'earlier-version')
            throw new HttpError(
              409,
              'Your pack was made by an earlier version of our system and cannot be downloaded again exactly as it was sent. Contact us and we will review your information and send you a new copy.',
            );
          if (error instanceof PackNotAsReleased)
            throw new HttpError(
              409,
              'Some of this information has changed since your pack was sent. Contact us and we will send you an up-to-date copy.',
            );
          throw error;
        },
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
