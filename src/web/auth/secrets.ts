/**
 * The web application's own keys, derived from the master key ring so every instance serving one
 * database derives the same ones and nothing new has to be distributed. Each use has its own
 * label, so a key for one purpose is never a key for another.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MasterKeyRing } from '../../store/keys.ts';
import { openWith, sealWith } from '../../store/keys.ts';

/** A 32-byte key for one purpose of the web application. */
export function webKey(keys: MasterKeyRing, label: 'totp'): Buffer {
  // lookupKey derives from the oldest master key, so these survive key rotation; "web:" cannot
  // collide with a controller id (ids are lower-case words joined by hyphens).
  return keys.lookupKey(`web:${label}`);
}

export function sealSecret(keys: MasterKeyRing, plain: string, aad: string): Buffer {
  return sealWith(webKey(keys, 'totp'), Buffer.from(plain, 'utf8'), aad);
}

export function openSecret(keys: MasterKeyRing, sealed: Uint8Array, aad: string): string {
  return openWith(webKey(keys, 'totp'), Buffer.from(sealed), aad).toString('utf8');
}

/** A random token for a cookie or a one-time link, and the hash the database keeps of it. */
export function newToken(prefix = ''): { token: string; hash: Buffer } {
  const token = prefix + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
