/**
 * POST /api/records: a service account pushes a record about a person. The call names its
 * purpose, which must be one the account's key allows; the record then passes the access gate
 * like any other write (the account's roles must allow writing that type and those fields) and is
 * audited on the "api" channel.
 */
import { z } from 'zod';
import { createRecord, MENTION_PARTS } from '../../records/records.ts';
import { serviceActor } from '../auth/api-keys.ts';
import { HttpError } from '../errors.ts';
import { requireApiKey } from '../guards.ts';
import type { RouteModule } from './module.ts';

const NewRecord = z.object({
  purpose: z
    .string()
    .min(1)
    .max(80)
    .describe('the activity this record is written for; your key must allow it'),
  personId: z.uuid(),
  recordType: z.string().min(1).max(80).describe("a record type the manifest declares (not 'person')"),
  payload: z.record(z.string(), z.unknown()).describe("the record's fields, as the manifest types them"),
  patch: z.string().max(80).optional(),
  team: z.string().max(80).optional(),
  assignedTo: z.string().max(120).optional().describe('the actor a job is assigned to, e.g. a contractor'),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  closedAt: z.iso.datetime({ offset: true }).optional(),
  mentions: z
    .array(z.object({ personId: z.uuid(), part: z.enum(MENTION_PARTS) }))
    .max(100)
    .optional(),
});

const Created = z.object({ id: z.uuid() });
const Problem = z.object({
  statusCode: z.number(),
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

export const apiRecordRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/api/records',
    {
      schema: {
        summary: 'Add a record about a person',
        description:
          'The record is checked against its type in the manifest, passes the access gate for the purpose named, is sealed under the person’s key and is audited.',
        tags: ['records'],
        security: [{ apiKey: [] }],
        body: NewRecord,
        response: { 201: Created, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
      onRequest: requireApiKey(ctx),
    },
    async (request, reply) => {
      const account = request.service!;
      const body = request.body;
      if (!account.purposes.includes(body.purpose))
        throw new HttpError(403, `this API key may not act for "${body.purpose}"`);
      const id = await createRecord(
        ctx.store,
        { actor: serviceActor(account), purpose: body.purpose, channel: 'api' },
        {
          controllerId: ctx.controllerId,
          personId: body.personId,
          recordType: body.recordType,
          payload: body.payload,
          patch: body.patch,
          team: body.team,
          assignedTo: body.assignedTo,
          occurredAt: body.occurredAt ? new Date(body.occurredAt) : undefined,
          closedAt: body.closedAt ? new Date(body.closedAt) : undefined,
          mentions: body.mentions,
        },
      );
      return reply.code(201).send({ id });
    },
  );
};
