/**
 * Recording a rights request that arrived by phone, letter, email or in person (issue 7): staff
 * find the person with the gated, audited search (the identifier is posted, never put in an
 * address or a log), then record the right, the day it was received (the statutory clock starts
 * then, so it may be in the past but never in the future), how it arrived, the requester's own
 * words and who made it. A representative's authority is checked for that right on that day; one
 * without authority is shown with the reason, and is recorded and refused only if staff say so.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findPeople } from '../../records/find-people.ts';
import { AccessDenied, NotFound } from '../../records/errors.ts';
import { checkAuthority, listRepresentatives } from '../../rights/representatives/index.ts';
import { createRequest } from '../../rights/requests/index.ts';
import { ukDate as isoDay } from '../../rights/requests/input.ts';
import { echo, formError, formErrors, type FormErrors } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { ukDate } from '../views.ts';
import { dateItems } from './date-input.ts';
import { PAGE, type RouteModule } from './module.ts';
import { personHeading, presentRepresentative } from './representatives-shared.ts';
import {
  channelItems,
  Find,
  idKindItems,
  Intake,
  intakeErrors,
  rightItems,
  SELF,
  whoItems,
  FIELD_IDS,
  type IntakeBody,
} from './rights-intake-form.ts';
import { domainFormError, staffRightsCall } from './rights-shared.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NewQuery = z.object({ person: z.uuid('the person id must be a UUID').optional() });

interface Shown {
  errors?: FormErrors;
  values?: Record<string, string>;
  failedDate?: string[];
  /** The refusal of a representative's authority, offered to be recorded as such. */
  noAuthority?: string;
}

export const rightsIntakeRoutes: RouteModule = (app, ctx) => {
  const guard = requireStaff(ctx, { purpose: 'rights', staffOnly: true });
  const callOf = (request: FastifyRequest) => staffRightsCall(ctx, request.visitor.staff!);
  const today = () => isoDay(ctx.store.now());

  const findPage = (reply: FastifyReply, shown: Shown = {}) =>
    reply.page('pages/rights-intake/find.njk', {
      title: 'Record a rights request',
      idKinds: idKindItems(shown.values?.idKind),
      ...shown,
    });

  /** The request form for one person; throws NotFound or AccessDenied if the call may not act on them. */
  async function requestPage(
    request: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    shown: Shown = {},
  ) {
    const call = callOf(request);
    const person = await personHeading(ctx.store, call, personId);
    const reps = await listRepresentatives(ctx.store, call, ctx.controllerId, personId);
    const chosen = shown.values?.representativeId;
    const representatives = reps.map((r) => presentRepresentative(r, today()));
    return reply.page('pages/rights-intake/request.njk', {
      // The name is in the heading, not the title, which browsers keep in their history.
      title: 'Record a rights request',
      heading: `Record a rights request for ${person.name}`,
      personId,
      person,
      rights: rightItems(shown.values?.right),
      channels: channelItems(shown.values?.channel),
      dateItems: dateItems(shown.values, 'receivedOn', shown.failedDate as never),
      whoItems: whoItems(person.name, representatives, chosen),
      ...shown,
    });
  }

  app.get(
    '/staff/requests/new',
    { schema: { ...PAGE, querystring: NewQuery }, onRequest: guard },
    async (request, reply) => {
      const { person } = request.query;
      return person ? requestPage(request, reply, person) : findPage(reply);
    },
  );

  app.post(
    '/staff/requests/new/find',
    {
      schema: { ...PAGE, body: Find },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const values = echo(request.body);
      const errors = formErrors(request);
      if (errors) return findPage(reply.code(400), { errors, values });
      const { idKind, identifier } = request.body;
      const found = await findPeople(ctx.store, callOf(request), ctx.controllerId, idKind, identifier);
      if (found.length === 0)
        return findPage(reply.code(400), {
          errors: formError(
            'identifier',
            'No one you may act for has that identifier: check it and try again',
          ),
          values,
        });
      if (found.length === 1) return reply.redirect(`/staff/requests/new?person=${found[0]}`, 303);
      const people = [];
      for (const id of found) people.push({ id, ...(await personHeading(ctx.store, callOf(request), id)) });
      return reply.page('pages/rights-intake/choose.njk', {
        title: 'More than one person has that identifier',
        people,
      });
    },
  );

  app.post(
    '/staff/requests/new',
    {
      schema: { ...PAGE, body: Intake },
      attachValidation: true,
      onRequest: guard,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const values = echo(request.body);
      const personId = values.personId ?? '';
      const unknownPerson = () =>
        findPage(reply.code(400), {
          errors: formError(
            'identifier',
            'Find the person again: no one you may act for has the person id given',
          ),
        });
      const again = async (shown: Shown) => {
        try {
          return await requestPage(request, reply.code(400), personId, { values, ...shown });
        } catch (error) {
          if (error instanceof NotFound || error instanceof AccessDenied) return unknownPerson();
          throw error;
        }
      };
      if (!UUID.test(personId)) return unknownPerson();
      const checked = intakeErrors(request, today());
      if (checked.errors) return again({ errors: checked.errors, failedDate: checked.failedDate });
      const body = request.body as IntakeBody;
      const call = callOf(request);
      const receivedOn = checked.receivedOn!;
      const representativeId = body.representativeId === SELF ? null : body.representativeId;
      if (representativeId) {
        const reps = await listRepresentatives(ctx.store, call, ctx.controllerId, personId).catch(
          (error: unknown) => {
            if (error instanceof NotFound || error instanceof AccessDenied) return [];
            throw error;
          },
        );
        if (!reps.some((r) => r.id === representativeId))
          return again({ errors: formError('representativeId', 'Select who made the request') });
        const authority = await checkAuthority(ctx.store, representativeId, personId, body.right, receivedOn);
        if (!authority.ok && body.refuseNoAuthority !== 'yes') {
          const reason = authority.detail.replace(/\d{4}-\d{2}-\d{2}/g, (d) => ukDate(d));
          const message = `This representative may not make this request: ${reason}`;
          return again({ errors: formError('representativeId', message), noAuthority: reason });
        }
      }
      try {
        const created = await createRequest(ctx.store, call, {
          controllerId: ctx.controllerId,
          personId,
          right: body.right,
          channel: body.channel,
          receivedOn,
          representativeId,
          wording: body.wording,
        });
        return reply.redirect(`/staff/requests/${created.id}`, 303);
      } catch (error) {
        if (error instanceof NotFound || error instanceof AccessDenied) return unknownPerson();
        return again({ errors: domainFormError(error, FIELD_IDS, 'right') });
      }
    },
  );
};
