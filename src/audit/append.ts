/**
 * Appending audit events in one statement: the database locks the chain's head, numbers the
 * events, chains their hashes (sha256 of the previous hash and the event's canonical text) and
 * moves the head, all at once. Inside a transaction the events commit with the access they record;
 * on their own (a read) the statement is its own transaction, and no data is returned unless it
 * succeeded.
 */
import type { Queryable } from '../store/db.ts';
import { canonicalSql } from './canonical.ts';
import type { AuditEvent } from './event.ts';

/** Events per statement: the recursive chaining step joins back to its input, so batches stay modest. */
export const AUDIT_CHUNK = 250;

const APPEND = `
with recursive
  input as (
    select t.n, t.controller_id, t.at, t.actor, t.actor_kind, t.purpose, t.person_id::uuid as person_id,
           array(select jsonb_array_elements_text(t.record_ids::jsonb))::uuid[] as record_ids,
           array(select jsonb_array_elements_text(t.fields::jsonb)) as fields,
           t.action, t.channel, t.outcome, t.reason
      from unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                  $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
        with ordinality as t(controller_id, at, actor, actor_kind, purpose, person_id, record_ids, action, fields,
                             channel, outcome, reason, n)
  ),
  canon as (select i.n, ${canonicalSql('i')} as text from input i),
  head as (select seq, hash from audit_head where id for update),
  chain (n, seq, prev, hash) as (
    select c.n, head.seq + 1, head.hash, sha256(convert_to(encode(head.hash, 'hex') || c.text, 'UTF8'))
      from head join canon c on c.n = 1
    union all
    select c.n, chain.seq + 1, chain.hash, sha256(convert_to(encode(chain.hash, 'hex') || c.text, 'UTF8'))
      from chain join canon c on c.n = chain.n + 1
  ),
  inserted as (
    insert into audit_events (seq, controller_id, at, actor, actor_kind, purpose, person_id, record_ids, action, fields,
                              channel, outcome, reason, prev_hash, hash)
    select chain.seq, i.controller_id, i.at, i.actor, i.actor_kind, i.purpose, i.person_id, i.record_ids, i.action,
           i.fields, i.channel, i.outcome, i.reason, chain.prev, chain.hash
    from chain join input i on i.n = chain.n
    returning seq, hash
  )
update audit_head set seq = last.seq, hash = last.hash
  from (select seq, hash from inserted order by seq desc limit 1) as last
  where audit_head.id
returning audit_head.seq`;

async function appendChunk(q: Queryable, events: readonly AuditEvent[]): Promise<number> {
  const [row] = await q.query<{ seq: number }>(APPEND, [
    events.map((e) => e.controllerId),
    events.map((e) => e.at),
    events.map((e) => e.actor),
    events.map((e) => e.actorKind),
    events.map((e) => e.purpose ?? null),
    events.map((e) => e.personId ?? null),
    events.map((e) => JSON.stringify(e.recordIds ?? [])),
    events.map((e) => e.action),
    events.map((e) => JSON.stringify(e.fields ?? [])),
    events.map((e) => e.channel),
    events.map((e) => e.outcome),
    events.map((e) => e.reason ?? null),
  ]);
  return row!.seq;
}

/** Append events; returns the sequence number of the last. */
export async function appendAudit(q: Queryable, events: readonly AuditEvent[]): Promise<number> {
  let last = 0;
  for (let start = 0; start < events.length; start += AUDIT_CHUNK)
    last = await appendChunk(q, events.slice(start, start + AUDIT_CHUNK));
  return last;
}
