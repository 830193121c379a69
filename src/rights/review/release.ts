/**
 * Releasing a reviewed pack. Refused, with the reason, an audit event and nothing released: before
 * the review is complete; for a request that is not an access request or not under way (in
 * progress or extended); while the requester's identity is unverified; when it came through a
 * representative whose authority does not hold on the day; when a reviewed text has changed since
 * the review. Otherwise the pack is read afresh through the gate, the caseworker's decisions are
 * applied, the documents are read (each through the gate), and the zip is built; then, in one
 * transaction, the review is marked released with the zip's digest, the zip itself sealed under the
 * requester's key and a keyed digest of the data it was made from (so it can be given again as
 * released whatever Custos's pack layout becomes: ADR 0013), the request is completed with its
 * event, and both are audited. A release after the clock's deadline says so, in calendar days,
 * in the completed event's (sealed) note and the audit reason.
 */
import { createHash } from 'node:crypto';
import { appendAudit } from '../../audit/append.ts';
import { auditEvent, type Call, type Store } from '../../records/store.ts';
import type { Queryable } from '../../store/db.ts';
import { aad, seal } from '../../store/person-keys.ts';
import { authorityIn } from '../representatives/authority.ts';
import { auditingDenials } from '../requests/gate.ts';
import { clockInput, computeDue } from '../requests/due.ts';
import { checkPastDate, ukDate } from '../requests/input.ts';
import { loadClarifications, loadRequest, place, type RequestRow } from '../requests/rows.ts';
import { checkTransition } from '../requests/transitions.ts';
import { readPackSource, type PackSource } from '../sar/source.ts';
import type { SarPack } from '../sar/types.ts';
import { packZip } from '../sar/zip.ts';
import { openReview, type OpenedReview } from './access.ts';
import { documentsOf, packAsReleased, sealKeptPack } from './as-released.ts';
import { digestKey } from './digest.ts';
import { ReleaseRefused } from './errors.ts';
import { releasedItems } from './final.ts';
import { MADE_FROM_VERSION, madeFromDigest } from './made-from.ts';
import { loadFields, loadItems, loadRedactions, loadReview, type ReviewRow } from './rows.ts';
import { lateReleaseText, notReleasableBecause } from './releasable.ts';
import { changedFields } from './view.ts';

export interface ReleaseInput {
  /** The day the pack is sent (default today). */
  on?: string;
}

export interface Release {
  reviewId: string;
  requestId: string;
  releasedOn: string;
  /** The request's status afterwards. */
  status: 'completed';
  pack: SarPack;
  zip: Uint8Array;
  sha256: string;
}

const ACTION = 'sar.release';

async function lastEventDay(q: Queryable, requestId: string): Promise<string> {
  const [row] = await q.query<{ on_date: string }>(
    'select on_date from request_events where request_id = $1 order by n desc limit 1',
    [requestId],
  );
  return row!.on_date;
}

/** The refusals that need no personal data: the review, the request, identity, authority, the date. */
async function checkReleasable(store: Store, review: ReviewRow, request: RequestRow, input: ReleaseInput) {
  const today = ukDate(store.now());
  const on = checkPastDate(input?.on ?? today, 'on', today);
  if (request.right !== 'access')
    throw new ReleaseRefused(
      'not-an-access-request',
      'requestId',
      `is a request for ${request.right}, not access`,
    );
  if (review.status === 'released')
    throw new ReleaseRefused(
      'already-released',
      'reviewId',
      `the pack was released on ${review.released_on}`,
    );
  if (review.status !== 'complete')
    throw new ReleaseRefused(
      'review-incomplete',
      'reviewId',
      review.status === 'open'
        ? 'the review is not complete: decide every proposed redaction and mark it complete first'
        : `the review was ${review.status}`,
    );
  const notYet = notReleasableBecause(request.status);
  if (notYet) throw new ReleaseRefused('request-status', 'requestId', notYet);
  if (!request.id_received_on && !review.identity_verified_on)
    throw new ReleaseRefused(
      'identity-unverified',
      'identity',
      "the requester's identity has not been verified: record the ID received on the request, or the check made in the review",
    );
  if (request.representative_id) {
    const authority = await authorityIn(store.db, request.representative_id, request.person_id, 'access', on);
    if (!authority.ok)
      throw new ReleaseRefused(
        'no-authority',
        'representativeId',
        `the representative may not receive it: ${authority.detail}`,
      );
  }
  const last = await lastEventDay(store.db, request.id);
  if (on < last)
    throw new ReleaseRefused('request-status', 'on', `${on} is before the request's last event (${last})`);
  return on;
}

/** "Released N days after the deadline" when the release day is past the clock's deadline. */
async function lateness(tx: Queryable, request: RequestRow, on: string): Promise<string | undefined> {
  const clarifications = await loadClarifications(tx, request.id);
  const due = computeDue(clockInput(request, clarifications, on));
  return lateReleaseText(due.due, on);
}

/** Every reviewed record's text must be as reviewed, and no record may have gained unreviewed text. */
function checkUnchanged(
  opened: OpenedReview,
  source: PackSource,
  fields: Awaited<ReturnType<typeof loadFields>>,
  include: ReturnType<typeof releasedItems>,
) {
  const reviewed = new Map(fields.map((f) => [`${f.record_id}/${f.field}`, f]));
  const key = digestKey(opened.key);
  const records = [...source.own.map((r) => ({ ...r, parts: [] as string[] })), ...source.mentions];
  for (const r of records) {
    if (!include('record', r.id)) continue;
    const changed = changedFields(key, source, r, reviewed);
    if (changed.length)
      throw new ReleaseRefused(
        'changed-since-review',
        'reviewId',
        `record ${r.id} (${changed.join(', ')}) has changed since the review started: restart the review`,
      );
  }
}

/** What the release records of the pack: the zip, its digest, and the digest of what it was made from. */
interface Released {
  zip: Uint8Array;
  sha256: string;
  madeFrom: Buffer;
  summary: string;
  at: Date;
}

async function recordRelease(
  store: Store,
  call: Call,
  opened: OpenedReview,
  on: string,
  released: Released,
): Promise<void> {
  const { zip, sha256, madeFrom, summary } = released;
  const now = store.now();
  const reviewId = opened.review.id;
  await store.db.transaction(async (tx) => {
    const request = (await loadRequest(tx, opened.request.id, true))!;
    const review = (await loadReview(tx, reviewId, true))!;
    // Checked again under the locks: another caseworker may have moved either since.
    if (review.status !== 'complete')
      throw new ReleaseRefused('review-incomplete', 'reviewId', `the review is now ${review.status}`);
    const notNow = notReleasableBecause(request.status);
    if (notNow) throw new ReleaseRefused('request-status', 'requestId', notNow);
    checkTransition(request.status, 'completed');
    const late = await lateness(tx, request, on);
    await tx.query(
      `update sar_reviews set status = 'released', released_on = $2, released_at = $3, released_by = $4,
         release_sha256 = $5, release_bytes = $6, updated_at = $7, release_zip = $8, release_made_from = $9,
         release_made_from_version = $10 where id = $1`,
      [
        reviewId,
        on,
        released.at,
        call.actor.id,
        Buffer.from(sha256, 'hex'),
        zip.length,
        now,
        sealKeptPack(opened.key, review, zip),
        madeFrom,
        MADE_FROM_VERSION,
      ],
    );
    const [counted] = await tx.query<{ n: number }>(
      'select count(*)::int + 1 as n from request_events where request_id = $1',
      [request.id],
    );
    // A late release is said so in the completed event's note, sealed like every event note.
    const where = aad(request.controller_id, request.person_id, place.event(request.id, counted!.n));
    const sealed = late ? seal(opened.key, { note: late }, where) : null;
    await tx.query(
      `insert into request_events (request_id, controller_id, n, from_status, to_status, on_date, at, actor, actor_kind,
         reason_code, note) values ($1, $2, $3, $4, 'completed', $5, $6, $7, $8, null, $9)`,
      [
        request.id,
        request.controller_id,
        counted!.n,
        request.status,
        on,
        now,
        call.actor.id,
        call.actor.kind,
        sealed,
      ],
    );
    await tx.query("update rights_requests set status = 'completed', updated_at = $2 where id = $1", [
      request.id,
      now,
    ]);
    const base = {
      outcome: 'allowed' as const,
      personId: request.person_id,
      recordIds: [request.id, reviewId],
    };
    await appendAudit(tx, [
      auditEvent(call, request.controller_id, now, { ...base, action: ACTION, reason: summary }),
      auditEvent(call, request.controller_id, now, {
        ...base,
        action: 'rights-request.transition',
        reason: `${request.status} → completed (pack released${late ? `; ${late.toLowerCase()}` : ''})`,
      }),
    ]);
  });
}

export async function releasePack(
  store: Store,
  call: Call,
  reviewId: string,
  input: ReleaseInput = {},
): Promise<Release> {
  const opened = await openReview(store, call, reviewId, ACTION);
  const { review, request } = opened;
  const controllerId = review.controller_id;
  const guarded = <T>(fn: () => Promise<T>) =>
    auditingDenials(store, call, controllerId, ACTION, review.person_id, fn);
  const on = await guarded(() => checkReleasable(store, review, request, input));
  const [items, fields, redactions] = await Promise.all([
    loadItems(store.db, review.id),
    loadFields(store.db, review.id),
    loadRedactions(store.db, review.id),
  ]);
  const source = await readPackSource(store, call, review.person_id, {
    today: on,
    purposes: review.purposes,
    accessesUpToSeq: review.accesses_until_seq,
  });
  const include = releasedItems(items);
  await guarded(async () => checkUnchanged(opened, source, fields, include));
  // The pack's moment is kept as the release's, so a pack released before Custos kept the zip can
  // still be rebuilt byte for byte (released.ts) while its layout is unchanged.
  const packedAt = store.now();
  const pack = packAsReleased(source, items, redactions, packedAt);
  const files = await documentsOf(store, { ...call, forRequestOf: review.person_id }, pack);
  const zip = await packZip(pack, files);
  const sha256 = createHash('sha256').update(zip).digest('hex');
  const summary =
    `${pack.records.length} records, ${pack.documents.length} documents, ${pack.redactions.length} passages redacted, ` +
    `${items.filter((i) => i.exemption).length} items withheld; zip sha256 ${sha256}`;
  const madeFrom = madeFromDigest(opened.key, source, pack, files);
  await guarded(() =>
    recordRelease(store, call, opened, on, { zip, sha256, madeFrom, summary, at: packedAt }),
  );
  return {
    reviewId: review.id,
    requestId: request.id,
    releasedOn: on,
    status: 'completed',
    pack,
    zip,
    sha256,
  };
}
