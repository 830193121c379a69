/** An audit event and its place in the hash chain. */
import { createHash } from 'node:crypto';
import { canonical } from './canonical.ts';

export type Outcome = 'allowed' | 'denied';
export type Channel = 'web' | 'api' | 'cli' | 'portal' | 'system';

export interface AuditEvent {
  controllerId: string;
  at: Date;
  actor: string;
  actorKind: 'staff' | 'third-party' | 'subject' | 'service' | 'system';
  purpose?: string | null;
  personId?: string | null;
  recordIds?: readonly string[];
  action: string;
  fields?: readonly string[];
  channel: Channel;
  outcome: Outcome;
  reason?: string | null;
}

/** The previous hash of the first event: 32 zero bytes, in hex. */
export const GENESIS_HASH = '00'.repeat(32);

/**
 * sha256 of the previous hash in hex followed by the canonical text, as hex. The database computes
 * the same on append (`sha256(convert_to(encode(prev, 'hex') || canonical, 'UTF8'))`), canonical.ts says what the
 * canonical text is.
 */
export function chainHash(prevHex: string, e: AuditEvent): string {
  return createHash('sha256').update(prevHex).update(canonical(e)).digest('hex');
}
