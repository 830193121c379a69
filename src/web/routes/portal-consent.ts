/**
 * The portal's consent pages: what the resident has agreed to, giving and withdrawing (one button
 * each, the same form, so withdrawing is exactly as easy as giving, and it takes effect at once
 * because the gate reads the ledger on its next decision), the consent receipt (ISO/IEC TS 27560
 * JSON and a readable page, as downloads), and the representatives on the register for them.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  asksForConsent,
  consentHistory,
  consentReceipt,
  giveConsent,
  withdrawConsent,
} from '../../consent/index.ts';
import { STATE_WORDS } from '../../consent/vocabulary.ts';
import { AccessDenied, InputError } from '../../records/errors.ts';
import { addRepresentative, listRepresentatives } from '../../rights/representatives/index.ts';
import { REPRESENTATIVE_KINDS } from '../../rights/representatives/vocabulary.ts';
import { ukDate as isoDay } from '../../rights/requests/input.ts';
import type { ResidentAccount } from '../auth/resident-accounts.ts';
import type { WebContext } from '../context.ts';
import { echo, form, formError, formErrors, refusalSentence, required, type FormErrors } from '../forms.ts';
import { requireResident } from '../guards.ts';
import { humanise } from '../views.ts';
import { PAGE, type RouteModule } from './module.ts';
import { residentCall } from './portal.ts';
import { noticeChangeRoutes } from './portal-consent-notice.ts';

const Choice = form({
  activity: required('Select what you are choosing about', 80),
  choice: z.enum(['give', 'withdraw'], { error: 'Choose to give or withdraw consent' }),
});

const Done = z.object({ changed: z.string().max(80).optional() });

const NewRepresentative = form({
  name: required('Enter the name of the person who will act for you', 120),
  kind: z.enum(REPRESENTATIVE_KINDS, { error: 'Select who they are' }),
  scope: z.enum(['withdraw-consent', 'access', 'all'], { error: 'Select what they may do for you' }),
});

/** Activities people can consent to, with their state for this resident. */
async function consentRows(ctx: WebContext, account: ResidentAccount) {
  const history = await consentHistory(ctx.store, residentCall(ctx, account), account.personId);
  return ctx.manifest.activities.filter(asksForConsent).map((a) => {
    const h = history.find((c) => c.activityId === a.id);
    const last = h?.events.at(-1);
    return {
      id: a.id,
      name: a.name,
      purpose: a.purpose,
      inForce: h?.inForce ?? false,
      state: h ? STATE_WORDS[h.state] : 'Not asked yet',
      since: last ? last.at : undefined,
      withdrawal: a.lawfulBases.find((b) => 'withdrawal' in b && b.withdrawal)?.withdrawal,
    };
  });
}

async function representativeRows(ctx: WebContext, account: ResidentAccount) {
  const views = await listRepresentatives(
    ctx.store,
    residentCall(ctx, account),
    account.controllerId,
    account.personId,
  );
  return views.map((v) => ({
    name: 'name' in v.agent ? v.agent.name : 'Another person on our records',
    kind: humanise(v.kind),
    scope: v.scope.map((s) => (s === 'all' ? 'everything' : humanise(s).toLowerCase())).join(', '),
    from: v.startsOn,
    until: v.ended?.on ?? v.expiresOn,
    evidence: v.evidence !== null,
  }));
}

const refusal = (error: unknown, field: string): FormErrors | undefined =>
  error instanceof InputError || error instanceof AccessDenied
    ? formError(field, refusalSentence(error))
    : undefined;

export const portalConsentRoutes: RouteModule = async (app, ctx) => {
  const guard = requireResident();
  const page = async (reply: FastifyReply, account: ResidentAccount, extra: Record<string, unknown> = {}) =>
    reply.page('pages/consent/portal-consents.njk', {
      title: 'Your consents',
      consents: await consentRows(ctx, account),
      ...extra,
    });

  app.get(
    '/portal/consents',
    { schema: { ...PAGE, querystring: Done }, onRequest: guard },
    async (request, reply) => {
      const account = request.visitor.resident!;
      const changed = ctx.manifest.activities.find((a) => a.id === request.query.changed);
      return page(reply, account, { changed: changed?.name });
    },
  );

  app.post(
    '/portal/consents',
    {
      schema: { ...PAGE, body: Choice },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const account = request.visitor.resident!;
      const errors = formErrors(request);
      if (errors) return page(reply.code(400), account, { errors, values: echo(request.body) });
      const { activity, choice } = request.body;
      const act = choice === 'give' ? giveConsent : withdrawConsent;
      try {
        await act(ctx.store, residentCall(ctx, account), {
          personId: account.personId,
          activities: [activity],
          channel: 'portal',
        });
      } catch (error) {
        const e = refusal(error, 'activity');
        if (!e) throw error;
        return page(reply.code(400), account, { errors: e });
      }
      return reply.redirect(`/portal/consents?changed=${encodeURIComponent(activity)}`, 303);
    },
  );

  app.get('/portal/consents/receipt.json', { schema: PAGE, onRequest: guard }, async (request, reply) => {
    const account = request.visitor.resident!;
    const receipt = await consentReceipt(ctx.store, residentCall(ctx, account), account.personId);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="consent-receipt.json"')
      .send(JSON.stringify(receipt.json, null, 2));
  });

  app.get('/portal/consents/receipt.html', { schema: PAGE, onRequest: guard }, async (request, reply) => {
    const account = request.visitor.resident!;
    const receipt = await consentReceipt(ctx.store, residentCall(ctx, account), account.personId);
    // A self-contained page (its own styles) to keep: a download, not a page of this site.
    return reply
      .type('text/html; charset=utf-8')
      .header('content-disposition', 'attachment; filename="consent-receipt.html"')
      .send(receipt.html);
  });

  const repsPage = async (
    reply: FastifyReply,
    account: ResidentAccount,
    extra: Record<string, unknown> = {},
  ) =>
    reply.page('pages/consent/portal-representatives.njk', {
      title: 'People who act for you',
      representatives: await representativeRows(ctx, account),
      kinds: REPRESENTATIVE_KINDS.map((k) => ({ value: k, text: humanise(k) })),
      ...extra,
    });

  app.get('/portal/representatives', { schema: PAGE, onRequest: guard }, async (request, reply) =>
    repsPage(reply, request.visitor.resident!),
  );

  app.post(
    '/portal/representatives',
    {
      schema: { ...PAGE, body: NewRepresentative },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const account = request.visitor.resident!;
      const values = echo(request.body);
      const errors = formErrors(request);
      if (errors) return repsPage(reply.code(400), account, { errors, values });
      const { name, kind, scope } = request.body;
      try {
        // Naming someone to act for you is using your own rights: the gate lets the person do it
        // themself, about themself only (decide.ts).
        await addRepresentative(ctx.store, residentCall(ctx, account), {
          controllerId: account.controllerId,
          personId: account.personId,
          agent: { name },
          kind,
          scope: [scope],
          // The resident's own say-so, made in the portal while signed in: that is the evidence.
          evidence: { kind: 'written-authority', reference: `portal ${isoDay(ctx.store.now())}` },
          startsOn: isoDay(ctx.store.now()),
        });
      } catch (error) {
        const e = refusal(error, 'name');
        if (!e) throw error;
        return repsPage(reply.code(400), account, { errors: e, values });
      }
      return reply.redirect('/portal/representatives', 303);
    },
  );

  await noticeChangeRoutes(app, ctx);
};
