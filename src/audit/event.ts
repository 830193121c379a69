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

/** The previous hash of the first event: 32 zero bytes, in hex. */
export const GENESIS_HASH = '00'.repeat(32);

/**
 * The bytes hashed for an event: every field in a fixed order, JSON-encoded so no separator
 * can be forged, with the sequence number. `fieldsJson` lets the verifier pass the field list as
 * the database already serialised it (field names are ASCII identifiers, so both encodings agree).
 */
export function canonical(seq: number, e: AuditEvent, fieldsJson = JSON.stringify(e.fields ?? [])): string {
  const head = JSON.stringify([
    seq,
    e.controllerId,
    e.at.getTime(),
    e.actor,
    e.actorKind,
    e.purpose ?? null,
    e.personId ?? null,
    e.recordId ?? null,
    e.action,
  ]);
  const tail = JSON.stringify([e.channel, e.outcome, e.reason ?? null]);
  return `${head.slice(0, -1)},${fieldsJson},${tail.slice(1)}`;
}

/** sha256(previous hash in hex ‖ canonical event), in hex: hex keeps verification free of byte copies. */
export function chainHash(prevHex: string, seq: number, e: AuditEvent, fieldsJson?: string): string {
  return createHash('sha256')
    .update(prevHex)
    .update(canonical(seq, e, fieldsJson))
    .digest('hex');
}
