/**
 * The person view: staff find a file by customer reference or another identifier (NI number,
 * family name and postcode, phone, email), say why they need it (one of the purposes their roles
 * hold under the manifest), and see only the fields the gate permits for that purpose. Finding
 * and reading are audited by the records module; the DPO also sees who has accessed the file.
 */
import { z } from 'zod';
import { lookup, staffNameOf } from '../../manifest/lookup.ts';
import { findPeopleByAll, searchProblems, type Criterion } from '../../records/find-people.ts';
import type { LookupKind } from '../../records/lookup-tokens.ts';
import type { Call } from '../../records/store.ts';
import { requestsOf, RUNNING_STATUSES } from '../../rights/requests/index.ts';
import { staffActor, staffPurposes, type StaffAccount } from '../auth/staff-accounts.ts';
import type { WebContext } from '../context.ts';
import {
  echo,
  errorsFrom,
  fieldSentence,
  form,
  formError,
  formErrors,
  optionalText,
  required,
  type FormErrors,
} from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { presentFile } from '../present.ts';
import { PAGE, type RouteModule } from './module.ts';
import { accessPanel } from './person-accesses.ts';
import { holdsOnFile } from './retention-holds.ts';
import { openPersonFile } from './person-file.ts';

const PURPOSE = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'the reason for opening the file is not one of the choices');

/**
 * Any of the identifiers the store keeps a lookup token for. The form is posted, never sent as a
 * query: these are personal data and must not end up in URLs, logs or browser history.
 */
const Find = form({
  customerRef: optionalText(40),
  niNumber: optionalText(20),
  familyName: optionalText(80),
  postcode: optionalText(16),
  phone: optionalText(30),
  email: optionalText(254),
  purpose: required('Select why you need to find this person', 80),
});

/** The form's search fields, in the order they are shown, with the lookup each one feeds. */
const SEARCH_FIELDS: readonly (readonly [string, LookupKind])[] = [
  ['customerRef', 'customer-ref'],
  ['niNumber', 'ni-number'],
  ['familyName', 'family-name'],
  ['postcode', 'postcode'],
  ['phone', 'phone'],
  ['email', 'email'],
];
const FIELD_ORDER = [...SEARCH_FIELDS.map(([field]) => field), 'purpose'];
const NO_CRITERIA =
  'Enter a customer reference, National Insurance number, family name and postcode, phone number or email address';

/** The search fields filled in (blank ones are not criteria), from the form as posted. */
const criteriaOf = (values: Record<string, string>): Criterion[] =>
  SEARCH_FIELDS.flatMap(([field, kind]) => {
    const value = values[field]?.trim();
    return value ? [{ kind, value }] : [];
  });

/**
 * Every problem with the form at once, in the order of its fields: the schema's (a missing
 * purpose, a value too long) and the search's (a value of the wrong shape, no detail, or a family
 * name with nothing to narrow it).
 */
function findErrors(schemaErrors: FormErrors | undefined, criteria: Criterion[]): FormErrors | undefined {
  const issues = [
    ...Object.entries(schemaErrors?.fields ?? {}).map(([field, { text }]) => ({ field, message: text })),
    ...searchProblems(criteria).map(({ field, problem }) =>
      field === 'criteria'
        ? { field: 'customerRef', message: NO_CRITERIA }
        : { field, message: fieldSentence(field, problem) },
    ),
  ];
  if (issues.length === 0) return undefined;
  const rank = (field: string) => {
    const i = FIELD_ORDER.indexOf(field);
    return i === -1 ? FIELD_ORDER.length : i;
  };
  return errorsFrom(issues.sort((a, b) => rank(a.field) - rank(b.field)));
}

const Person = z.object({ personId: z.uuid('the person id must be a UUID') });
const PersonQuery = z.object({ purpose: PURPOSE.optional(), added: PURPOSE.optional() });

const callFor = (staff: StaffAccount, purpose: string): Call => ({
  actor: staffActor(staff),
  purpose,
  channel: 'web',
});

/**
 * The person's rights requests, for staff whose roles hold the rights purpose: read under that
 * purpose (whatever the file was opened for), each read gated and audited by the rights module.
 * The deadline is shown only while the clock runs.
 */
async function personRequests(ctx: WebContext, staff: StaffAccount, personId: string) {
  const views = await requestsOf(
    ctx.store,
    callFor(staff, ctx.options.rightsPurpose),
    ctx.controllerId,
    personId,
  );
  return views.map((r) => ({
    id: r.id,
    right: r.right,
    receivedOn: r.receivedOn,
    status: r.status,
    due: RUNNING_STATUSES.includes(r.status) ? r.due.due : null,
  }));
}

/** The purposes the person may choose from, as radio items. */
function purposeItems(ctx: WebContext, staff: StaffAccount, checked?: string) {
  const activities = lookup(ctx.manifest).activities;
  return staffPurposes(ctx.manifest, staff).map((id) => ({
    value: id,
    text: staffNameOf(activities.get(id)!),
    hint: { text: activities.get(id)!.purpose },
    checked: id === checked,
  }));
}

export const peopleRoutes: RouteModule = (app, ctx) => {
  const guard = requireStaff(ctx);

  app.get('/staff/people', { schema: PAGE, onRequest: guard }, (request, reply) =>
    reply.page('pages/staff/find.njk', {
      title: 'Find a person',
      purposes: purposeItems(ctx, request.visitor.staff!),
    }),
  );

  app.post(
    '/staff/people',
    {
      schema: { ...PAGE, body: Find },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const staff = request.visitor.staff!;
      const again = (errors: ReturnType<typeof formError>) =>
        reply.code(400).page('pages/staff/find.njk', {
          title: 'Find a person',
          errors,
          values: echo(request.body),
          purposes: purposeItems(ctx, staff, echo(request.body).purpose),
        });
      const criteria = criteriaOf(echo(request.body));
      const errors = findErrors(formErrors(request), criteria);
      if (errors) return again(errors);
      const { purpose } = request.body;
      if (!staffPurposes(ctx.manifest, staff).includes(purpose))
        return again(formError('purpose', 'Select one of the reasons listed'));
      const found = await findPeopleByAll(ctx.store, callFor(staff, purpose), ctx.controllerId, criteria);
      const byReference = criteria.length === 1 && criteria[0]!.kind === 'customer-ref';
      if (found.length === 0)
        return again(
          byReference
            ? formError('customerRef', 'No one you may see for this reason has that customer reference')
            : formError(
                SEARCH_FIELDS.find(([, kind]) => kind === criteria[0]!.kind)![0],
                'No one you may see for this reason matches all these details',
              ),
        );
      if (found.length === 1) return reply.redirect(`/staff/people/${found[0]}?purpose=${purpose}`, 303);
      return reply.page('pages/staff/found.njk', {
        title: byReference ? 'More than one person has that reference' : 'More than one person matches',
        found,
        purpose,
      });
    },
  );

  app.get(
    '/staff/people/:personId',
    { schema: { ...PAGE, params: Person, querystring: PersonQuery }, onRequest: guard },
    async (request, reply) => {
      const staff = request.visitor.staff!;
      const { personId } = request.params;
      const { purpose } = request.query;
      if (!purpose)
        return reply.page('pages/staff/purpose.njk', {
          title: 'Why do you need to see this file?',
          personId,
          purposes: purposeItems(ctx, staff),
        });
      const purposeName = staffNameOf(lookup(ctx.manifest).activities.get(purpose) ?? { name: purpose });
      const opened = await openPersonFile(ctx, callFor(staff, purpose), personId, request.query.added);
      if ('refused' in opened)
        return reply.code(403).page('pages/staff/file-refused.njk', {
          title: 'You may not see this file',
          personId,
          purposeName,
          ...opened,
        });
      const { file } = opened;
      const isDpo = staffPurposes(ctx.manifest, staff).includes(ctx.options.rightsPurpose);
      const name = [file.profile.givenName, file.profile.familyName]
        .filter((x) => typeof x === 'string')
        .join(' ');
      return reply.page('pages/staff/person.njk', {
        // The name stays out of <title>: titles land in browser history and on shared screens' tabs.
        title: 'Person’s file',
        heading: name || 'Person’s file',
        personId,
        purposeName,
        file: presentFile(ctx.manifest, file),
        ...opened.extras,
        ...(isDpo ? await accessPanel(ctx.store.db, personId) : {}),
        requests: isDpo ? await personRequests(ctx, staff, personId) : undefined,
        holds: await holdsOnFile(
          ctx,
          staff,
          personId,
          file.records.map((r) => r.id),
        ),
      });
    },
  );
};
