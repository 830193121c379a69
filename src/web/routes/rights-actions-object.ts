/**
 * Objection (UK GDPR Art. 21) for staff: record an objection to an activity on legitimate interests
 * or public task, or to all direct marketing; see the objections in force; record compelling
 * legitimate grounds (or legal claims) that override one, with reasons (never for direct
 * marketing, Art. 21(3)); or record that the person withdrew it. The gate enforces an objection
 * in force at once; the objection module checks and audits each step.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { lookup } from '../../manifest/lookup.ts';
import type { Manifest } from '../../manifest/schema.ts';
import { NotFound } from '../../records/errors.ts';
import type { Call } from '../../records/store.ts';
import {
  groundFor,
  listObjections,
  overrideObjection,
  OVERRIDE_CODES,
  recordObjection,
  withdrawObjection,
} from '../../rights/objection/index.ts';
import type { WebContext } from '../context.ts';
import { form, required } from '../forms.ts';
import { PAGE, type RouteModule } from './module.ts';
import {
  act,
  actionPage,
  paramsWith,
  postOptions,
  requestFor,
  SUBJECT_PREFIXES,
  type PageExtra,
  type Subject,
} from './rights-actions-shared.ts';

/** The choice meaning "all direct marketing" rather than one activity. */
const ALL_MARKETING = 'all-direct-marketing';
const note = z.string().max(4000, 'This must be 4000 characters or fewer').optional();

const Record_ = form({
  activity: z
    .string({ error: 'Choose what the person objects to' })
    .regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'Choose what the person objects to'),
  note,
});
const Override = form({
  code: z.enum(OVERRIDE_CODES, { error: 'Choose the grounds that override the objection' }),
  grounds: required('Enter the grounds, as the person will be told them', 4000),
});
const Withdraw = form({ note });

export const OVERRIDES: Record<(typeof OVERRIDE_CODES)[number], string> = {
  'compelling-legitimate-grounds':
    'Compelling legitimate grounds that override the person’s interests, rights and freedoms (Art. 21(1))',
  'legal-claims': 'Needed to establish, exercise or defend legal claims (Art. 21(1))',
};

/** The activities a person may object to under the manifest, then all direct marketing. */
function choices(manifest: Manifest) {
  return [
    ...manifest.activities
      .filter((a) => groundFor(a))
      .map((a) => ({ value: a.id, text: a.name, hint: a.purpose })),
    {
      value: ALL_MARKETING,
      text: 'All direct marketing',
      hint: 'Every direct marketing activity, now and later',
    },
  ];
}

async function renderObjections(
  ctx: WebContext,
  call: Call,
  reply: FastifyReply,
  subject: Subject,
  extra: PageExtra = {},
) {
  const activities = lookup(ctx.manifest).activities;
  const objections = (await listObjections(ctx.store, call, subject.personId)).map((o) => ({
    ...o,
    what: o.activityId ? (activities.get(o.activityId)?.name ?? o.activityId) : 'All direct marketing',
  }));
  return reply.page('pages/rights-actions/objections.njk', {
    title: 'Objections',
    subject,
    choices: choices(ctx.manifest),
    overrides: OVERRIDE_CODES.map((code) => ({ value: code, text: OVERRIDES[code] })),
    inForce: objections.filter((o) => o.status === 'upheld'),
    settled: objections.filter((o) => o.status !== 'upheld'),
    ...extra,
  });
}

/** The objection must be this person's: a page for one person never settles another's. */
async function ofSubject(
  ctx: WebContext,
  call: Call,
  subject: Subject,
  objectionId: string,
): Promise<string> {
  const mine = await listObjections(ctx.store, call, subject.personId);
  if (!mine.some((o) => o.id === objectionId.toLowerCase())) throw new NotFound('the objection');
  return objectionId;
}

export const rightsActionsObjectRoutes: RouteModule = (app, ctx) => {
  const render = (call: Call, reply: FastifyReply, subject: Subject, extra?: PageExtra) =>
    renderObjections(ctx, call, reply, subject, extra);
  const page = (form: string, ids: Record<string, string>) => ({ render, path: 'objections', form, ids });

  actionPage(app, ctx, 'objections', render);
  for (const prefix of SUBJECT_PREFIXES) {
    const path = `${prefix.path}/objections`;

    app.post(
      path,
      { schema: { ...PAGE, params: prefix.params, body: Record_ }, ...postOptions(app, ctx) },
      (request, reply) =>
        act(
          ctx,
          request,
          reply,
          page('record', {
            activity: 'activity',
            activityId: 'activity',
            note: 'note',
            personId: 'activity',
          }),
          (call, subject) => {
            const { activity, note: words } = request.body;
            return recordObjection(ctx.store, call, {
              personId: subject.personId,
              ...(activity === ALL_MARKETING ? { directMarketing: true } : { activityId: activity }),
              requestId: requestFor(subject, 'objection') ?? null,
              note: words?.trim() || undefined,
            });
          },
        ),
    );

    const one = paramsWith(prefix, 'objectionId', 'objection');
    app.post(
      `${path}/:objectionId/override`,
      { schema: { ...PAGE, params: one, body: Override }, ...postOptions(app, ctx) },
      (request, reply) => {
        const id = (request.params as { objectionId: string }).objectionId;
        const ids = {
          code: `override-${id}-code`,
          grounds: `override-${id}-grounds`,
          objectionId: `override-${id}-code`,
        };
        return act(ctx, request, reply, page(`override-${id}`, ids), async (call, subject) =>
          overrideObjection(ctx.store, call, await ofSubject(ctx, call, subject, id), {
            code: request.body.code,
            grounds: request.body.grounds,
          }),
        );
      },
    );

    app.post(
      `${path}/:objectionId/withdraw`,
      { schema: { ...PAGE, params: one, body: Withdraw }, ...postOptions(app, ctx) },
      (request, reply) => {
        const id = (request.params as { objectionId: string }).objectionId;
        const ids = { note: `withdraw-${id}-note`, objectionId: `withdraw-${id}-note` };
        return act(ctx, request, reply, page(`withdraw-${id}`, ids), async (call, subject) =>
          withdrawObjection(ctx.store, call, await ofSubject(ctx, call, subject, id), {
            note: request.body.note?.trim() || undefined,
          }),
        );
      },
    );
  }
};
