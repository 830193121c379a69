/**
 * The released subject access pack, given again: to the person downloading it from the portal, or
 * to a caseworker sending it again. No redacted text is kept (ADR 0007): the review keeps its
 * decisions and the zip's SHA-256, so the pack is rebuilt exactly as releasePack built it (the same
 * items, the caseworker's redactions, the release day and moment, the access history cut where the
 * review cut it) and then proven to be the same pack by that digest. If anything it was made from
 * has changed since (a record corrected, disposed of or erased, a consent or disclosure added),
 * the rebuild is a different pack, so nothing is given and the refusal says why: a new pack needs
 * a caseworker's review.
 */
import { createHash } from 'node:crypto';
import { appendAudit } from '../../audit/append.ts';
import { readDocument } from '../../records/documents.ts';
import { NotFound } from '../../records/errors.ts';
import { auditEvent, type Call, type Store } from '../../records/store.ts';
import type { Queryable } from '../../store/db.ts';
import { auditingDenials, gateSubject } from '../requests/gate.ts';
import { checkId } from '../requests/input.ts';
import { loadRequest } from '../requests/rows.ts';
import { buildPack } from '../sar/build.ts';
import { SAR_PURPOSE } from '../sar/purposes.ts';
import { readPackSource } from '../sar/source.ts';
import { packZip, type PackFile } from '../sar/zip.ts';
import { checkSarPurpose } from './access.ts';
import { sameDigest } from './digest.ts';
import { PackNotAsReleased } from './errors.ts';
import { exemptionSummary, finalRedactor, outsideReview, releasedItems } from './final.ts';
import { loadItems, loadRedactions } from './rows.ts';

export interface ReleasedPack {
  requestId: string;
  reviewId: string;
  releasedOn: string;
  zip: Uint8Array;
  /** The zip's SHA-256, hex: the one recorded at release. */
  sha256: string;
}

interface ReleasedRow {
  id: string;
  person_id: string;
  controller_id: string;
  purposes: string[];
  accesses_until_seq: number;
  released_on: string;
  released_at: Date;
  release_sha256: Uint8Array;
}

const ACTION = 'sar.download';

async function loadReleased(q: Queryable, requestId: string): Promise<ReleasedRow | undefined> {
  const [row] = await q.query<ReleasedRow>(
    `select id, person_id, controller_id, purposes, accesses_until_seq, released_on, released_at, release_sha256
       from sar_reviews where request_id = $1 and status = 'released'`,
    [requestId],
  );
  return row;
}

/**
 * Who reads the file for the rebuild. Not the caller: the pack holds the person's parts of other
 * people's records, and the other people's names its redactions were found by, which a person may
 * not read through the gate (and a caseworker sending it again may not have the same fields as
 * the one who released it). So Custos itself reads what the release read, named by the review in
 * the audit log; none of it reaches the caller unless the result is byte for byte the pack the
 * caseworker released, which the digest proves.
 */
function rebuildCall(review: ReleasedRow): Call {
  return {
    actor: { id: `sar-release:${review.id}`, kind: 'system', controllerId: review.controller_id, roles: [] },
    purpose: SAR_PURPOSE,
    channel: 'system',
    forRequestOf: review.person_id,
  };
}

async function rebuild(store: Store, call: Call, review: ReleasedRow): Promise<Uint8Array> {
  const [items, redactions] = await Promise.all([
    loadItems(store.db, review.id),
    loadRedactions(store.db, review.id),
  ]);
  const source = await readPackSource(store, call, review.person_id, {
    today: review.released_on,
    purposes: review.purposes,
    accessesUpToSeq: review.accesses_until_seq,
  });
  const held = new Set([...source.own, ...source.mentions, ...source.documents].map((x) => x.id));
  const pack = buildPack(
    { ...source, withheld: outsideReview(items, source) },
    {
      status: 'released',
      generatedAt: review.released_at,
      redactor: finalRedactor(redactions),
      include: releasedItems(items),
      exemptions: exemptionSummary(items, (id) => held.has(id)),
    },
  );
  const files: PackFile[] = [];
  for (const d of pack.documents)
    files.push({ documentId: d.id, content: (await readDocument(store, call, d.id)).content });
  return packZip(pack, files);
}

/**
 * The pack released for this request, proven the same as released. The caller must be allowed to
 * read the requester's details for the subject-access purpose (a person: only their own). Refused,
 * audited as a denied `sar.download`: a malformed or unknown request (NotFound), one with no
 * released pack (NotFound), and a rebuild that differs from the release (PackNotAsReleased).
 */
export async function releasedPack(store: Store, call: Call, requestIdInput: string): Promise<ReleasedPack> {
  const controllerId = call.actor.controllerId;
  const request = await auditingDenials(store, call, controllerId, ACTION, undefined, async () => {
    const row = await loadRequest(store.db, checkId(requestIdInput, 'requestId'));
    if (!row || row.controller_id !== controllerId) throw new NotFound('the request (requestId)');
    return row;
  });
  const guarded = <T>(fn: () => Promise<T>) =>
    auditingDenials(store, call, controllerId, ACTION, request.person_id, fn);
  const review = await guarded(async () => {
    checkSarPurpose(store, call, controllerId);
    await gateSubject(store, call, controllerId, request.person_id, 'read');
    const row = await loadReleased(store.db, request.id);
    if (!row) throw new NotFound('a released pack for this request (requestId)');
    return row;
  });
  const zip = await guarded(() => rebuild(store, rebuildCall(review), review));
  const digest = createHash('sha256').update(zip).digest();
  await guarded(async () => {
    if (!sameDigest(digest, review.release_sha256))
      throw new PackNotAsReleased(
        'requestId',
        `the information the pack released on ${review.released_on} was made from has changed since ` +
          '(corrected, disposed of, erased or added to), so it cannot be given again as released: ' +
          'a new pack needs a caseworker’s review',
      );
  });
  const sha256 = digest.toString('hex');
  await appendAudit(store.db, [
    auditEvent(call, controllerId, store.now(), {
      action: ACTION,
      outcome: 'allowed',
      personId: request.person_id,
      recordIds: [request.id, review.id],
      reason: `the pack released on ${review.released_on}, the same as released (sha256 ${sha256})`,
    }),
  ]);
  return { requestId: request.id, reviewId: review.id, releasedOn: review.released_on, zip, sha256 };
}

/** When this request's pack was released, if it was (ids and dates only: nothing to gate). */
export async function releaseOf(
  q: Queryable,
  requestId: string,
): Promise<{ reviewId: string; releasedOn: string } | undefined> {
  const [row] = await q.query<{ id: string; released_on: string }>(
    "select id, released_on from sar_reviews where request_id = $1 and status = 'released'",
    [requestId],
  );
  return row && { reviewId: row.id, releasedOn: row.released_on };
}
