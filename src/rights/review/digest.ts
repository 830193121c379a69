/**
 * A keyed digest of a reviewed field's text, so a release can tell the text is still what the
 * caseworker reviewed without the review keeping the text. The key is derived from the requester's
 * data key: when the person is erased the digests mean nothing, and a digest cannot be checked
 * against guessed text by anyone without that key.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

const INFO = 'custos/sar-review/field-digest/v1';

/** A key for one kind of digest, derived from the requester's data key (erasure makes it unknowable). */
export function derivedKey(dataKey: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));
}

export function digestKey(dataKey: Buffer): Buffer {
  return derivedKey(dataKey, INFO);
}

export function fieldDigest(key: Buffer, recordId: string, field: string, text: string): Buffer {
  return createHmac('sha256', key).update(`${recordId}\u0000${field}\u0000`).update(text, 'utf8').digest();
}

export function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
