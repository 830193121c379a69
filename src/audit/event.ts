/** An audit event and its place in the hash chain. */
import { createHash } from 'node:crypto';

export type Outcome = 'allowed' | 'denied';
export type Channel = 'web' | 'api' | 'cli' | 'portal' | 'system';

export interface AuditEvent {
  controllerId: string;
  at: Date;
  actor: string;
  actorKind: 'staff' | 'third-party' | 'subject' | 'service' | 'system';
  purpose?: string | null;
  personId?: string | null;
  recordId?: string | null;
  action: string;
  fields?: readonly string[];
  channel: Channel;
  outcome: Outcome;
  reason?: string | null;
}

export const GENESIS_HASH = Buffer.alloc(32);

/**
 * The bytes hashed for an event: every field in a fixed order, JSON-encoded so no separator
 * can be forged, with the sequence number and the previous hash.
 */
export function canonical(seq: number, e: AuditEvent): string {
  return JSON.stringify([
    seq,
    e.controllerId,
    e.at.toISOString(),
    e.actor,
    e.actorKind,
    e.purpose ?? null,
    e.personId ?? null,
    e.recordId ?? null,
    e.action,
    e.fields ?? [],
    e.channel,
    e.outcome,
    e.reason ?? null,
  ]);
}

export function chainHash(prev: Uint8Array, seq: number, e: AuditEvent): Buffer {
  return createHash('sha256').update(prev).update(canonical(seq, e)).digest();
}
