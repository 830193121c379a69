/**
 * The DPO's review of break-glass: every grant (who, whose file, for what purpose, when, the reason
 * given), how many accesses were made under it, and whether it has been reviewed. A review is one
 * more event in the audit log ("break-glass.reviewed", naming the grant), so the log stays the
 * single, append-only account of emergency access and of who looked at it afterwards.
 */
import { appendAudit } from '../audit/append.ts';
import { NotFound } from './errors.ts';
import { BREAK_GLASS_GRANT, BREAK_GLASS_MINUTES } from './break-glass.ts';
import { auditEvent, type Call, type Store } from './store.ts';

export const BREAK_GLASS_REVIEWED = 'break-glass.reviewed';

export interface BreakGlassUse {
  /** The grant's place in the audit log. */
  seq: string;
  at: Date;
  actor: string;
  purpose: string | null;
  personId: string;
  reason: string;
  /** Accesses audited under the grant's reason while it lasted. */
  accesses: number;
  reviewedBy: string | null;
  reviewedAt: Date | null;
}

interface Row {
  seq: string | number;
  at: Date;
  actor: string;
  purpose: string | null;
  person_id: string;
  reason: string;
  accesses: string | number;
  reviewed_by: string | null;
  reviewed_at: Date | null;
}

const grantRef = (seq: string) => `grant ${seq}`;

/** The latest grants, newest first, with their accesses and review. */
export async function breakGlassUses(
  store: Store,
  controllerId: string,
  limit = 200,
): Promise<BreakGlassUse[]> {
  const rows = await store.db.query<Row>(
    `select g.seq, g.at, g.actor, g.purpose, g.person_id, g.reason,
            (select count(*) from audit_events a
              where a.actor = g.actor and a.person_id = g.person_id and a.reason = g.reason
                and a.action <> g.action and a.at >= g.at
                and a.at <= g.at + make_interval(mins => $3::int)) as accesses,
            rv.actor as reviewed_by, rv.at as reviewed_at
       from audit_events g
       left join lateral (
         select v.actor, v.at from audit_events v
          where v.person_id = g.person_id and v.action = $2 and v.reason = 'grant ' || g.seq
          order by v.seq limit 1) rv on true
      where g.action = '${BREAK_GLASS_GRANT}' and g.controller_id = $1 and g.outcome = 'allowed'
      order by g.seq desc limit $4`,
    [controllerId, BREAK_GLASS_REVIEWED, BREAK_GLASS_MINUTES, limit],
  );
  return rows.map((r) => ({
    seq: String(r.seq),
    at: new Date(r.at),
    actor: r.actor,
    purpose: r.purpose,
    personId: r.person_id,
    reason: r.reason.replace(/^break-glass: /, ''),
    accesses: Number(r.accesses),
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at ? new Date(r.reviewed_at) : null,
  }));
}

/** Mark a grant as reviewed by the caller; marking one already reviewed changes nothing. */
export async function markBreakGlassReviewed(
  store: Store,
  call: Call,
  controllerId: string,
  seq: string,
): Promise<void> {
  const [grant] = await store.db.query<{ person_id: string; reviewed: boolean }>(
    `select g.person_id, exists (select 1 from audit_events v
             where v.person_id = g.person_id and v.action = $4 and v.reason = $5) as reviewed
       from audit_events g
      where g.seq = $1::bigint and g.controller_id = $2 and g.action = $3 and g.outcome = 'allowed'`,
    [seq, controllerId, BREAK_GLASS_GRANT, BREAK_GLASS_REVIEWED, grantRef(seq)],
  );
  if (!grant) throw new NotFound('the emergency access');
  if (grant.reviewed) return;
  await store.db.transaction((tx) =>
    appendAudit(tx, [
      auditEvent(call, controllerId, store.now(), {
        action: BREAK_GLASS_REVIEWED,
        outcome: 'allowed',
        personId: grant.person_id,
        reason: grantRef(seq),
      }),
    ]),
  );
}
