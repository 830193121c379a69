/**
 * Appending audit events inside the caller's transaction, so an event exists exactly when the
 * access it records committed. The head row is locked for the rest of the transaction, which
 * orders the chain by commit.
 */
import type { Queryable } from '../store/db.ts';
import { chainHash, type AuditEvent } from './event.ts';

export async function appendAudit(tx: Queryable, events: readonly AuditEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const [head] = await tx.query<{ seq: number; hash: string }>(
    "select seq, encode(hash, 'hex') as hash from audit_head where id for update",
  );
  let prev = head!.hash;
  let seq = head!.seq;
  const cols = {
    seq: [] as number[],
    controller: [] as string[],
    at: [] as Date[],
    actor: [] as string[],
    actorKind: [] as string[],
    purpose: [] as (string | null)[],
    person: [] as (string | null)[],
    record: [] as string[],
    action: [] as string[],
    fields: [] as string[],
    channel: [] as string[],
    outcome: [] as string[],
    reason: [] as (string | null)[],
    prev: [] as string[],
    hash: [] as string[],
  };
  for (const e of events) {
    seq += 1;
    const hash = chainHash(prev, seq, { ...e, recordIds: (e.recordIds ?? []).map((id) => id.toLowerCase()) });
    cols.seq.push(seq);
    cols.controller.push(e.controllerId);
    cols.at.push(e.at);
    cols.actor.push(e.actor);
    cols.actorKind.push(e.actorKind);
    cols.purpose.push(e.purpose ?? null);
    cols.person.push(e.personId ?? null);
    cols.record.push(JSON.stringify((e.recordIds ?? []).map((id) => id.toLowerCase())));
    cols.action.push(e.action);
    cols.fields.push(JSON.stringify(e.fields ?? []));
    cols.channel.push(e.channel);
    cols.outcome.push(e.outcome);
    cols.reason.push(e.reason ?? null);
    cols.prev.push(prev);
    cols.hash.push(hash);
    prev = hash;
  }
  // One statement for the whole batch: arrays in, rows out.
  await tx.query(
    `insert into audit_events (seq, controller_id, at, actor, actor_kind, purpose, person_id, record_ids, action, fields, channel, outcome, reason, prev_hash, hash)
     select s, c, a, ac, ak, pu, pe::uuid, array(select jsonb_array_elements_text(re::jsonb))::uuid[], act,
            array(select jsonb_array_elements_text(f::jsonb)), ch, o, r, decode(ph, 'hex'), decode(h, 'hex')
     from unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                 $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
          as t(s, c, a, ac, ak, pu, pe, re, act, f, ch, o, r, ph, h)`,
    [
      cols.seq,
      cols.controller,
      cols.at,
      cols.actor,
      cols.actorKind,
      cols.purpose,
      cols.person,
      cols.record,
      cols.action,
      cols.fields,
      cols.channel,
      cols.outcome,
      cols.reason,
      cols.prev,
      cols.hash,
    ],
  );
  await tx.query("update audit_head set seq = $1, hash = decode($2, 'hex') where id", [seq, prev]);
  return seq;
}
