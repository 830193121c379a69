/**
 * The redaction review of a subject access pack, server-rendered and usable without JavaScript:
 * every item with its free text shown in full and each proposed redaction highlighted; accept or
 * reject each, add one by quoting the words, withhold an item under an exemption with reasons,
 * record the identity check, complete, release. The review module checks and audits each step.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { lookup } from '../../manifest/lookup.ts';
import type { Manifest } from '../../manifest/schema.ts';
import type { Call } from '../../records/store.ts';
import { isFreeText } from '../../rights/sar/redact.ts';
import { dayWords, labelWords, ownDateOf, partsWords, presentValue } from '../../rights/sar/present.ts';
import { readRequest } from '../../rights/requests/index.ts';
import {
  addRedaction,
  completeReview,
  decideRedaction,
  DECISIONS,
  EXEMPTION_CODES,
  EXEMPTIONS,
  exemptItem,
  IDENTITY_METHODS,
  ITEM_KINDS,
  mustStartWork,
  notReleasableBecause,
  readReview,
  releasePack,
  reopenReview,
  startReview,
  verifyIdentity,
  type ExemptionCode,
  type ReviewField,
  type ReviewSpan,
  type ReviewView,
} from '../../rights/review/index.ts';
import type { WebContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { echo, form, formError, formErrors, required, type FormErrors } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { PAGE, type RouteModule } from './module.ts';
import { domainFormError, liveReviewId, RequestParams, staffRightsCall } from './rights-shared.ts';

const optional = (max: number) => z.string().max(max, `This must be ${max} characters or fewer`).optional();
const ID = z.uuid('Choose an item from the review');

const Decide = form({ decision: z.enum(DECISIONS, { error: 'Choose to accept or reject the redaction' }) });
const Add = form({
  recordId: ID,
  field: z.string().min(1).max(80),
  text: required('Enter the words to redact, exactly as they appear', 2000),
  reason: z.enum(EXEMPTION_CODES, { error: 'Choose the exemption that applies to these words' }),
});
const Exempt = form({
  kind: z.enum(ITEM_KINDS),
  itemId: ID,
  exemption: z.union([z.enum(EXEMPTION_CODES), z.literal('')], { error: 'Choose an exemption' }),
  note: optional(4000),
});
const Identity = form({
  method: z.enum(IDENTITY_METHODS, { error: 'Choose how you checked their identity' }),
  givenName: required('Enter the first name shown on the evidence', 100),
  familyName: required('Enter the last name shown on the evidence', 100),
  dateOfBirth: optional(10),
  postcode: optional(10),
  note: optional(2000),
});
const Empty = form({});
const RedactionParams = RequestParams.extend({
  n: z.coerce.number().int('the redaction number must be a whole number').min(1).max(1_000_000),
});

/** A problem with what was typed that this page finds itself, shown on the form. */
class FormProblem extends Error {
  constructor(readonly errors: FormErrors) {
    super('form problem');
  }
}

export interface Segment {
  text: string;
  span?: ReviewSpan;
}

/** The field's text cut at its redactions (overlaps clipped), so each can be highlighted. */
export function segments(value: string, spans: readonly ReviewSpan[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const start = Math.max(span.start, at);
    if (span.end <= start) continue;
    if (start > at) out.push({ text: value.slice(at, start) });
    out.push({ text: value.slice(start, span.end), span });
    at = span.end;
  }
  if (at < value.length) out.push({ text: value.slice(at) });
  return out;
}

const EXEMPTION_ITEMS = EXEMPTION_CODES.map((code) => ({
  code,
  text: `${EXEMPTIONS[code].label} (${EXEMPTIONS[code].reference})`,
}));

/**
 * A field as the caseworker reads it. Text that can hold a redaction stays exactly as held (the
 * redactions are offsets into it); any other value is written as the pack's cover writes it, by
 * the same presenter, so the caseworker sees what the person will.
 */
function presentField(itemId: string, f: ReviewField) {
  const free = isFreeText(f.type) || f.spans.length > 0;
  const asHeld = typeof f.value === 'string' ? f.value : f.value == null ? '' : JSON.stringify(f.value);
  const value = free ? asHeld : presentValue(f, f.value);
  return {
    ...f,
    label: labelWords(f, f.label),
    id: `${itemId}-${f.name}`,
    free,
    segments: segments(value, f.spans),
  };
}

function present(manifest: Manifest, view: ReviewView) {
  const types = lookup(manifest).recordTypes;
  return view.items.map((item) => {
    // The day is enough in a heading: when it happened if the type says, else when it was added.
    const createdOn = item.createdAt ? dayWords(item.createdAt) : null;
    if (item.kind !== 'record') return { ...item, createdAt: createdOn, fields: [] };
    const held = Object.fromEntries(item.fields.map((f) => [f.name, f.value]));
    const own = ownDateOf(item.recordType ? types.get(item.recordType) : undefined, held);
    return {
      ...item,
      createdAt: own ? dayWords(own.value) : createdOn,
      parts: partsWords(item.parts),
      fields: item.fields.map((f) => presentField(item.id, f)),
    };
  });
}

interface Extra {
  errors?: FormErrors;
  values?: Record<string, string>;
}

async function renderReview(
  ctx: WebContext,
  call: Call,
  reply: FastifyReply,
  requestId: string,
  extra: Extra = {},
) {
  const request = await readRequest(ctx.store, call, requestId);
  if (request.right !== 'access')
    throw new HttpError(404, 'Only a subject access request has a pack to review.');
  const reviewId = await liveReviewId(ctx.store.db, request.id);
  const review = reviewId ? await readReview(ctx.store, call, reviewId) : undefined;
  return reply.page('pages/rights/review.njk', {
    title: 'Review the subject access pack',
    request,
    review,
    items: review ? present(ctx.manifest, review) : [],
    exemptions: EXEMPTION_ITEMS,
    methods: IDENTITY_METHODS,
    // Said before the release button, so no one presses it to learn the work must be started.
    startFirst: mustStartWork(request.status),
    notReleasable: sentence(notReleasableBecause(request.status)),
    ...extra,
  });
}

export const rightsReviewRoutes: RouteModule = (app, ctx) => {
  const guard = requireStaff(ctx, { purpose: 'rights', staffOnly: true });
  const base = '/staff/requests/:requestId/review';
  const page = (path: string) => `/staff/requests/${path}/review`;

  /** A POST on the review: run the step, then back to the page, or the page again with the problem. */
  function step<S extends z.ZodType, P extends z.ZodType>(
    path: string,
    body: S,
    params: P,
    run: (call: Call, reviewId: string, body: z.infer<S>, params: z.infer<P>) => Promise<unknown>,
    fields: (body: Record<string, string>) => Record<string, string> = () => ({}),
  ) {
    app.post(
      path,
      {
        schema: { ...PAGE, params, body },
        attachValidation: true,
        onRequest: guard,
        preHandler: app.csrfProtection,
      },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const call = staffRightsCall(ctx, request.visitor.staff!);
        const p = request.params as z.infer<P> & { requestId: string };
        const values = echo(request.body);
        const again = (errors: FormErrors) =>
          renderReview(ctx, call, reply.code(400), p.requestId, { errors, values });
        const invalid = formErrors(request);
        if (invalid) return again(remap(invalid, fields(values)));
        const reviewId = await liveReviewId(ctx.store.db, p.requestId);
        if (!reviewId && !path.endsWith('/start')) return again(formError('start', 'Start the review first'));
        try {
          await run(call, reviewId ?? '', request.body as z.infer<S>, p);
        } catch (error) {
          if (error instanceof FormProblem) return again(error.errors);
          return again(domainFormError(error, fields(values), Object.values(fields(values))[0] ?? 'review'));
        }
        return reply.redirect(page(p.requestId), 303);
      },
    );
  }

  app.get(base, { schema: { ...PAGE, params: RequestParams }, onRequest: guard }, async (request, reply) =>
    renderReview(ctx, staffRightsCall(ctx, request.visitor.staff!), reply, request.params.requestId),
  );

  step(`${base}/start`, Empty, RequestParams, (call, _id, _b, p) =>
    startReview(ctx.store, call, p.requestId),
  );
  step(
    `${base}/redactions/:n`,
    Decide,
    RedactionParams,
    (call, id, b, p) => decideRedaction(ctx.store, call, id, { n: p.n, decision: b.decision }),
    () => ({ n: 'review', decision: 'review' }),
  );
  step(
    `${base}/add`,
    Add,
    RequestParams,
    async (call, id, b) => {
      const review = await readReview(ctx.store, call, id);
      const item = review.items.find((i) => i.id === b.recordId.toLowerCase());
      const field = item?.kind === 'record' ? item.fields.find((f) => f.name === b.field) : undefined;
      const where = `${b.recordId}-${b.field}-text`;
      if (!field || typeof field.value !== 'string')
        throw new FormProblem(formError(where, 'That is not a text of a record in this review'));
      const start = field.value.indexOf(b.text);
      if (start < 0)
        throw new FormProblem(formError(where, 'Those words are not in this text: copy them exactly'));
      return addRedaction(ctx.store, call, id, {
        recordId: b.recordId,
        field: b.field,
        start,
        end: start + b.text.length,
        reason: b.reason,
      });
    },
    (v) => ({
      text: `${v.recordId}-${v.field}-text`,
      end: `${v.recordId}-${v.field}-text`,
      reason: `${v.recordId}-${v.field}-reason`,
    }),
  );
  step(
    `${base}/exempt`,
    Exempt,
    RequestParams,
    async (call, id, b) => {
      if (b.exemption && !b.note?.trim())
        throw new FormProblem(formError(`${b.itemId}-note`, 'Enter why the exemption applies to this item'));
      return exemptItem(ctx.store, call, id, {
        kind: b.kind,
        itemId: b.itemId,
        exemption: (b.exemption || null) as ExemptionCode | null,
        note: b.note?.trim() || undefined,
      });
    },
    (v) => ({ exemption: `${v.itemId}-exemption`, note: `${v.itemId}-note` }),
  );
  step(
    `${base}/identity`,
    Identity,
    RequestParams,
    (call, id, b) =>
      verifyIdentity(ctx.store, call, id, {
        method: b.method,
        presented: {
          givenName: b.givenName,
          familyName: b.familyName,
          ...(b.dateOfBirth?.trim() && { dateOfBirth: b.dateOfBirth.trim() }),
          ...(b.postcode?.trim() && { postcode: b.postcode.trim() }),
        },
        note: b.note?.trim() || undefined,
      }),
    () => ({
      method: 'method',
      givenName: 'givenName',
      familyName: 'familyName',
      dateOfBirth: 'dateOfBirth',
      postcode: 'postcode',
      presented: 'dateOfBirth',
      note: 'note',
    }),
  );
  step(
    `${base}/complete`,
    Empty,
    RequestParams,
    (call, id) => completeReview(ctx.store, call, id),
    () => ({
      reviewId: 'complete',
    }),
  );
  step(
    `${base}/reopen`,
    Empty,
    RequestParams,
    (call, id) => reopenReview(ctx.store, call, id),
    () => ({
      reviewId: 'complete',
    }),
  );
  step(
    `${base}/release`,
    Empty,
    RequestParams,
    (call, id) => releasePack(ctx.store, call, id),
    () => ({
      reviewId: 'release',
      requestId: 'release',
      identity: 'release',
      representativeId: 'release',
      on: 'release',
    }),
  );
};

const sentence = (text: string | undefined) => text && `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

/** A form's own field names mapped to the ids of the inputs on this page. */
function remap(errors: FormErrors, ids: Record<string, string>): FormErrors {
  const fields: FormErrors['fields'] = {};
  for (const [name, message] of Object.entries(errors.fields)) fields[ids[name] ?? name] ??= message;
  return { fields, list: Object.entries(fields).map(([f, m]) => ({ text: m.text, href: `#${f}` })) };
}
