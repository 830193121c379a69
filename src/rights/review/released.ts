/**
 * The released subject access pack, given again: to the person downloading it from the portal, or
 * to a caseworker sending it again (ADR 0013). Since release keeps the zip, sealed under the
 * requester's data key, the kept bytes are given, checked against the digest recorded at release,
 * once what the pack was made from is shown unchanged: the file is read again as the release read
 * it and the keyed digest of the data (never its layout) compared with the one recorded. So a pack
 * survives any change to how Custos words or lays out packs, and is still refused when the
 * information itself has changed (a record corrected, disposed of or erased, a consent or
 * disclosure added): the person is never given data Custos no longer holds as released.
 *
 * A pack released before Custos kept the zip is rebuilt exactly as releasePack built it and given
 * only if its digest is the one recorded; if not, the refusal says it was made by an earlier
 * version of Custos and needs a new review, and never that the information changed, which Custos
 * cannot tell for it.
 */
import { createHash } from 'node:crypto';
import { appendAudit } from '../../audit/append.ts';
import { NotFound } from '../../records/errors.ts';
import { auditEvent, type Call, type Store } from '../../records/store.ts';
import type { Queryable } from '../../store/db.ts';
import { auditingDenials, gateSubject } from '../requests/gate.ts';
import { checkId } from '../requests/input.ts';
import { loadRequest } from '../requests/rows.ts';
import { SAR_PURPOSE } from '../sar/purposes.ts';
import { readPackSource } from '../sar/source.ts';
import { packZip } from '../sar/zip.ts';
import { checkSarPurpose, loadKey } from './access.ts';
import { documentsOf, openKeptPack, packAsReleased } from './as-released.ts';
import { sameDigest } from './digest.ts';
import { PackNotAsReleased } from './errors.ts';
import { MADE_FROM_VERSION, madeFromDigest } from './made-from.ts';
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
  /** The zip as released, sealed under the requester's key; null if released before Custos kept it. */
  release_zip: Uint8Array | null;
  release_made_from: Uint8Array | null;
  release_made_from_version: number | null;
}

const ACTION = 'sar.download';

async function loadReleased(q: Queryable, requestId: string): Promise<ReleasedRow | undefined> {
  const [row] = await q.query<ReleasedRow>(
    `select id, person_id, controller_id, purposes, accesses_until_seq, released_on, released_at, release_sha256,
            release_zip, release_made_from, release_made_from_version
       from sar_reviews where request_id = $1 and status = 'released'`,
    [requestId],
  );
  return row;
}

/**
 * Who reads the file again. Not the caller: the pack holds the person's parts of other people's
 * records, and the other people's names its redactions were found by, which a person may not read
 * through the gate (and a caseworker sending it again may not have the same fields as the one who
 * released it). So Custos itself reads what the release read, named by the review in the audit
 * log; none of it reaches the caller, who gets only the pack as released.
 */
function rebuildCall(review: ReleasedRow): Call {
  return {
    actor: { id: `sar-release:${review.id}`, kind: 'system', controllerId: review.controller_id, roles: [] },
    purpose: SAR_PURPOSE,
    channel: 'system',
    forRequestOf: review.person_id,
  };
}

/** The pack's content made again from the file as it is now, with the release's decisions and moment. */
async function remake(store: Store, review: ReleasedRow) {
  const call = rebuildCall(review);
  const [items, redactions] = await Promise.all([
    loadItems(store.db, review.id),
    loadRedactions(store.db, review.id),
  ]);
  const source = await readPackSource(store, call, review.person_id, {
    today: review.released_on,
    purposes: review.purposes,
    accessesUpToSeq: review.accesses_until_seq,
  });
  const pack = packAsReleased(source, items, redactions, review.released_at);
  return { source, pack, files: await documentsOf(store, call, pack) };
}

const changed = (review: ReleasedRow) =>
  new PackNotAsReleased(
    'changed',
    'requestId',
    `the information the pack released on ${review.released_on} was made from has changed since ` +
      '(corrected, disposed of, erased or added to), so it cannot be given again as released: ' +
      'a new pack needs a caseworker’s review',
  );

const earlierVersion = (review: ReleasedRow, what: string) =>
  new PackNotAsReleased(
    'earlier-version',
    'requestId',
    `the pack released on ${review.released_on} was made by an earlier version of Custos, which ${what}, ` +
      'so this version cannot give it again exactly as released: the DPO should review the person’s ' +
      'information again and release a new pack',
  );

/** The kept zip, given once the data it was made from is what it was at release. */
async function keptCopy(store: Store, review: ReleasedRow, kept: Uint8Array): Promise<Uint8Array> {
  if (review.release_made_from_version !== MADE_FROM_VERSION || !review.release_made_from)
    throw earlierVersion(review, 'recorded what packs are made from differently');
  const { source, pack, files } = await remake(store, review);
  const key = await loadKey(store, review.person_id, 'requestId');
  if (!sameDigest(madeFromDigest(key, source, pack, files), review.release_made_from)) throw changed(review);
  return openKeptPack(key, review, kept);
}

/** A pack released before Custos kept the zip: rebuilt, and given only if byte for byte the same. */
async function rebuiltCopy(store: Store, review: ReleasedRow): Promise<Uint8Array> {
  const { pack, files } = await remake(store, review);
  const zip = await packZip(pack, files);
  if (!sameDigest(sha256Of(zip), review.release_sha256)) throw earlierVersion(review, 'kept no copy of it');
  return zip;
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/**
 * The pack released for this request, exactly as released. The caller must be allowed to read the
 * requester's details for the subject-access purpose (a person: only their own). Refused, audited
 * as a denied `sar.download`: a malformed or unknown request (NotFound), one with no released pack
 * (NotFound), and a pack that cannot be given as released (PackNotAsReleased, saying why).
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
  const kept = review.release_zip;
  const zip = await guarded(() => (kept ? keptCopy(store, review, kept) : rebuiltCopy(store, review)));
  const digest = sha256Of(zip);
  // The kept copy is sealed, so only a fault (not a person) could make this differ: never serve it.
  if (!sameDigest(digest, review.release_sha256))
    throw new Error(`the kept pack of review ${review.id} does not match the digest recorded at its release`);
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
