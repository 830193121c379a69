/**
 * Starting a caseworker's review of an access request's pack: the pack is read through the gate,
 * the detectors propose redactions, and the review records what the pack held (item ids), each
 * free-text field's length and keyed digest, and each proposal's offsets, kind and reason, all
 * pending. The caseworker gets the review to work on, with the text as held.
 */
import { randomUUID } from 'node:crypto';
import { lookup } from '../../manifest/lookup.ts';
import { InputError, NotFound } from '../../records/errors.ts';
import { auditEvent, type Call, type Store } from '../../records/store.ts';
import { appendAudit } from '../../audit/append.ts';
import type { AuditEvent } from '../../audit/event.ts';
import type { Queryable } from '../../store/db.ts';
import { aad, unseal } from '../../store/person-keys.ts';
import { auditingDenials, gateSubject } from '../requests/gate.ts';
import { checkId, ukDate } from '../requests/input.ts';
import { loadRequest, type RequestRow } from '../requests/rows.ts';
import { isFreeText, redactField } from '../sar/redact.ts';
import { readPackSource, type PackSource } from '../sar/source.ts';
import { checkSarPurpose, loadKey } from './access.ts';
import { digestKey, fieldDigest } from './digest.ts';
import { loadFields, loadItems, loadRedactions, loadReview, place } from './rows.ts';
import { buildView, type ReviewView } from './view.ts';
import { REVIEWABLE_STATUSES } from './vocabulary.ts';

export interface StartOptions {
  /** The day the review starts (default today); the pack holds what was held then. */
  today?: string;
  /** Start again, superseding a review that is open or complete (its decisions are kept on file). */
  restart?: boolean;
}

const ACTION = 'sar-review.start';

/** The only basis the disclosure log lets withhold a disclosure from the person (sharing/disclose.ts). */
export const WITHHELD_DISCLOSURE_EXEMPTION = 'crime-and-taxation';

async function liveReview(q: Queryable, requestId: string, lock = false) {
  const [row] = await q.query<{ id: string; status: string }>(
    `select id, status from sar_reviews where request_id = $1 and status <> 'superseded'${lock ? ' for update' : ''}`,
    [requestId],
  );
  return row;
}

async function checkRequest(
  store: Store,
  call: Call,
  requestIdInput: string,
  restart: boolean,
): Promise<RequestRow> {
  const request = await loadRequest(store.db, checkId(requestIdInput, 'requestId'));
  if (!request || request.controller_id !== call.actor.controllerId)
    throw new NotFound('the request (requestId)');
  if (request.right !== 'access')
    throw new InputError(
      'requestId',
      `is a request for ${request.right}: only access requests have a pack to review`,
    );
  if (!(REVIEWABLE_STATUSES as readonly string[]).includes(request.status))
    throw new InputError('requestId', `the request is ${request.status}: its pack can no longer be reviewed`);
  const live = await liveReview(store.db, request.id);
  if (live?.status === 'released')
    throw new InputError('requestId', `the pack for this request was released (review ${live.id})`);
  if (live && !restart)
    throw new InputError(
      'requestId',
      `a review of this request is already ${live.status} (review ${live.id}); restart it to start again`,
    );
  return request;
}

interface Proposals {
  fields: { recordId: string; field: string; length: number; digest: Buffer }[];
  spans: { recordId: string; field: string; start: number; end: number; kind: string }[];
}

/** The detectors' proposals and the digest of every free-text field of every record in the pack. */
function propose(source: PackSource, key: Buffer): Proposals {
  const types = lookup(source.manifest).recordTypes;
  const out: Proposals = { fields: [], spans: [] };
  const records = [...source.own, ...source.mentions];
  for (const r of records) {
    for (const f of types.get(r.recordType)?.fields ?? []) {
      const text = r.fields[f.name];
      if (!isFreeText(f.type) || typeof text !== 'string') continue;
      out.fields.push({
        recordId: r.id,
        field: f.name,
        length: text.length,
        digest: fieldDigest(key, r.id, f.name, text),
      });
      for (const s of redactField(text, r.id, f.name, source.setting).redactions)
        out.spans.push({ recordId: r.id, field: f.name, start: s.start, end: s.end, kind: s.kind });
    }
  }
  return out;
}

async function insertReview(
  tx: Queryable,
  id: string,
  request: RequestRow,
  source: PackSource,
  proposals: Proposals,
  call: Call,
  now: Date,
): Promise<void> {
  const c = request.controller_id;
  await tx.query(
    `insert into sar_reviews (id, controller_id, request_id, person_id, status, purposes, started_on, started_by,
       accesses_until_seq, created_at, updated_at) values ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $9)`,
    [
      id,
      c,
      request.id,
      request.person_id,
      source.purposes,
      source.today,
      call.actor.id,
      // newest first: the first is the last access before this review
      source.history[0]?.seq ?? 0,
      now,
    ],
  );
  type Item = [kind: string, id: string, source: string, exemption: string | null, by: string | null];
  const items: Item[] = [
    ...source.own.map((r): Item => ['record', r.id, 'own', null, null]),
    ...source.mentions.map((m): Item => ['record', m.id, 'mention', null, null]),
    ...source.documents.map((d): Item => ['document', d.id, 'document', null, null]),
    // A disclosure the log withholds from the person starts withheld under crime and taxation, as
    // decided by whoever approved it; the caseworker may lift it.
    ...source.disclosures.map((d): Item => [
      'disclosure',
      d.id,
      'disclosure',
      d.withheldFromSubject ? WITHHELD_DISCLOSURE_EXEMPTION : null,
      d.withheldFromSubject ? (d.approvedBy ?? 'disclosure-log') : null,
    ]),
  ];
  // One statement per table, whatever the size of the pack.
  await tx.query(
    `insert into sar_review_items (review_id, controller_id, item_kind, item_id, source, exemption, exempted_by)
     select $1, $2, k, i, s, e, b from unnest($3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[]) as t(k, i, s, e, b)`,
    [id, c, ...[0, 1, 2, 3, 4].map((n) => items.map((i) => i[n]))],
  );
  const f = proposals.fields;
  await tx.query(
    `insert into sar_review_fields (review_id, controller_id, record_id, field, length, digest)
     select $1, $2, r, f, l, d from unnest($3::uuid[], $4::text[], $5::int[], $6::bytea[]) as t(r, f, l, d)`,
    [id, c, f.map((x) => x.recordId), f.map((x) => x.field), f.map((x) => x.length), f.map((x) => x.digest)],
  );
  const s = proposals.spans;
  await tx.query(
    `insert into sar_review_redactions (review_id, controller_id, n, record_id, field, start_at, end_at, kind, origin, reason)
     select $1, $2, n, r, f, a, b, k, 'proposed', 'third-party'
       from unnest($3::int[], $4::uuid[], $5::text[], $6::int[], $7::int[], $8::text[]) as t(n, r, f, a, b, k)`,
    [
      id,
      c,
      s.map((_, i) => i + 1),
      s.map((x) => x.recordId),
      s.map((x) => x.field),
      s.map((x) => x.start),
      s.map((x) => x.end),
      s.map((x) => x.kind),
    ],
  );
}

export async function startReview(
  store: Store,
  call: Call,
  requestId: string,
  options: StartOptions = {},
): Promise<ReviewView> {
  const controllerId = call.actor.controllerId;
  const request = await auditingDenials(store, call, controllerId, ACTION, undefined, () =>
    checkRequest(store, call, requestId, options.restart === true),
  );
  const personId = request.person_id;
  const key = await auditingDenials(store, call, controllerId, ACTION, personId, async () => {
    checkSarPurpose(store, call, controllerId);
    await gateSubject(store, call, controllerId, personId, 'read');
    return loadKey(store, personId, 'requestId');
  });
  const source = await readPackSource(store, call, personId, { today: options.today ?? ukDate(store.now()) });
  const dKey = digestKey(key);
  const proposals = propose(source, dKey);
  const id = randomUUID();
  const now = store.now();
  await auditingDenials(store, call, controllerId, ACTION, personId, () =>
    store.db.transaction(async (tx) => {
      const events: AuditEvent[] = [];
      // A restart supersedes the live review in the same transaction; the unique index on live
      // reviews refuses a second one started concurrently.
      const live = await liveReview(tx, request.id, true);
      if (live) {
        if (!options.restart || live.status === 'released')
          throw new InputError(
            'requestId',
            `a review of this request is already ${live.status} (review ${live.id})`,
          );
        await tx.query("update sar_reviews set status = 'superseded', updated_at = $2 where id = $1", [
          live.id,
          now,
        ]);
        events.push(
          reviewEvent(
            call,
            request,
            now,
            live.id,
            'superseded by a restarted review',
            'sar-review.supersede',
          ),
        );
      }
      await insertReview(tx, id, request, source, proposals, call, now);
      const withheld = source.disclosures.filter((d) => d.withheldFromSubject).length;
      const summary = `${source.own.length + source.mentions.length} records, ${source.documents.length} documents, ${source.disclosures.length} disclosures (${withheld} withheld), ${proposals.spans.length} redactions proposed`;
      events.push(reviewEvent(call, request, now, id, summary, ACTION));
      await appendAudit(tx, events);
    }),
  );
  return readRowsAndBuild(store, id, source, key);
}

/** An audit event about a review of `request`. */
function reviewEvent(
  call: Call,
  request: RequestRow,
  now: Date,
  reviewId: string,
  reason: string,
  action: string,
) {
  return auditEvent(call, request.controller_id, now, {
    action,
    outcome: 'allowed',
    personId: request.person_id,
    recordIds: [request.id, reviewId],
    reason,
  });
}

export async function readRowsAndBuild(
  store: Store,
  reviewId: string,
  source: PackSource,
  key: Buffer,
): Promise<ReviewView> {
  const review = (await loadReview(store.db, reviewId))!;
  const [items, fields, redactions] = await Promise.all([
    loadItems(store.db, reviewId),
    loadFields(store.db, reviewId),
    loadRedactions(store.db, reviewId),
  ]);
  const open = (sealed: Uint8Array, where: string) =>
    unseal<{ note?: string }>(key, sealed, aad(review.controller_id, review.person_id, where));
  return buildView(source, { review, items, fields, redactions }, digestKey(key), open, {
    exemption: (kind, itemId) => place.exemption(reviewId, kind, itemId),
    redaction: (n) => place.redaction(reviewId, n),
  });
}
