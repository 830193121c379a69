/**
 * Adding a record to a person's file (a contact note, a repair, an application…): the form is made
 * from the record type's fields in the manifest, limited to the fields the gate lets this member
 * of staff write for the purpose they opened the file for. Only types the gate allows are offered;
 * any other is refused (403). The write is the records module's: checked against the type, gated,
 * sealed under the person's key and audited in one transaction.
 */
import { z } from 'zod';
import { lookup, staffNameOf } from '../../manifest/lookup.ts';
import { InputError } from '../../records/errors.ts';
import { addRecordToFile, writableTypes, type WritableType } from '../../records/staff-records.ts';
import type { Call } from '../../records/store.ts';
import { staffActor, staffPurposes, type StaffAccount } from '../auth/staff-accounts.ts';
import type { WebContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { echo, errorsFrom, form, formError, refusalSentence, required, type FormErrors } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { readRecordForm, recordInputs } from '../record-form.ts';
import { formRoute } from './form-route.ts';
import { PAGE, type RouteModule } from './module.ts';
import { addWords } from './person-file.ts';

const ID = z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'must be one of the choices');
const Person = z.object({ personId: z.uuid('the person id must be a UUID') });
const AddQuery = z.object({ purpose: ID.optional(), type: ID.optional() });
/** The purpose and type, then the type's own fields (only known once the type is): strings, at most 100,000 characters. */
const AddBody = form({
  purpose: required('Select why you are adding to this file', 80),
  type: required('Select what to add', 80),
}).catchall(z.string().max(100_000, 'This must be 100,000 characters or fewer'));

const callFor = (staff: StaffAccount, purpose: string): Call => ({
  actor: staffActor(staff),
  purpose,
  channel: 'web',
});

/** The record type as this person may write it, or 403: the gate decides, never a list kept here. */
async function writableType(
  ctx: WebContext,
  staff: StaffAccount,
  personId: string,
  purpose: string,
  type: string,
) {
  const found = (await writableTypes(ctx.store, callFor(staff, purpose), personId)).find(
    (t) => t.id === type,
  );
  if (!found) throw new HttpError(403, 'You may not add this kind of record to this file for this reason.');
  return found;
}

/** The add-a-record form, with what was typed and its problems. */
function formPage(
  ctx: WebContext,
  personId: string,
  purpose: string,
  type: WritableType,
  body: Record<string, unknown> = {},
  errors?: FormErrors,
) {
  const failed = errors ? readRecordForm(type.fields, body).failedDates : {};
  return {
    title: addWords(type.name),
    personId,
    purpose,
    type,
    purposeName: staffNameOf(lookup(ctx.manifest).activities.get(purpose)!),
    inputs: recordInputs(type.fields, echo(body), errors, failed),
    ...(errors && { errors }),
  };
}

/** For each of the person's purposes (or the one named), the types they may add to this file. */
async function choices(ctx: WebContext, staff: StaffAccount, personId: string, purpose?: string) {
  const activities = lookup(ctx.manifest).activities;
  const purposes = staffPurposes(ctx.manifest, staff).filter((p) => !purpose || p === purpose);
  const out = [];
  for (const p of purposes) {
    const types = await writableTypes(ctx.store, callFor(staff, p), personId);
    out.push({
      purposeName: staffNameOf(activities.get(p)!),
      links: types.map((t) => ({
        href: `/staff/people/${personId}/add?purpose=${encodeURIComponent(p)}&type=${t.id}`,
        text: addWords(t.name),
      })),
    });
  }
  return out;
}

/** A refusal of the write that names a payload field, shown at that field. */
function refusal(error: unknown): FormErrors | undefined {
  if (!(error instanceof InputError)) return undefined;
  const field = error.field.replace(/^payload\./, '').split(/[.[]/)[0]!;
  return formError(field, refusalSentence(new InputError(field, error.reason)));
}

export const staffRecordRoutes: RouteModule = (app, ctx) => {
  const guard = requireStaff(ctx);

  app.get(
    '/staff/people/:personId/add',
    { schema: { ...PAGE, params: Person, querystring: AddQuery }, onRequest: guard },
    async (request, reply) => {
      const staff = request.visitor.staff!;
      const { personId } = request.params;
      const { purpose, type } = request.query;
      if (!purpose || !type)
        return reply.page('pages/staff/add-choose.njk', {
          title: 'Add to this file',
          personId,
          choices: await choices(ctx, staff, personId, purpose),
        });
      const writable = await writableType(ctx, staff, personId, purpose, type);
      return reply.page('pages/staff/add-record.njk', formPage(ctx, personId, purpose, writable));
    },
  );

  formRoute(app, '/staff/people/:personId/add', {
    guard,
    params: Person,
    body: AddBody,
    view: 'pages/staff/add-record.njk',
    page: async ({ params, body, request }, errors) => {
      const { purpose, type } = echo(body);
      if (!purpose || !type || !ID.safeParse(purpose).success || !ID.safeParse(type).success)
        throw new HttpError(400, 'The form does not say what to add or why.');
      const writable = await writableType(ctx, request.visitor.staff!, params.personId, purpose, type);
      return formPage(ctx, params.personId, purpose, writable, body as Record<string, unknown>, errors);
    },
    refusal: (error) => (error instanceof FormProblems ? error.errors : refusal(error)),
    run: async ({ params, body, request }) => {
      const staff = request.visitor.staff!;
      const writable = await writableType(ctx, staff, params.personId, body.purpose, body.type);
      const read = readRecordForm(writable.fields, body);
      if (read.issues.length) throw new FormProblems(errorsFrom(read.issues));
      await addRecordToFile(ctx.store, callFor(staff, body.purpose), {
        controllerId: ctx.controllerId,
        personId: params.personId,
        recordType: writable.id,
        payload: read.payload,
      });
      return `/staff/people/${params.personId}?purpose=${encodeURIComponent(body.purpose)}&added=${writable.id}`;
    },
  });
};

/** The form's own problems with the type's fields, shown again like the schema's. */
class FormProblems extends Error {
  constructor(readonly errors: FormErrors) {
    super('the form has problems');
  }
}
