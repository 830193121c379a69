/**
 * Finding people without storing identifiers in clear: each identifier is normalised and hashed
 * with a key derived from the master key (HMAC-SHA-256). A dump of the database reveals no NI
 * number, email or name, and the tokens cannot be reversed without the master key.
 */
import { createHmac } from 'node:crypto';

export const LOOKUP_KINDS = [
  'ni-number',
  'customer-ref',
  'email',
  'phone',
  'family-name',
  'postcode',
] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

const NORMALISE: Record<LookupKind, (v: string) => string> = {
  'ni-number': (v) => v.replace(/\s+/g, '').toUpperCase(),
  'customer-ref': (v) => v.trim().toUpperCase(),
  email: (v) => v.trim().toLowerCase(),
  phone: (v) => v.replace(/[^\d+]/g, '').replace(/^\+44/, '0'),
  'family-name': (v) =>
    v
      .trim()
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z]/g, ''),
  postcode: (v) => v.replace(/\s+/g, '').toUpperCase(),
};

export function lookupToken(key: Buffer, kind: LookupKind, value: string): Buffer {
  return createHmac('sha256', key)
    .update(`${kind}:${NORMALISE[kind](value)}`)
    .digest();
}

/** Which profile field feeds which lookup. */
export const PROFILE_LOOKUPS: Record<LookupKind, string> = {
  'ni-number': 'niNumber',
  'customer-ref': 'customerRef',
  email: 'email',
  phone: 'phone',
  'family-name': 'familyName',
  postcode: 'postcode',
};
