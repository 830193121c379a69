/**
 * Verifying the chain inside the database: one scan in sequence order checks, for every event,
 * that it follows the previous one (no gap, the previous hash matches) and that its own hash is
 * sha256 of the previous hash and its canonical text rebuilt from its columns. Only the first
 * break crosses the wire, so verification runs at the database's speed.
 * The canonical text is the one canonical.ts defines; the tests check that this verifier and the
 * JavaScript one (verify.ts) agree on every kind of tampering.
 */
import type { Queryable } from '../store/db.ts';
import { canonicalSql } from './canonical.ts';
import type { ChainBreak, ChainReport } from './verify.ts';

const FIRST_BREAK = `
select seq, previous_seq, kind from (
  select seq, lag(seq) over w as previous_seq,
    case
      when seq <> coalesce(lag(seq) over w, 0) + 1 then 'deleted'
      when prev_hash <> coalesce(lag(hash) over w, decode(repeat('00', 32), 'hex')) then 'inserted-or-reordered'
      when hash <> sha256(convert_to(encode(prev_hash, 'hex') || ${canonicalSql('a')}, 'UTF8')) then 'edited'
    end as kind
  from audit_events a
  window w as (order by seq)
) checked
where kind is not null
order by seq
limit 1`;

const MESSAGES = {
  deleted: (seq: number, previous: number) => `events ${previous + 1} to ${seq - 1} are missing`,
  'inserted-or-reordered': (seq: number) => `event ${seq} does not follow event ${seq - 1}`,
  edited: (seq: number) => `event ${seq} was changed after it was written`,
};

export async function verifyChainInDatabase(db: Queryable): Promise<ChainReport> {
  const [found] = await db.query<{ seq: number; previous_seq: number | null; kind: keyof typeof MESSAGES }>(
    FIRST_BREAK,
  );
  if (found) {
    const previous = found.previous_seq ?? 0;
    const seq = found.kind === 'deleted' ? previous + 1 : found.seq;
    const chainBreak: ChainBreak = {
      seq,
      kind: found.kind,
      message: MESSAGES[found.kind](found.seq, previous),
    };
    return { ok: false, events: seq - 1, break: chainBreak };
  }
  const [tip] = await db.query<{
    events: number;
    last_seq: number | null;
    last_hash: string | null;
    head_seq: number;
    head_hash: string;
  }>(
    `select (select count(*) from audit_events)::int8 as events,
            (select seq from audit_events order by seq desc limit 1) as last_seq,
            (select encode(hash, 'hex') from audit_events order by seq desc limit 1) as last_hash,
            h.seq as head_seq, encode(h.hash, 'hex') as head_hash
     from audit_head h where h.id`,
  );
  const events = tip!.events;
  const lastHash = tip!.last_hash ?? '00'.repeat(32);
  if (tip!.head_seq !== (tip!.last_seq ?? 0) || tip!.head_hash !== lastHash) {
    return {
      ok: false,
      events,
      break: {
        seq: events + 1,
        kind: 'truncated',
        message: `the chain ends at event ${events} but ${tip!.head_seq} were written`,
      },
    };
  }
  return { ok: true, events };
}
