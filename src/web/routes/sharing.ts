/**
 * The DPO's sharing pages: the disclosure log, logging an ad hoc disclosure (the sharing module
 * refuses one without its basis, reference, approver or authority, and the refusal is shown in the
 * error summary), agreements and those needing attention, and routine returns generated for a
 * period and downloaded (refused, with the reason, when no agreement covers them).
 *
 * Every page is for staff whose roles hold the rights purpose (the DPO in the demo): the log spans
 * every person, so it is not for a role scoped to a patch or a job.
 */
import type { FastifyReply } from 'fastify';
import { strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import { lookup, staffNameOf } from '../../manifest/lookup.ts';
import { AccessDenied, InputError } from '../../records/errors.ts';
import { findPeople } from '../../records/find-people.ts';
import type { Call } from '../../records/store.ts';
import {
  generateReturn,
  listReturns,
  RETURN_KIND_INFO,
  RETURN_KINDS,
  type ReturnKind,
} from '../../returns/index.ts';
import { ukDate as isoDay } from '../../rights/requests/input.ts';
import {
  agreementsNeedingAttention,
  AGREEMENT_TYPE_LABELS,
  DISCLOSURE_BASES,
  DISCLOSURE_BASIS_IDS,
  disclosureLog,
  listAgreements,
  recordDisclosure,
  type DisclosureBasis,
} from '../../sharing/index.ts';
import { staffActor, type StaffAccount } from '../auth/staff-accounts.ts';
import type { WebContext } from '../context.ts';
import {
  checkedList,
  echo,
  form,
  formError,
  formErrors,
  formProblems,
  optionalText,
  refusalSentence,
  required,
  type FormErrors,
} from '../forms.ts';
import { compileDateFormat, readDate, type DateFormat } from '../../import/dates.ts';
import { requireStaff } from '../guards.ts';
import { disclosureChecks } from './sharing-checks.ts';
import { PAGE, type RouteModule } from './module.ts';

const list = checkedList;

/** The import's date reader, for a day written the UK way (24/11/2025). */
const UK_DAY = compileDateFormat('D/M/YYYY') as DateFormat;

/** A filter box: blank means no limit; a UK date (24/11/2025) is read as the day it names. */
const filterDay = (label: string) =>
  z.preprocess(
    (v) => {
      if (typeof v !== 'string' || v.trim() === '') return undefined;
      const uk = readDate(UK_DAY, v.trim());
      return 'value' in uk ? uk.value : v.trim();
    },
    z.iso.date({ error: `${label} must be a real date, like 2026-11-24 or 24/11/2026` }).optional(),
  );

const Period = z
  .object({ from: filterDay('From'), to: filterDay('To') })
  .refine((p) => !p.from || !p.to || p.from <= p.to, {
    message: 'To must be the same as or after From',
    path: ['to'],
  });

const Disclosure = form({
  customerRef: required('Enter the customer reference of the person the information is about', 40),
  basis: z.enum(DISCLOSURE_BASIS_IDS as [DisclosureBasis, ...DisclosureBasis[]], {
    error: 'Select the basis for the disclosure',
  }),
  recipientId: optionalText(80),
  representativeId: optionalText(40),
  recipientName: optionalText(200),
  activityId: optionalText(80),
  agreementId: optionalText(80),
  categories: list,
  reference: optionalText(200),
  reasons: optionalText(2000),
  description: optionalText(2000),
  disclosedOn: optionalText(10),
  approvedBy: required('Enter who approved the disclosure', 120),
  withholdFromSubject: z.literal('yes').optional(),
});

const Return = form({
  kind: z.enum(RETURN_KINDS, { error: 'Select the return to make' }),
  from: required('Enter the first day of the period', 10),
  to: required('Enter the last day of the period', 10),
  approvedBy: required('Enter who approved sending the return', 120),
  coreOrganisation: optionalText(20),
});

export const RETURNS_ACTOR = 'custos-returns';
/** The log's "from" when the box is blank: before any disclosure the service can hold. */
const EARLIEST = '1900-01-01';

const callFor = (ctx: WebContext, staff: StaffAccount): Call => ({
  actor: staffActor(staff),
  purpose: ctx.options.rightsPurpose,
  channel: 'web',
});

/** A domain refusal, for the error summary; anything else is not ours to show. */
export const refusalOf = (error: unknown, field = 'form'): FormErrors | undefined =>
  error instanceof InputError
    ? formError(error.field.split(/[.[]/)[0] || field, refusalSentence(error))
    : error instanceof AccessDenied
      ? formError(field, refusalSentence(error))
      : undefined;

function disclosureChoices(ctx: WebContext) {
  const l = lookup(ctx.manifest);
  return {
    bases: DISCLOSURE_BASIS_IDS.map((id) => ({
      value: id,
      text: DISCLOSURE_BASES[id].label,
      hint: DISCLOSURE_BASES[id].law,
    })),
    recipients: ctx.manifest.recipients.map((r) => ({ value: r.id, text: r.name })),
    activities: ctx.manifest.activities.map((a) => ({ value: a.id, text: staffNameOf(a) })),
    categories: [...l.categories.values()].map((c) => ({ value: c.id, text: c.name })),
  };
}

export const sharingRoutes: RouteModule = (app, ctx) => {
  const guard = requireStaff(ctx, { purpose: 'rights', staffOnly: true });
  const today = () => isoDay(ctx.store.now());

  app.get(
    '/staff/disclosures',
    { schema: { ...PAGE, querystring: Period }, attachValidation: true, onRequest: guard },
    async (request, reply) => {
      const typed = echo(request.query);
      const again = (errors: FormErrors) =>
        // The filter is shown again as typed, with what to fix; no log is read for a bad period.
        reply.code(400).page('pages/sharing/log.njk', { title: 'Disclosure log', errors, ...typed });
      const errors = formErrors(request);
      if (errors) return again(errors);
      // A box left blank is no limit (up to today; from the first entry). On a first visit, with
      // no filter at all, the log shows the year up to today.
      const to = request.query.to ?? today();
      const firstVisit = !new URLSearchParams(request.url.split('?')[1] ?? '').has('from');
      const from =
        request.query.from ?? (firstVisit ? `${Number(to.slice(0, 4)) - 1}${to.slice(4)}` : undefined);
      if (from && from > to) return again(formError('from', 'From must be today or earlier'));
      const lines = await disclosureLog(ctx.store, ctx.controllerId, { from: from ?? EARLIEST, to });
      const recipients = lookup(ctx.manifest).recipients;
      return reply.page('pages/sharing/log.njk', {
        title: 'Disclosure log',
        from,
        to,
        lines: lines.reverse().map((l) => ({
          ...l,
          recipient: (l.recipientId && recipients.get(l.recipientId)?.name) ?? l.recipientKind,
          basisLabel: DISCLOSURE_BASES[l.basis].label,
        })),
      });
    },
  );

  const newPage = (reply: FastifyReply, extra: Record<string, unknown> = {}) =>
    reply.page('pages/sharing/new.njk', {
      title: 'Log a disclosure',
      ...disclosureChoices(ctx),
      values: { categories: [] },
      ...extra,
    });

  app.get('/staff/disclosures/new', { schema: PAGE, onRequest: guard }, (_request, reply) => newPage(reply));

  app.post(
    '/staff/disclosures/new',
    {
      schema: { ...PAGE, body: Disclosure },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const staff = request.visitor.staff!;
      const body = request.body;
      const values = { ...echo(body), categories: Array.isArray(body?.categories) ? body.categories : [] };
      const again = (errors: FormErrors) => newPage(reply.code(400), { errors, values });
      const errors = formProblems(request, Disclosure, disclosureChecks(ctx.manifest, today()));
      if (errors) return again(errors);
      const call = callFor(ctx, staff);
      const [personId] = await findPeople(
        ctx.store,
        call,
        ctx.controllerId,
        'customer-ref',
        body.customerRef,
      );
      if (!personId) return again(formError('customerRef', 'No one on file has that customer reference'));
      try {
        await recordDisclosure(ctx.store, call, {
          personId,
          basis: body.basis,
          recipientId: body.recipientId,
          representativeId: body.representativeId,
          recipientName: body.recipientName,
          activityId: body.activityId,
          agreementId: body.agreementId,
          categories: body.categories,
          reference: body.reference,
          reasons: body.reasons,
          description: body.description,
          disclosedOn: body.disclosedOn,
          approvedBy: body.approvedBy,
          withholdFromSubject: body.withholdFromSubject === 'yes',
        });
      } catch (error) {
        const e = refusalOf(error, 'basis');
        if (!e) throw error;
        return again(e);
      }
      return reply.redirect('/staff/disclosures', 303);
    },
  );

  app.get('/staff/agreements', { schema: PAGE, onRequest: guard }, async (_request, reply) => {
    const agreements = await listAgreements(ctx.store, ctx.controllerId);
    return reply.page('pages/sharing/agreements.njk', {
      title: 'Sharing agreements',
      agreements: agreements.map((a) => ({ ...a, typeLabel: AGREEMENT_TYPE_LABELS[a.type] })),
      attention: agreementsNeedingAttention(agreements, today(), 60),
    });
  });

  const returnsPage = async (reply: FastifyReply, extra: Record<string, unknown> = {}) =>
    reply.page('pages/sharing/returns.njk', {
      title: 'Routine returns',
      kinds: RETURN_KINDS.map((k) => ({ value: k, text: RETURN_KIND_INFO[k].label })),
      returns: await listReturns(ctx.store.db, ctx.controllerId),
      values: {},
      ...extra,
    });

  app.get('/staff/returns', { schema: PAGE, onRequest: guard }, (_request, reply) => returnsPage(reply));

  app.post(
    '/staff/returns',
    {
      schema: { ...PAGE, body: Return },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const staff = request.visitor.staff!;
      const values = echo(request.body);
      const errors = formErrors(request);
      if (errors) return returnsPage(reply.code(400), { errors, values });
      const { kind, from, to, approvedBy, coreOrganisation } = request.body;
      // As the CLI does: Custos makes the return, recording who asked and who approved.
      const call: Call = {
        actor: { id: RETURNS_ACTOR, kind: 'system', controllerId: ctx.controllerId, roles: [] },
        purpose: RETURN_KIND_INFO[kind as ReturnKind].activity,
        channel: 'web',
      };
      let result;
      try {
        result = await generateReturn(ctx.store, call, {
          controllerId: ctx.controllerId,
          kind,
          from,
          to,
          approvedBy,
          generatedBy: staff.username,
          coreOrganisation,
        });
      } catch (error) {
        const e = refusalOf(error, 'kind');
        if (!e) throw error;
        return returnsPage(reply.code(400), { errors: e, values });
      }
      const single = result.files.length === 1 ? result.files[0]! : undefined;
      const name = single ? single.name : `${kind}-${from}-${to}.zip`;
      const body = single
        ? single.content
        : Buffer.from(zipSync(Object.fromEntries(result.files.map((f) => [f.name, strToU8(f.content)]))));
      return reply
        .type(single ? 'text/csv; charset=utf-8' : 'application/zip')
        .header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`)
        .send(body);
    },
  );
};
