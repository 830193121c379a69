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
  recordIds?: readonly string[];
  action: string;
  fields?: readonly string[];
  channel: Channel;
  outcome: Outcome;
  reason?: string | null;
}

/** The previous hash of the first event: 32 zero bytes, in hex. */
export const GENESIS_HASH = '00'.repeat(32);

/** The two lists, JSON-encoded, as the verifier can have the database serialise them. */
export interface ListsJson {
  recordIds: string;
  fields: string;
}

export function listsJson(e: AuditEvent): ListsJson {
  return { recordIds: JSON.stringify(e.recordIds ?? []), fields: JSON.stringify(e.fields ?? []) };
}

/**
 * The text hashed for an event: every field in a fixed order, JSON-encoded so no separator can
 * be forged. The position in the chain is carried by the previous hash, not by the sequence
 * number, so the database can number and chain a batch in the same statement. The lists (record
 * ids: lower-case UUIDs; field names: ASCII identifiers) encode the same in JavaScript and in
 * PostgreSQL's array_to_json, so the verifier can take them as the database serialises them.
 */
export function canonical(e: AuditEvent, lists: ListsJson = listsJson(e)): string {
  const head = JSON.stringify([
    e.controllerId,
    e.at.getTime(),
    e.actor,
    e.actorKind,
    e.purpose ?? null,
    e.personId ?? null,
  ]);
  const tail = JSON.stringify([e.action, e.channel, e.outcome, e.reason ?? null]);
  return `${head.slice(0, -1)},${lists.recordIds},${lists.fields},${tail.slice(1)}`;
}

/**
 * sha256 of the previous hash in hex followed by the canonical text, as hex. The database computes
 * the same on append (`sha256(convert_to(encode(prev, 'hex') || canonical, 'UTF8'))`).
 */
export function chainHash(prevHex: string, e: AuditEvent, lists?: ListsJson): string {
  return createHash('sha256').update(prevHex).update(canonical(e, lists)).digest('hex');
}
