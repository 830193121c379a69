/**
 * The erasure decision page: the plan proposed from the manifest, one row per record with its
 * decision (erase, or keep with the reason) and the explanation the person will read; a caseworker
 * overrides an item with their reasons, then carries the plan out. The letter and the recipients
 * who must be told (Art. 19) are shown from the plan. The erasure module checks and audits each step.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Call } from '../../records/store.ts';
import {
  ERASE_REASON_CODES,
  ERASE_REASONS,
  erasureLetter,
  executeErasure,
  EXECUTABLE_STATUSES,
  KEEP_REASON_CODES,
  KEEP_REASONS,
  planErasure,
  PLANNABLE_STATUSES,
  readPlan,
  decideItem,
  type ErasureReason,
} from '../../rights/erasure/index.ts';
import { readRequest, TRANSITIONS, type RequestView } from '../../rights/requests/index.ts';
import type { WebContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { echo, form, formErrors, required, type FormErrors } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { PAGE, type RouteModule } from './module.ts';
import { domainFormError, latestPlanId, RequestParams, staffRightsCall } from './rights-shared.ts';

const DECISIONS = [
  ...ERASE_REASON_CODES.map((r) => `erase:${r}`),
  ...KEEP_REASON_CODES.map((r) => `keep:${r}`),
] as [string, ...string[]];

const Decide = form({
  n: z.coerce.number({ error: 'Choose an item' }).int().min(1).max(1_000_000),
  decision: z.enum(DECISIONS, { error: 'Choose what to do with this item and why' }),
  explanation: z.string().max(2000, 'This must be 2000 characters or fewer').optional(),
  note: required('Enter your reasons for changing the proposal', 4000),
});
const Empty = form({});

/** The reasons as a select's groups: erase ones, then keep ones, each with its article. */
export const DECISION_GROUPS = [
  {
    label: 'Erase',
    options: ERASE_REASON_CODES.map((r) => ({
      value: `erase:${r}`,
      text: `Erase: ${ERASE_REASONS[r].label} (${ERASE_REASONS[r].article})`,
    })),
  },
  {
    label: 'Keep',
    options: KEEP_REASON_CODES.map((r) => ({
      value: `keep:${r}`,
      text: `Keep: ${KEEP_REASONS[r].label} (${KEEP_REASONS[r].article})`,
    })),
  },
];

/**
 * Which steps the request's status allows now (the erasure module refuses the others), and, when
 * one does not, what must happen first: the work started, or nothing, once the request is over.
 */
function stepsAllowed(request: RequestView) {
  const inWords = (statuses: readonly string[]) => {
    const words = statuses.map((s) => s.replace(/-/g, ' '));
    return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : (words[0] ?? '');
  };
  const status = request.status;
  const canStart = TRANSITIONS[status].includes('in-progress');
  return {
    canPlan: PLANNABLE_STATUSES.includes(status),
    canExecute: EXECUTABLE_STATUSES.includes(status),
    canStart,
    planStages: inWords(PLANNABLE_STATUSES),
    executeStages: inWords(EXECUTABLE_STATUSES),
  };
}

async function renderErasure(
  ctx: WebContext,
  call: Call,
  reply: FastifyReply,
  requestId: string,
  extra: { errors?: FormErrors; values?: Record<string, string> } = {},
) {
  const request = await readRequest(ctx.store, call, requestId);
  if (request.right !== 'erasure') throw new HttpError(404, 'Only an erasure request has an erasure plan.');
  const planId = await latestPlanId(ctx.store.db, request.id);
  const plan = planId ? await readPlan(ctx.store, call, planId) : undefined;
  return reply.page('pages/rights/erasure.njk', {
    title: 'Decide what to erase',
    request,
    plan,
    letter: plan ? erasureLetter(plan) : undefined,
    groups: DECISION_GROUPS,
    steps: stepsAllowed(request),
    ...extra,
  });
}

export const rightsErasureRoutes: RouteModule = (app, ctx) => {
  const guard = requireStaff(ctx, { purpose: 'rights', staffOnly: true });
  const base = '/staff/requests/:requestId/erasure';
  const post = {
    attachValidation: true,
    onRequest: guard,
    preHandler: app.csrfProtection,
  } as const;

  async function afterStep(
    request: FastifyRequest<{ Params: { requestId: string } }>,
    reply: FastifyReply,
    run: (call: Call, planId: string | undefined) => Promise<unknown>,
    ids: Record<string, string>,
  ) {
    const call = staffRightsCall(ctx, request.visitor.staff!);
    const { requestId } = request.params;
    const values = echo(request.body);
    const again = (errors: FormErrors) =>
      renderErasure(ctx, call, reply.code(400), requestId, { errors, values });
    const invalid = formErrors(request);
    if (invalid) {
      const fields: FormErrors['fields'] = {};
      for (const [k, m] of Object.entries(invalid.fields)) fields[ids[k] ?? k] ??= m;
      return again({
        fields,
        list: Object.entries(fields).map(([f, m]) => ({ text: m.text, href: `#${f}` })),
      });
    }
    try {
      await run(call, await latestPlanId(ctx.store.db, requestId));
    } catch (error) {
      return again(domainFormError(error, ids, Object.values(ids)[0] ?? 'plan'));
    }
    return reply.redirect(`/staff/requests/${requestId}/erasure`, 303);
  }

  app.get(base, { schema: { ...PAGE, params: RequestParams }, onRequest: guard }, async (request, reply) =>
    renderErasure(ctx, staffRightsCall(ctx, request.visitor.staff!), reply, request.params.requestId),
  );

  app.post(
    `${base}/plan`,
    { schema: { ...PAGE, params: RequestParams, body: Empty }, ...post },
    (request, reply) =>
      afterStep(request, reply, (call) => planErasure(ctx.store, call, request.params.requestId), {
        requestId: 'plan',
      }),
  );

  app.post(
    `${base}/items`,
    { schema: { ...PAGE, params: RequestParams, body: Decide }, ...post },
    (request, reply) => {
      const n = echo(request.body).n ?? '';
      const ids = {
        n: `item-${n}-decision`,
        decision: `item-${n}-decision`,
        action: `item-${n}-decision`,
        reason: `item-${n}-decision`,
        explanation: `item-${n}-explanation`,
        note: `item-${n}-note`,
      };
      return afterStep(
        request,
        reply,
        async (call, planId) => {
          if (!planId) throw new HttpError(400, 'Propose a plan first.');
          const [action, reason] = request.body.decision.split(':') as ['erase' | 'keep', ErasureReason];
          return decideItem(ctx.store, call, planId, {
            n: request.body.n,
            action,
            reason,
            explanation: request.body.explanation?.trim() || undefined,
            note: request.body.note,
          });
        },
        ids,
      );
    },
  );

  app.post(
    `${base}/execute`,
    { schema: { ...PAGE, params: RequestParams, body: Empty }, ...post },
    (request, reply) =>
      afterStep(
        request,
        reply,
        async (call, planId) => {
          if (!planId) return Promise.reject(new HttpError(400, 'Propose a plan first.'));
          return executeErasure(ctx.store, call, planId);
        },
        { planId: 'execute' },
      ),
  );
};
