/**
 * Appending audit events in one statement: the database locks the chain's head, numbers the
 * events, chains their hashes (sha256 of the previous hash and the event's canonical text) and
 * moves the head, all at once. Inside a transaction the events commit with the access they record;
 * on their own (a read) the statement is its own transaction, and no data is returned unless it
 * succeeded.
 */
import type { Queryable } from '../store/db.ts';
import { canonical, listsJson, type AuditEvent } from './event.ts';

/** Events per statement: the recursive chaining step joins back to its input, so batches stay modest. */
const CHUNK = 250;

const APPEND = `
with recursive
  input as (
    select * from unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[],
                         $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
      with ordinality as t(canon, c, a, ac, ak, pu, pe, re, act, f, ch, o, r, n)
  ),
  head as (select seq, hash from audit_head where id for update),
  chain (n, seq, prev, hash) as (
    select i.n, head.seq + 1, head.hash, sha256(convert_to(encode(head.hash, 'hex') || i.canon, 'UTF8'))
      from head join input i on i.n = 1
    union all
    select i.n, chain.seq + 1, chain.hash, sha256(convert_to(encode(chain.hash, 'hex') || i.canon, 'UTF8'))
      from chain join input i on i.n = chain.n + 1
  ),
  inserted as (
    insert into audit_events (seq, controller_id, at, actor, actor_kind, purpose, person_id, record_ids, action, fields,
                              channel, outcome, reason, prev_hash, hash)
    select chain.seq, i.c, i.a, i.ac, i.ak, i.pu, i.pe::uuid, array(select jsonb_array_elements_text(i.re::jsonb))::uuid[],
           i.act, array(select jsonb_array_elements_text(i.f::jsonb)), i.ch, i.o, i.r, chain.prev, chain.hash
    from chain join input i on i.n = chain.n
    returning seq, hash
  )
update audit_head set seq = last.seq, hash = last.hash
  from (select seq, hash from inserted order by seq desc limit 1) as last
  where audit_head.id
returning audit_head.seq`;

async function appendChunk(q: Queryable, events: readonly AuditEvent[]): Promise<number> {
  // Ids as PostgreSQL prints them (lower case), so the text hashed now is the text rebuilt later.
  const normalised = events.map((e) => ({
    ...e,
    personId: e.personId?.toLowerCase() ?? null,
    recordIds: (e.recordIds ?? []).map((id) => id.toLowerCase()),
  }));
  const lists = normalised.map(listsJson);
  const [row] = await q.query<{ seq: number }>(APPEND, [
    normalised.map((e, i) => canonical(e, lists[i])),
    normalised.map((e) => e.controllerId),
    normalised.map((e) => e.at),
    normalised.map((e) => e.actor),
    normalised.map((e) => e.actorKind),
    normalised.map((e) => e.purpose ?? null),
    normalised.map((e) => e.personId ?? null),
    lists.map((l) => l.recordIds),
    normalised.map((e) => e.action),
    lists.map((l) => l.fields),
    normalised.map((e) => e.channel),
    normalised.map((e) => e.outcome),
    normalised.map((e) => e.reason ?? null),
  ]);
  return row!.seq;
}

/** Append events; returns the sequence number of the last. */
export async function appendAudit(q: Queryable, events: readonly AuditEvent[]): Promise<number> {
  let last = 0;
  for (let start = 0; start < events.length; start += CHUNK)
    last = await appendChunk(q, events.slice(start, start + CHUNK));
  return last;
}
