/**
 * The register of people who act for a person (solicitors, advocates, MPs, attorneys, family
 * members), for the staff who handle rights requests: the list, each read through the gate and
 * audited, adding one with the rights they may use, the evidence of their authority and its
 * dates, and ending one's authority early (a power of attorney revoked, consent withdrawn) with the
 * reason. The rights module checks and seals it; a request through them is then checked against it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { RIGHTS } from '../../rights/requests/index.ts';
import { ukDate as isoDay } from '../../rights/requests/input.ts';
import {
  addRepresentative,
  endRepresentative,
  EVIDENCE_KINDS,
  listRepresentatives,
  readRepresentative,
  REPRESENTATIVE_KINDS,
  type Scope,
} from '../../rights/representatives/index.ts';
import { NotFound } from '../../records/errors.ts';
import { echo, form, formError, formErrors, required, type FormErrors } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { dateItems } from './date-input.ts';
import { PAGE, type RouteModule } from './module.ts';
import {
  checkDates,
  FIELD_IDS,
  inOrder,
  NewRepresentative,
  NONE,
  type Body,
} from './representatives-form.ts';
import {
  EVIDENCE_WORDS,
  KIND_WORDS,
  personHeading,
  presentRepresentative,
} from './representatives-shared.ts';
import { mergeErrors, RIGHT_LABELS } from './rights-intake-form.ts';
import { domainFormError, staffRightsCall } from './rights-shared.ts';

const Person = z.object({ personId: z.uuid('the person id must be a UUID') });
/** After adding or ending one, the page names it by id (never by a name) so a refresh changes nothing. */
const Added = z.object({
  added: z.uuid('the representative id must be a UUID').optional(),
  ended: z.uuid('the representative id must be a UUID').optional(),
});
const OneOf = Person.extend({ representativeId: z.uuid('the representative id must be a UUID') });
/** Ending an authority: why (sealed by the rights module); it ends today. */
const EndAuthority = form({ reason: required('Enter why their authority has ended', 4000) });
/** Each representative's end form has its own reason box, so errors point at the right one. */
const reasonId = (representativeId: string) => `end-reason-${representativeId}`;

interface Shown {
  errors?: FormErrors;
  values?: Record<string, string>;
  failed?: Record<string, string[]>;
  checkedScope?: string[];
  /** The id of the representative just added, for the success notification. */
  added?: string;
  /** The id of the representative whose authority was just ended, for the success notification. */
  ended?: string;
  /** The end form shown again with its problem: whose, and the reason typed. */
  ending?: { id: string; reason: string };
}

export const representativeRoutes: RouteModule = (app, ctx) => {
  const guard = requireStaff(ctx, { purpose: 'rights', staffOnly: true });
  const today = () => isoDay(ctx.store.now());

  async function page(request: FastifyRequest, reply: FastifyReply, personId: string, shown: Shown = {}) {
    const call = staffRightsCall(ctx, request.visitor.staff!);
    const person = await personHeading(ctx.store, call, personId);
    const reps = await listRepresentatives(ctx.store, call, ctx.controllerId, personId);
    const checked = new Set(shown.checkedScope ?? []);
    const representatives = reps.map((r) => presentRepresentative(r, today()));
    return reply.page('pages/representatives/list.njk', {
      // The name is in the heading, not the title, which browsers keep in their history.
      title: 'People who act for this person',
      heading: `People who act for ${person.name}`,
      personId,
      person,
      purpose: ctx.options.rightsPurpose,
      representatives,
      justAdded: representatives.find((r) => r.id === shown.added),
      justEnded: representatives.find((r) => r.id === shown.ended),
      kinds: REPRESENTATIVE_KINDS.map((k) => ({
        value: k,
        text: KIND_WORDS[k],
        selected: shown.values?.kind === k,
      })),
      scopes: [
        {
          value: 'all',
          text: 'Every right',
          hint: { text: 'Anything the person could do themself' },
          checked: checked.has('all'),
        },
        { divider: 'or' },
        ...RIGHTS.map((r) => ({ value: r, text: RIGHT_LABELS[r].text, checked: checked.has(r) })),
      ],
      evidence: [
        ...EVIDENCE_KINDS.map((k) => ({
          value: k,
          text: EVIDENCE_WORDS[k],
          checked: shown.values?.evidenceKind === k,
        })),
        { divider: 'or' },
        {
          value: NONE,
          text: 'None yet: they cannot act until it arrives',
          checked: shown.values?.evidenceKind === NONE,
        },
      ],
      startsItems: dateItems(shown.values, 'startsOn', shown.failed?.startsOn as never),
      expiresItems: dateItems(shown.values, 'expiresOn', shown.failed?.expiresOn as never),
      ...shown,
    });
  }

  const path = '/staff/people/:personId/representatives';
  app.get(
    path,
    { schema: { ...PAGE, params: Person, querystring: Added }, onRequest: guard },
    async (request, reply) =>
      page(request, reply, request.params.personId, {
        added: request.query.added?.toLowerCase(),
        ended: request.query.ended?.toLowerCase(),
      }),
  );

  app.post(
    path,
    {
      schema: { ...PAGE, params: Person, body: NewRepresentative },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      // attachValidation keeps the form's own problems for the page; a bad address is not one.
      if (request.validationError?.validationContext === 'params') throw request.validationError;
      const { personId } = request.params;
      const raw = (request.body ?? {}) as Record<string, unknown>;
      const scope = [raw.scope].flat().filter((s): s is string => typeof s === 'string');
      const values = echo(raw);
      const dates = checkDates(raw);
      const errors = mergeErrors(formErrors(request), dates.errors);
      const again = (e: FormErrors) =>
        page(request, reply.code(400), personId, {
          errors: inOrder(e),
          values,
          failed: dates.failed,
          checkedScope: scope,
        });
      if (errors) return again(errors);
      const body = request.body as Body;
      let added: string;
      try {
        added = await addRepresentative(ctx.store, staffRightsCall(ctx, request.visitor.staff!), {
          controllerId: ctx.controllerId,
          personId,
          agent: { name: body.name, ...(body.organisation && { organisation: body.organisation }) },
          kind: body.kind,
          scope: body.scope as Scope[],
          evidence:
            body.evidenceKind === NONE
              ? null
              : { kind: body.evidenceKind, reference: body.evidenceReference ?? '' },
          startsOn: dates.startsOn!,
          expiresOn: dates.expiresOn ?? null,
        });
      } catch (error) {
        return again(domainFormError(error, FIELD_IDS, 'name'));
      }
      return reply.redirect(`/staff/people/${personId}/representatives?added=${added}`, 303);
    },
  );

  app.post(
    `${path}/:representativeId/end`,
    {
      schema: { ...PAGE, params: OneOf, body: EndAuthority },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      if (request.validationError?.validationContext === 'params') throw request.validationError;
      const personId = request.params.personId.toLowerCase();
      const id = request.params.representativeId.toLowerCase();
      const call = staffRightsCall(ctx, request.visitor.staff!);
      // The path names both: the representative must be on this person's register.
      if ((await readRepresentative(ctx.store, call, id)).personId !== personId)
        throw new NotFound('the representative');
      const raw = (request.body ?? {}) as Record<string, unknown>;
      const again = (e: FormErrors) =>
        page(request, reply.code(400), personId, {
          errors: e,
          ending: { id, reason: typeof raw.reason === 'string' ? raw.reason : '' },
        });
      const invalid = formErrors(request);
      if (invalid) return again(formError(reasonId(id), Object.values(invalid.fields)[0]!.text));
      try {
        await endRepresentative(ctx.store, call, id, { endedOn: today(), reason: request.body.reason });
      } catch (error) {
        return again(domainFormError(error, {}, reasonId(id)));
      }
      return reply.redirect(`/staff/people/${personId}/representatives?ended=${id}`, 303);
    },
  );
};
