/**
 * Equality monitoring statistics for staff whose roles hold the equality monitoring purpose: a GET
 * form choosing the questions and k (only field names and a number go in the address, never
 * personal data), and one GOV.UK table per question, small numbers suppressed (src/stats). The gate
 * counts through the role's aggregate access; no one's answers are ever shown.
 */
import { z } from 'zod';
import { AccessDenied, InputError } from '../../records/errors.ts';
import {
  countableFields,
  DEFAULT_K,
  EQUALITY_ACTIVITY,
  equalityStatistics,
  leftOutLine,
  MAX_K,
  MIN_K,
} from '../../stats/index.ts';
import { staffActor } from '../auth/staff-accounts.ts';
import { HttpError } from '../errors.ts';
import { formError, formErrors } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { PAGE, type RouteModule } from './module.ts';

export const STATISTICS_PAGE = '/staff/statistics';

const K_MESSAGE = `Enter the smallest count shown (k) as a whole number from ${MIN_K} to ${MAX_K}`;

const Query = z.object({
  by: z
    .union([z.string().max(100), z.array(z.string().max(100)).max(20)], 'Choose the questions to count')
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  k: z
    .string(K_MESSAGE)
    .trim()
    .regex(/^\d{1,3}$/, K_MESSAGE)
    .transform(Number)
    .refine((k) => k >= MIN_K && k <= MAX_K, K_MESSAGE)
    .optional(),
});

export const statisticsRoutes: RouteModule = (app, ctx) => {
  const guard = requireStaff(ctx, { purpose: EQUALITY_ACTIVITY, staffOnly: true });

  app.get(
    STATISTICS_PAGE,
    { schema: { ...PAGE, querystring: Query }, attachValidation: true, onRequest: guard },
    async (request, reply) => {
      const raw = (request.query ?? {}) as Record<string, unknown>;
      const chosen = [raw.by].flat().filter((v): v is string => typeof v === 'string');
      const { type, fields } = countableFields(ctx.store, ctx.controllerId);
      const page = (locals: Record<string, unknown>) =>
        reply.page('pages/statistics/equality.njk', {
          title: 'Equality monitoring statistics',
          typeName: type.name,
          items: fields.map((f) => ({ value: f.name, text: f.label, checked: chosen.includes(f.name) })),
          k: typeof raw.k === 'string' ? raw.k : String(DEFAULT_K),
          minK: MIN_K,
          maxK: MAX_K,
          ...locals,
        });
      const errors = formErrors(request);
      if (errors) {
        reply.code(400);
        return page({ errors });
      }
      const query = request.query as z.infer<typeof Query>;
      if (query.by.length === 0 && query.k === undefined) return page({});
      const call = {
        actor: staffActor(request.visitor.staff!),
        purpose: EQUALITY_ACTIVITY,
        channel: 'web' as const,
      };
      try {
        const s = await equalityStatistics(ctx.store, call, { by: query.by, k: query.k ?? DEFAULT_K });
        return page({ stats: s, leftOut: leftOutLine(s) });
      } catch (error) {
        if (error instanceof AccessDenied)
          throw new HttpError(403, 'None of your roles may count these answers.');
        if (!(error instanceof InputError)) throw error;
        reply.code(400);
        const message = error.reason.charAt(0).toUpperCase() + error.reason.slice(1);
        return page({ errors: formError(error.field === 'k' ? 'k' : 'by', message) });
      }
    },
  );
};
