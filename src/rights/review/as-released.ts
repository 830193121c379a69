/**
 * The released pack, the one way the release makes it and giving it again checks it: the review's
 * decisions applied to the source, the documents read, and the zip kept sealed under the
 * requester's data key (ADR 0013), so erasing the person erases the kept copy with the rest.
 */
import { readDocument } from '../../records/documents.ts';
import type { Call, Store } from '../../records/store.ts';
import { aad, sealBytes, unsealBytes } from '../../store/person-keys.ts';
import { buildPack } from '../sar/build.ts';
import type { PackSource } from '../sar/source.ts';
import type { SarPack } from '../sar/types.ts';
import type { PackFile } from '../sar/zip.ts';
import { exemptionSummary, finalRedactor, outsideReview, releasedItems } from './final.ts';
import { place, type ItemRow, type RedactionRow } from './rows.ts';

/** The pack the caseworker's decisions make of the source, dated with the release's moment. */
export function packAsReleased(
  source: PackSource,
  items: readonly ItemRow[],
  redactions: readonly RedactionRow[],
  releasedAt: Date,
): SarPack {
  const held = new Set([...source.own, ...source.mentions, ...source.documents].map((x) => x.id));
  return buildPack(
    { ...source, withheld: outsideReview(items, source) },
    {
      status: 'released',
      generatedAt: releasedAt,
      redactor: finalRedactor(redactions),
      include: releasedItems(items),
      exemptions: exemptionSummary(items, (id) => held.has(id)),
    },
  );
}

/** The bytes of each document the pack lists, each read through the gate. */
export async function documentsOf(store: Store, call: Call, pack: SarPack): Promise<PackFile[]> {
  const files: PackFile[] = [];
  for (const d of pack.documents)
    files.push({ documentId: d.id, content: (await readDocument(store, call, d.id)).content });
  return files;
}

interface ReviewPlace {
  id: string;
  controller_id: string;
  person_id: string;
}

const keptAt = (review: ReviewPlace) => aad(review.controller_id, review.person_id, place.pack(review.id));

/** The released zip sealed for keeping, bound to its review. */
export function sealKeptPack(dataKey: Buffer, review: ReviewPlace, zip: Uint8Array): Buffer {
  return sealBytes(dataKey, Buffer.from(zip), keptAt(review));
}

/** The kept zip, opened; throws if the key is gone (the person erased) or the bytes were altered. */
export function openKeptPack(dataKey: Buffer, review: ReviewPlace, sealed: Uint8Array): Buffer {
  return unsealBytes(dataKey, sealed, keptAt(review));
}
