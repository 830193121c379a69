/**
 * The released subject access pack, downloaded by the person it is about. The review module keeps
 * the release's digest, not the zip, so the pack is rebuilt from the released review exactly as
 * releasePack built it: the same items, the caseworker's redaction decisions, the release day and
 * the access history cut where the review cut it. A text changed since the review could misplace
 * a redaction, so then nothing is given and the person is asked to contact the landlord. The
 * rebuild is read as the portal (a system actor: a person may not read other people's records,
 * and mentions of them sit in those records), and the download is audited in the person's name.
 */
import { appendAudit } from '../../audit/append.ts';
import { readDocument } from '../../records/documents.ts';
import { auditEvent, type Call, type Store } from '../../records/store.ts';
import { loadKey } from '../../rights/review/access.ts';
import { digestKey } from '../../rights/review/digest.ts';
import { exemptionSummary, finalRedactor, releasedItems } from '../../rights/review/final.ts';
import { loadFields, loadItems, loadRedactions, loadReview } from '../../rights/review/rows.ts';
import { changedFields } from '../../rights/review/view.ts';
import { buildPack } from '../../rights/sar/build.ts';
import { readPackSource } from '../../rights/sar/source.ts';
import { packZip, type PackFile } from '../../rights/sar/zip.ts';
import { HttpError } from '../errors.ts';

export interface ReleasedPack {
  zip: Uint8Array;
  releasedOn: string;
}

/** The review of this request that was released, if any (ids and dates only). */
export async function releasedReview(
  store: Store,
  requestId: string,
): Promise<{ id: string; releasedOn: string; releasedAt: Date } | undefined> {
  const [row] = await store.db.query<{ id: string; released_on: string; released_at: Date }>(
    "select id, released_on, released_at from sar_reviews where request_id = $1 and status = 'released'",
    [requestId],
  );
  return row ? { id: row.id, releasedOn: row.released_on, releasedAt: row.released_at } : undefined;
}

export async function rebuildReleasedPack(
  store: Store,
  portal: Call,
  resident: Call,
  requestId: string,
): Promise<ReleasedPack> {
  const released = await releasedReview(store, requestId);
  if (!released) throw new HttpError(404, 'This request has no pack to download yet.');
  const review = (await loadReview(store.db, released.id))!;
  const [items, fields, redactions] = await Promise.all([
    loadItems(store.db, review.id),
    loadFields(store.db, review.id),
    loadRedactions(store.db, review.id),
  ]);
  const source = await readPackSource(store, portal, review.person_id, {
    today: released.releasedOn,
    purposes: review.purposes,
    accessesUpToSeq: review.accesses_until_seq,
  });
  const include = releasedItems(items);
  const reviewed = new Map(fields.map((f) => [`${f.record_id}/${f.field}`, f]));
  const key = digestKey(await loadKey(store, review.person_id, 'personId'));
  for (const r of [...source.own.map((x) => ({ ...x, parts: [] as string[] })), ...source.mentions])
    if (include('record', r.id) && changedFields(key, source, r, reviewed).length)
      throw new HttpError(
        409,
        'Some of this information has changed since your pack was prepared. Contact us and we will send it to you.',
      );
  const held = new Set([...source.own, ...source.mentions, ...source.documents].map((x) => x.id));
  const pack = buildPack(source, {
    status: 'released',
    generatedAt: released.releasedAt,
    redactor: finalRedactor(redactions),
    include,
    exemptions: exemptionSummary(items, (id) => held.has(id)),
  });
  const files: PackFile[] = [];
  for (const d of pack.documents) {
    const doc = await readDocument(store, { ...portal, forRequestOf: review.person_id }, d.id);
    files.push({ documentId: d.id, content: doc.content });
  }
  const zip = await packZip(pack, files);
  await appendAudit(store.db, [
    auditEvent(resident, review.controller_id, store.now(), {
      action: 'sar.download',
      outcome: 'allowed',
      personId: review.person_id,
      recordIds: [requestId, review.id],
      reason: `released pack downloaded by the person (${pack.records.length} records)`,
    }),
  ]);
  return { zip, releasedOn: released.releasedOn };
}
