/**
 * The audit log for the DPO: search by person, record, actor, days and outcome; and the chain
 * check (`custos audit verify`) on a page. Only staff whose roles hold the rights purpose (the
 * DPO) may use these pages.
 */
import { z } from 'zod';
import { verifyChainInDatabase } from '../../audit/verify-in-database.ts';
import { staffActor } from '../auth/staff-accounts.ts';
import { formErrors } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { searchAudit, type AuditSearch } from '../../audit/search.ts';
import { auditTheSearch } from './audit-search.ts';
import { PAGE, type RouteModule } from './module.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const DAY = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date written like 2026-11-24')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'Enter a real date',
  );
const UUID = (what: string) =>
  z.uuid(`Enter the ${what} id: 36 characters like 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed`);

/**
 * The outcome as the form words it (allowed, refused, either) to the outcome the log stores
 * (allowed, denied); `denied` is still read, for links made before the form said "refused".
 */
function outcomeSearched(
  word: 'allowed' | 'refused' | 'either' | 'denied',
): 'allowed' | 'denied' | undefined {
  return word === 'either' ? undefined : word === 'allowed' ? 'allowed' : 'denied';
}

const Search = z
  .object({
    personId: z.preprocess(blank, UUID('person').optional()),
    recordId: z.preprocess(blank, UUID('record').optional()),
    actor: z.preprocess(
      blank,
      z.string().trim().max(200, 'The actor must be 200 characters or fewer').optional(),
    ),
    from: z.preprocess(blank, DAY.optional()),
    to: z.preprocess(blank, DAY.optional()),
    outcome: z.preprocess(
      blank,
      z
        .enum(['allowed', 'refused', 'either', 'denied'], 'Choose allowed, refused or either')
        .transform(outcomeSearched)
        .optional(),
    ),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, {
    message: 'The end date must be on or after the start date',
    path: ['to'],
  });

export const OUTCOMES = [
  { value: '', text: 'Either' },
  { value: 'allowed', text: 'Allowed' },
  { value: 'refused', text: 'Refused' },
];

/** The option to show selected for what the address says (an old link's `denied` is Refused). */
const chosenOutcome = (given: string | undefined) =>
  given === 'denied' ? 'refused' : given === 'either' ? '' : (given ?? '');

export const auditRoutes: RouteModule = (app, ctx) => {
  const guard = requireStaff(ctx, { purpose: 'rights', staffOnly: true });

  app.get(
    '/staff/audit',
    { schema: { ...PAGE, querystring: Search }, attachValidation: true, onRequest: guard },
    async (request, reply) => {
      const values = Object.fromEntries(
        Object.entries((request.query ?? {}) as Record<string, unknown>).filter(
          ([, v]) => typeof v === 'string',
        ),
      ) as Record<string, string>;
      const page = (locals: Record<string, unknown>) =>
        reply.page('pages/audit/search.njk', {
          title: 'Search the audit log',
          values,
          outcomes: OUTCOMES.map((o) => ({ ...o, selected: o.value === chosenOutcome(values.outcome) })),
          ...locals,
        });
      const errors = formErrors(request);
      if (errors) {
        reply.code(400);
        return page({ errors });
      }
      const search = request.query as AuditSearch;
      const searched = Object.values(search).some((v) => v !== undefined);
      if (!searched) return page({});
      const hits = await searchAudit(ctx.store.db, ctx.controllerId, search);
      const staff = request.visitor.staff!;
      await auditTheSearch(
        ctx.store,
        { actor: staffActor(staff), purpose: ctx.options.rightsPurpose, channel: 'web' },
        ctx.controllerId,
        search,
        hits.length,
      );
      return page({ hits, searched, rightsPurpose: ctx.options.rightsPurpose });
    },
  );

  app.get('/staff/audit/verify', { schema: PAGE, onRequest: guard }, async (_request, reply) => {
    const started = performance.now();
    const report = await verifyChainInDatabase(ctx.store.db);
    return reply.page('pages/audit/verify.njk', {
      title: 'Check the audit log',
      report,
      seconds: ((performance.now() - started) / 1000).toFixed(2),
      checkedAt: ctx.store.now(),
    });
  });
};
