/**
 * Emergency access (break-glass): where the gate keeps a file from a member of staff only because
 * it is outside their patch, team or jobs, they may state why they need it and see it for a short
 * time; the grant and every read under it are in the audit log, flagged. The person's own rights
 * (restriction above all) still refuse. The DPO reviews each use on /staff/audit/break-glass.
 */
import { z } from 'zod';
import { lookup, staffNameOf } from '../../manifest/lookup.ts';
import {
  BREAK_GLASS_MAX_REASON,
  BREAK_GLASS_MIN_REASON,
  BREAK_GLASS_MINUTES,
  breakGlassCheck,
  grantBreakGlass,
} from '../../records/break-glass.ts';
import { breakGlassUses, markBreakGlassReviewed } from '../../records/break-glass-review.ts';
import { AccessDenied } from '../../records/errors.ts';
import type { Call } from '../../records/store.ts';
import { staffActor, staffPurposes, type StaffAccount } from '../auth/staff-accounts.ts';
import type { WebContext } from '../context.ts';
import { echo, form, formError, refusalSentence, required, type FormErrors } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { formRoute } from './form-route.ts';
import { personNamer } from './retention-hold-targets.ts';
import { PAGE, type RouteModule } from './module.ts';

const PURPOSE = z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'must be one of the choices');
const Person = z.object({ personId: z.uuid('the person id must be a UUID') });
const Seq = z.object({ seq: z.string().regex(/^\d{1,18}$/, 'the entry must be a number') });
const EmergencyQuery = z.object({ purpose: PURPOSE.optional() });
const ReviewQuery = z.object({
  reviewed: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
});
const TOO_SHORT = `Why you need emergency access must be ${BREAK_GLASS_MIN_REASON} characters or more`;
const Emergency = form({
  purpose: required('Select what you need the file for', 80),
  reason: required('Enter why you need emergency access', BREAK_GLASS_MAX_REASON).min(
    BREAK_GLASS_MIN_REASON,
    TOO_SHORT,
  ),
});

const callFor = (staff: StaffAccount, purpose: string): Call => ({
  actor: staffActor(staff),
  purpose,
  channel: 'web',
});

function emergencyPage(
  ctx: WebContext,
  staff: StaffAccount,
  personId: string,
  values: Record<string, string>,
) {
  const activities = lookup(ctx.manifest).activities;
  return {
    title: 'Get emergency access',
    personId,
    minutes: BREAK_GLASS_MINUTES,
    minReason: BREAK_GLASS_MIN_REASON,
    values,
    purposes: staffPurposes(ctx.manifest, staff).map((id) => ({
      value: id,
      text: staffNameOf(activities.get(id)!),
      checked: id === values.purpose,
    })),
  };
}

const capitalised = (sentence: string) => sentence.charAt(0).toUpperCase() + sentence.slice(1) + '.';

/** The gate's refusal of emergency access (a restriction, say), shown at the purpose chosen. */
const refusal = (error: unknown): FormErrors | undefined =>
  error instanceof AccessDenied ? formError('purpose', refusalSentence(error)) : undefined;

export const breakGlassRoutes: RouteModule = (app, ctx) => {
  const guard = requireStaff(ctx, { staffOnly: true });
  const dpo = requireStaff(ctx, { purpose: 'rights', staffOnly: true });

  // Asked for a purpose (the file's link gives one), the page first asks the gate whether a reason
  // would open anything: an unknown person is 404, and where it would not (a restriction, or a file
  // already open) the page says why instead of offering a form that can only be refused.
  app.get(
    '/staff/people/:personId/emergency-access',
    { schema: { ...PAGE, params: Person, querystring: EmergencyQuery }, onRequest: guard },
    async (request, reply) => {
      const { personId } = request.params;
      const { purpose } = request.query;
      const staff = request.visitor.staff!;
      const check = purpose ? await breakGlassCheck(ctx.store, callFor(staff, purpose), personId) : undefined;
      return reply.page('pages/staff/emergency-access.njk', {
        ...emergencyPage(ctx, staff, personId, { ...(purpose && { purpose }) }),
        ...(check && !check.opens && { cannot: capitalised(check.refusal!) }),
      });
    },
  );

  formRoute(app, '/staff/people/:personId/emergency-access', {
    guard,
    params: Person,
    body: Emergency,
    view: 'pages/staff/emergency-access.njk',
    page: async ({ params, body, request }, errors) => ({
      ...emergencyPage(ctx, request.visitor.staff!, params.personId, echo(body)),
      errors,
    }),
    refusal,
    run: async ({ params, body, request }) => {
      const staff = request.visitor.staff!;
      if (!staffPurposes(ctx.manifest, staff).includes(body.purpose))
        throw new AccessDenied('select one of the reasons listed');
      await grantBreakGlass(
        ctx.store,
        callFor(staff, body.purpose),
        ctx.controllerId,
        params.personId,
        body.reason,
      );
      return `/staff/people/${params.personId}?purpose=${encodeURIComponent(body.purpose)}`;
    },
  });

  app.get(
    '/staff/audit/break-glass',
    { schema: { ...PAGE, querystring: ReviewQuery }, onRequest: dpo },
    async (request, reply) => {
      const uses = await breakGlassUses(ctx.store, ctx.controllerId);
      const activities = lookup(ctx.manifest).activities;
      const named = personNamer(ctx, request.visitor.staff!);
      return reply.page('pages/audit/break-glass.njk', {
        title: 'Emergency access to review',
        uses: await Promise.all(
          uses.map(async (u) => ({
            ...u,
            personName: await named(u.personId),
            purposeName: u.purpose ? staffNameOf(activities.get(u.purpose) ?? { name: u.purpose }) : '–',
          })),
        ),
        toReview: uses.filter((u) => !u.reviewedBy).length,
        justReviewed: request.query.reviewed,
      });
    },
  );

  app.post(
    '/staff/audit/break-glass/:seq/reviewed',
    { schema: { ...PAGE, params: Seq, body: form({}) }, onRequest: dpo, preHandler: app.csrfProtection },
    async (request, reply) => {
      const staff = request.visitor.staff!;
      await markBreakGlassReviewed(
        ctx.store,
        callFor(staff, ctx.options.rightsPurpose),
        ctx.controllerId,
        request.params.seq,
      );
      return reply.redirect(`/staff/audit/break-glass?reviewed=${request.params.seq}`, 303);
    },
  );
};
