/**
 * Sealing personal data under its subject's data key (AES-256-GCM, bound by its associated data to
 * the row it belongs to). The keys themselves live in the key vault (key-vault.ts).
 */
import { openWith, sealWith } from './keys.ts';

export class KeyDestroyedError extends Error {
  constructor() {
    super("this person's data key has been destroyed: their data is erased");
  }
}

/** Associated data binds a ciphertext to its place: it cannot be moved to another row or person. */
export function aad(controllerId: string, personId: string, place: string): string {
  return `${controllerId}/${personId}/${place}`;
}

export function seal(dataKey: Buffer, value: unknown, associated: string): Buffer {
  return sealWith(dataKey, Buffer.from(JSON.stringify(value), 'utf8'), associated);
}

export function sealBytes(dataKey: Buffer, bytes: Buffer, associated: string): Buffer {
  return sealWith(dataKey, bytes, associated);
}

export function unseal<T>(dataKey: Buffer | null | undefined, sealed: Uint8Array, associated: string): T {
  if (!dataKey) throw new KeyDestroyedError();
  return JSON.parse(openWith(dataKey, Buffer.from(sealed), associated).toString('utf8')) as T;
}

export function unsealBytes(
  dataKey: Buffer | null | undefined,
  sealed: Uint8Array,
  associated: string,
): Buffer {
  if (!dataKey) throw new KeyDestroyedError();
  return openWith(dataKey, Buffer.from(sealed), associated);
}

/** The associated data of a record's sealed payload. */
export function recordAad(controllerId: string, personId: string, recordId: string): string {
  return aad(controllerId, personId, `record/${recordId}`);
}
