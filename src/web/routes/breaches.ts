/**
 * The breach register's pages for the DPO: the register with its clocks (red, amber, green), a
 * breach logged, and each breach's page carrying the steps in order: the risk assessment, the
 * decision to tell the ICO and the people, finding who was affected, letters, the reports, actions
 * and closing. The breaches module checks every step and its order; a refusal is shown on the
 * breach's page in the error summary, naming the field by its label, with nothing written. An
 * assessment or decision changed is kept beside the earlier ones; a suspected breach any member of
 * staff reported (breaches-report.ts) is taken into the register here ("triage").
 */
import { strToU8, zipSync } from 'fflate';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  ACTION_KINDS,
  addAction,
  addAffected,
  assessRisk,
  BREACH_KINDS,
  BREACH_TYPES,
  breachLetters,
  closeBreach,
  completeAction,
  decideNotification,
  ICO_DECISIONS,
  LIKELIHOODS,
  listBreaches,
  markLettersSent,
  PEOPLE_DECISIONS,
  PEOPLE_EXCEPTION_IDS,
  PEOPLE_EXCEPTIONS,
  readBreach,
  recordBreach,
  recordReport,
  REPORT_TARGETS,
  SEVERITIES,
  triageBreach,
} from '../../breaches/index.ts';
import { lookup, staffNameOf } from '../../manifest/lookup.ts';
import { dayWords, momentWords } from '../../manifest/words.ts';
import { InputError } from '../../records/errors.ts';
import type { Call } from '../../records/store.ts';
import {
  checkedList,
  echo,
  form,
  formError,
  formProblems,
  optionalText,
  required,
  type FieldChecks,
  type FormErrors,
} from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { affectedFinder } from './breaches-affected.ts';
import { suspectedBreachRoutes, whatHappened } from './breaches-report.ts';
import { breachChecks, labelled } from './breaches-checks.ts';
import { breachCall, breachWords, clocksView, formInstant } from './breaches-view.ts';
import { PAGE, type RouteModule } from './module.ts';
import { refusalOf } from './sharing.ts';

const text = (max = 2000) => optionalText(max);
const list = checkedList;
const count = z
  .string()
  .trim()
  .regex(/^\d{0,9}$/, 'Enter about how many people as a whole number, like 40')
  .optional()
  .transform((v) => (v ? Number(v) : undefined));

const NewBreach = form({
  kind: z.enum(BREACH_KINDS, { error: 'Select whether this is a breach or a near miss' }),
  types: list,
  summary: whatHappened,
  occurredAt: text(40),
  awareAt: required('Enter when we became aware of it', 40),
  categories: list,
  activities: list,
  coreData: z.literal('yes').optional(),
  approxPeople: count,
});
const Assess = form({
  likelihood: z.enum(LIKELIHOODS, { error: 'Select how likely harm to people is' }),
  severity: z.enum(SEVERITIES, { error: 'Select how severe the harm could be' }),
  consequences: required('Describe the likely consequences for the people affected', 2000),
  reasons: required('Give the reasons for this assessment', 2000),
  revisionReason: text(),
});
const Decide = form({
  ico: z.enum(ICO_DECISIONS, { error: 'Select whether to tell the ICO' }),
  icoReasons: required('Give the reasons for the decision about the ICO', 2000),
  people: z.enum(PEOPLE_DECISIONS, { error: 'Select whether to tell the people affected' }),
  peopleReasons: required('Give the reasons for the decision about the people', 2000),
  peopleException: z
    .enum(PEOPLE_EXCEPTION_IDS as [string, ...string[]])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  messageToPeople: text(),
  consequencesForPeople: text(),
  // Its own name: the assessment's change form is on the same page with revisionReason.
  decisionRevisionReason: text(),
  reportStands: z.literal('yes').optional(),
});
const LettersSent = form({ sentAt: required('Enter when the letters were posted', 40) });
const Affected = form({
  by: z.enum(['people', 'accessed-by'], { error: 'Select how to find the people affected' }),
  customerRefs: text(2000),
  actor: text(120),
  windowFrom: text(40),
  windowTo: text(40),
});
const Report = form({
  to: z.enum(REPORT_TARGETS, { error: 'Select who was told' }),
  reportedAt: required('Enter when the report was made', 40),
  reference: text(200),
  delayReasons: text(),
});
const Action = form({
  kind: z.enum(ACTION_KINDS, { error: 'Select the kind of action' }),
  action: required('Describe the action', 1000),
  owner: required('Enter who owns the action', 120),
  dueOn: text(10),
});
const Close = form({ lessons: required('Record the lessons learnt', 4000) });
// Named apart from the action form's "kind" on the same page.
const Triage = form({
  breachKind: z.enum(BREACH_KINDS, { error: 'Select whether this is a breach or a near miss' }),
  breachTypes: list,
});
const Empty = form({});

const Id = z.object({ breachId: z.uuid('the breach id must be a UUID') });
const ActionId = Id.extend({ n: z.coerce.number().int().min(1).max(100_000) });

const words = (ids: readonly string[]) =>
  ids.map((id) => ({ value: id, text: id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ') }));

export const breachRoutes: RouteModule = (app, ctx) => {
  // Reporting a suspicion is open to all staff; the register below is the DPO's.
  suspectedBreachRoutes(app, ctx);
  const guard = requireStaff(ctx, { purpose: 'rights', staffOnly: true });
  const checks = breachChecks(ctx);
  const categories = () =>
    [...lookup(ctx.manifest).categories.values()].map((c) => ({ value: c.id, text: c.name }));
  const activities = () => ctx.manifest.activities.map((a) => ({ value: a.id, text: staffNameOf(a) }));

  app.get('/staff/breaches', { schema: PAGE, onRequest: guard }, async (request, reply) => {
    const lines = await listBreaches(ctx.store, breachCall(ctx, request.visitor.staff!));
    return reply.page('pages/breaches/list.njk', {
      title: 'Breach register',
      moment: momentWords,
      lines: lines.map((l) => ({ ...l, clocks: clocksView(l.clocks) })),
    });
  });

  const newPage = (reply: FastifyReply, extra: Record<string, unknown> = {}) =>
    reply.page('pages/breaches/new.njk', {
      title: 'Log a breach or near miss',
      types: words(BREACH_TYPES),
      categories: categories(),
      activities: activities(),
      values: { types: [], categories: [], activities: [] },
      ...extra,
    });

  app.get('/staff/breaches/new', { schema: PAGE, onRequest: guard }, (_request, reply) => newPage(reply));

  app.post(
    '/staff/breaches/new',
    {
      schema: { ...PAGE, body: NewBreach },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const b = request.body;
      const values = {
        ...echo(b),
        types: Array.isArray(b?.types) ? b.types : [],
        categories: Array.isArray(b?.categories) ? b.categories : [],
        activities: Array.isArray(b?.activities) ? b.activities : [],
      };
      const again = (errors: FormErrors) => newPage(reply.code(400), { errors: labelled(errors), values });
      const errors = formProblems(request, NewBreach, checks.newBreach);
      if (errors) return again(errors);
      let id: string;
      try {
        id = await recordBreach(ctx.store, breachCall(ctx, request.visitor.staff!), {
          kind: b.kind,
          types: b.types as never,
          summary: b.summary,
          occurredAt: formInstant(b.occurredAt, 'occurredAt'),
          awareAt: formInstant(b.awareAt, 'awareAt')!,
          categories: b.categories,
          activities: b.activities,
          coreData: b.coreData === 'yes',
          approxPeople: b.approxPeople,
        });
      } catch (error) {
        const e = refusalOf(error, 'summary');
        if (!e) throw error;
        return again(e);
      }
      return reply.redirect(`/staff/breaches/${id}`, 303);
    },
  );

  const breachPage = async (reply: FastifyReply, breachId: string, extra: Record<string, unknown> = {}) => {
    const breach = await readBreach(ctx.store, breachCall(ctx, reply.request.visitor.staff!), breachId);
    const names = lookup(ctx.manifest);
    return reply.page('pages/breaches/breach.njk', {
      title: breach.kind === 'near-miss' ? 'Near miss' : 'Breach',
      breach,
      clocks: clocksView(breach.clocks),
      categoryNames: breach.categories.map((c) => names.categories.get(c)?.name ?? c),
      // An activity the manifest no longer declares still shows, by its id.
      words: breachWords(breach),
      // Times and days in the words the rest of Custos uses ("4 July 2026, 12:00pm").
      moment: momentWords,
      day: dayWords,
      activityNames: breach.activities.map((a) => {
        const activity = names.activities.get(a);
        return activity ? staffNameOf(activity) : a;
      }),
      types: words(BREACH_TYPES),
      likelihoods: words(LIKELIHOODS),
      severities: words(SEVERITIES),
      exceptions: PEOPLE_EXCEPTION_IDS.map((id) => ({ value: id, text: PEOPLE_EXCEPTIONS[id] })),
      actionKinds: words(ACTION_KINDS),
      values: {},
      ...extra,
    });
  };

  app.get(
    '/staff/breaches/:breachId',
    { schema: { ...PAGE, params: Id }, onRequest: guard },
    (request, reply) => breachPage(reply, request.params.breachId),
  );

  /** A step on a breach: the form is checked, the domain runs, a refusal shows on the page. */
  function step<S extends z.ZodType>(
    path: string,
    body: S,
    params: z.ZodType<{ breachId: string }>,
    run: (call: Call, breachId: string, b: z.output<S>, p: Record<string, unknown>) => Promise<unknown>,
    field: string,
    checks: FieldChecks<z.output<S>> = {},
  ) {
    app.post(
      `/staff/breaches/:breachId/${path}`,
      {
        schema: { ...PAGE, body, params },
        attachValidation: true,
        onRequest: guard,
        preHandler: app.csrfProtection,
      },
      async (request, reply) => {
        // A bad address is the error page's to explain ("This address is not right…"), not the form's.
        if (request.validationError?.validationContext === 'params') throw request.validationError;
        const p = request.params as { breachId: string };
        const again = (errors: FormErrors) =>
          breachPage(reply.code(400), p.breachId, {
            errors: labelled(errors),
            values: echo(request.body),
            form: path.split('/')[0],
          });
        const errors = formProblems(request, body, checks);
        if (errors) return again(errors);
        try {
          await run(breachCall(ctx, request.visitor.staff!), p.breachId, request.body as z.output<S>, p);
        } catch (error) {
          const e = refusalOf(error, field);
          if (!e) throw error;
          return again(e);
        }
        return reply.redirect(`/staff/breaches/${p.breachId}`, 303);
      },
    );
  }

  step('assess', Assess, Id, (call, id, b) => assessRisk(ctx.store, call, id, b), 'likelihood');
  step(
    'decide',
    Decide,
    Id,
    (call, id, b) =>
      decideNotification(ctx.store, call, id, {
        ...b,
        peopleException: b.peopleException as never,
        revisionReason: b.decisionRevisionReason,
        reportStands: b.reportStands === 'yes',
      }).catch((error: unknown) => {
        if (error instanceof InputError && error.field === 'revisionReason')
          throw new InputError('decisionRevisionReason', error.reason);
        throw error;
      }),
    'ico',
  );
  step(
    'affected',
    Affected,
    Id,
    async (call, id, b) => addAffected(ctx.store, call, id, await affectedFinder(ctx, call, b)),
    'by',
  );
  step(
    'report',
    Report,
    Id,
    (call, id, b) =>
      recordReport(ctx.store, call, id, { ...b, reportedAt: formInstant(b.reportedAt, 'reportedAt')! }),
    'to',
    checks.report,
  );
  step('actions', Action, Id, (call, id, b) => addAction(ctx.store, call, id, b), 'action', checks.action);
  step(
    'actions/:n/done',
    Empty,
    ActionId,
    (call, id, _b, p) => completeAction(ctx.store, call, id, Number(p.n)),
    'action',
  );
  step('close', Close, Id, (call, id, b) => closeBreach(ctx.store, call, id, b), 'lessons');
  step(
    'triage',
    Triage,
    Id,
    (call, id, b) =>
      triageBreach(ctx.store, call, id, { kind: b.breachKind, types: b.breachTypes as never }).catch(
        (error: unknown) => {
          if (error instanceof InputError && error.field.startsWith('types'))
            throw new InputError('breachTypes', error.reason);
          throw error;
        },
      ),
    'breachKind',
    checks.triage,
  );
  step(
    'letters/sent',
    LettersSent,
    Id,
    (call, id, b) => markLettersSent(ctx.store, call, id, { sentAt: formInstant(b.sentAt, 'sentAt')! }),
    'sentAt',
    checks.lettersSent,
  );

  // Letters: each affected person's, as text and printable HTML, in one zip, recorded as prepared;
  // they are marked as sent separately, once posted (letters/sent).
  app.post(
    '/staff/breaches/:breachId/letters',
    { schema: { ...PAGE, body: Empty, params: Id }, onRequest: guard, preHandler: app.csrfProtection },
    async (request, reply) => {
      const { breachId } = request.params;
      let result;
      try {
        result = await breachLetters(ctx.store, breachCall(ctx, request.visitor.staff!), breachId);
      } catch (error) {
        const e = refusalOf(error, 'letters');
        if (!e) throw error;
        return breachPage(reply.code(400), breachId, { errors: labelled(e) });
      }
      if (result.letters.length === 0)
        return breachPage(reply.code(400), breachId, {
          errors: formError(
            'letters',
            'Everyone affected has a letter prepared, or no one affected can be written to',
          ),
        });
      const files = Object.fromEntries(
        result.letters.flatMap((l, i) => [
          [`letter-${i + 1}.txt`, strToU8(l.text)],
          [`letter-${i + 1}.html`, strToU8(l.html)],
        ]),
      );
      return reply
        .type('application/zip')
        .header('content-disposition', 'attachment; filename="breach-letters.zip"')
        .send(Buffer.from(zipSync(files)));
    },
  );
};
