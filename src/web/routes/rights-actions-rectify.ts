/**
 * Rectification (UK GDPR Art. 16) for staff: pick the person's own details or one of their records
 * and the field, give the correct value and the reason; the page then lists the organisations to
 * tell of the correction (Art. 19) and shows the sealed history of corrections. The rights module
 * gates, checks (the value against the field's type) and audits each correction.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { lookup } from '../../manifest/lookup.ts';
import type { Manifest, RecordType } from '../../manifest/schema.ts';
import { AccessDenied, InputError } from '../../records/errors.ts';
import { readPersonFile, type PersonFile } from '../../records/records.ts';
import { PERSON_TYPE, manifestFor, type Call } from '../../records/store.ts';
import { recipientsToTell } from '../../rights/erasure/recipients.ts';
import { correct, rectificationHistory } from '../../rights/rectification/index.ts';
import { disclosedToIfAllowed } from '../../sharing/recipients.ts';
import type { WebContext } from '../context.ts';
import { form, required } from '../forms.ts';
import { fieldLabel, formatValue } from '../present.ts';
import { ukDate } from '../views.ts';
import { PAGE, type RouteModule } from './module.ts';
import {
  act,
  actionPage,
  backWith,
  postOptions,
  requestFor,
  SUBJECT_PREFIXES,
  type PageExtra,
  type Subject,
} from './rights-actions-shared.ts';

/** An option's value: "<record type>/<record id, or person>/<field>". */
const TARGET = /^([a-z0-9][a-z0-9-]{0,80})\/(person|[0-9a-fA-F-]{36})\/([a-z][a-zA-Z0-9]{0,80})$/;

const Correct = form({
  target: z.string({ error: 'Choose what to correct' }).regex(TARGET, 'Choose what to correct'),
  value: z.string().max(4000, 'The correct value must be 4000 characters or fewer').optional(),
  reason: required('Enter why the value held was wrong', 4000),
});

/** The page after a save names the correction just made, by id, so a refresh corrects nothing. */
const Done = z.object({ done: z.uuid('the correction id must be a UUID').optional() });

const IDS = {
  target: 'target',
  recordId: 'target',
  field: 'target',
  personId: 'target',
  requestId: 'target',
  value: 'value',
  reason: 'reason',
};

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

function options(type: RecordType, recordId: string, values: Record<string, unknown> | undefined) {
  return type.fields.map((f) => {
    const now = values ? formatValue(f, values[f.name]) : undefined;
    const shown = now === undefined ? '' : ` (now: ${now ? clip(now) : 'blank'})`;
    return { value: `${type.id}/${recordId}/${f.name}`, text: `${fieldLabel(f)}${shown}` };
  });
}

/** What may be corrected, as a select's groups: the person's details, then each record. */
function targets(manifest: Manifest, file: PersonFile | undefined) {
  const types = lookup(manifest).recordTypes;
  const groups = [
    { label: 'Their own details', options: options(types.get(PERSON_TYPE)!, 'person', file?.profile) },
  ];
  for (const r of file?.records ?? []) {
    const type = types.get(r.recordType);
    if (type)
      groups.push({
        label: `${type.name}, added ${ukDate(r.createdAt)}`,
        options: options(type, r.id, r.fields),
      });
  }
  return groups;
}

/** The value typed, as the field's type holds it; blank removes an optional field. */
function valueFor(manifest: Manifest, typeId: string, field: string, typed: string | undefined): unknown {
  const raw = (typed ?? '').trim();
  if (!raw) return null;
  const kind = lookup(manifest)
    .recordTypes.get(typeId)
    ?.fields.find((f) => f.name === field)?.type;
  if (kind === 'number' || kind === 'money') {
    const n = Number(raw.replace(/^£/, '').replace(/,/g, ''));
    if (!Number.isFinite(n)) throw new InputError('value', 'must be a number, such as 12.50');
    return n;
  }
  if (kind === 'boolean') {
    if (/^(yes|true)$/i.test(raw)) return true;
    if (/^(no|false)$/i.test(raw)) return false;
    throw new InputError('value', 'must be yes or no');
  }
  return raw;
}

async function fileOf(ctx: WebContext, call: Call, personId: string): Promise<PersonFile | undefined> {
  try {
    return await readPersonFile(ctx.store, call, personId);
  } catch (error) {
    // A restricted file is not shown (Art. 18); the person's own details can still be corrected.
    if (error instanceof AccessDenied) return undefined;
    throw error;
  }
}

type HistoryRow = ReturnType<typeof historyRows>[number];

function historyRows(manifest: Manifest, entries: Entries) {
  const types = lookup(manifest).recordTypes;
  return entries.map((e) => {
    const type = types.get(e.recordType);
    const field = type?.fields.find((f) => f.name === e.field);
    const shown = (v: unknown) => (field ? formatValue(field, v) : String(v ?? '')) || 'blank';
    return {
      at: e.at,
      what: `${e.recordId ? (type?.name ?? e.recordType) : 'Their own details'}: ${field ? fieldLabel(field) : e.field}`,
      old: shown(e.old),
      new: shown(e.new),
      reason: e.reason,
      requestId: e.requestId,
    };
  });
}

type Entries = Awaited<ReturnType<typeof rectificationHistory>>['entries'];

/**
 * The correction just made, if the actor may see it in the history: what it changed and the
 * organisations to tell of it (Art. 19): those the disclosure log shows received the person's
 * data (read through the gate, audited), and those the activities of its record type declare.
 */
async function justDone(
  ctx: WebContext,
  call: Call,
  personId: string,
  found: { entries: Entries; rows: HistoryRow[] },
  id?: string,
) {
  const at = id ? found.entries.findIndex((e) => e.id === id.toLowerCase()) : -1;
  if (at < 0) return undefined;
  const manifest = manifestFor(ctx.store, call.actor.controllerId);
  const disclosed = await disclosedToIfAllowed(ctx.store, call, personId);
  return {
    what: found.rows[at]!.what,
    recipients: recipientsToTell(manifest, [found.entries[at]!.recordType], disclosed ?? []),
    logRead: disclosed !== null,
  };
}

async function renderRectify(
  ctx: WebContext,
  call: Call,
  reply: FastifyReply,
  subject: Subject,
  extra: PageExtra = {},
) {
  const file = await fileOf(ctx, call, subject.personId);
  const history = await rectificationHistory(ctx.store, call, subject.personId);
  const rows = historyRows(ctx.manifest, history.entries);
  const { query, ...shown } = extra;
  return reply.page('pages/rights-actions/rectify.njk', {
    title: 'Correct the person’s data',
    subject,
    restricted: !file,
    groups: targets(ctx.manifest, file),
    history: rows,
    withheld: history.withheld,
    done: await justDone(ctx, call, subject.personId, { entries: history.entries, rows }, query?.done),
    ...shown,
  });
}

export const rightsActionsRectifyRoutes: RouteModule = (app, ctx) => {
  const render = (call: Call, reply: FastifyReply, subject: Subject, extra?: PageExtra) =>
    renderRectify(ctx, call, reply, subject, extra);
  actionPage(app, ctx, 'rectify', render, Done);
  for (const prefix of SUBJECT_PREFIXES) {
    const path = `${prefix.path}/rectify`;

    app.post(
      path,
      { schema: { ...PAGE, params: prefix.params, body: Correct }, ...postOptions(app, ctx) },
      (request, reply) =>
        act(
          ctx,
          request,
          reply,
          { render, path: 'rectify', form: 'correct', ids: IDS },
          async (call, subject) => {
            const [, typeId, recordId, field] = TARGET.exec(request.body.target)!;
            const done = await correct(ctx.store, call, {
              personId: subject.personId,
              recordId: recordId === 'person' ? null : recordId!.toLowerCase(),
              field: field!,
              value: valueFor(ctx.manifest, typeId!, field!, request.body.value),
              reason: request.body.reason,
              requestId: requestFor(subject, 'rectification') ?? null,
            });
            // The page then shows the organisations to tell of it (Art. 19), found again by its id.
            return backWith({ done: done.id });
          },
        ),
    );
  }
};
